import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Matrix, rocAucScore } from '../packages/ml/src/index.js';
import { carAboveAverage, creditProblems } from './bench-data.js';

const SRC = process.env.TREES_SRC ?? fileURLToPath(new URL('../packages/ml/src/', import.meta.url));
const ONLY = process.env.TREES_ONLY?.split(',');
const REPEAT = Number(process.env.TREES_REPEAT ?? 1);

interface Model {
  predictProba(X: Matrix): Float64Array;
}
type Fit = (X: Matrix, y: ArrayLike<number>, options: object) => Model;
const src = (p: string): string => pathToFileURL(`${SRC}/${p}`).href;
const dt: Fit = (await import(src('learners/decision-tree.js'))).DecisionTreeClassifier.fit;
const rf: Fit = (await import(src('learners/random-forest.js'))).RandomForestClassifier.fit;
const gb: Fit = (await import(src('learners/gradient-boosting.js'))).GradientBoostingClassifier.fit;

/** FNV-1a over the float64 bits of the predictions, folded into a running hash. */
function fingerprint(hash: number, p: Float64Array): number {
  const bytes = new Uint8Array(p.buffer, p.byteOffset, p.byteLength);
  let h = hash;
  for (let k = 0; k < bytes.length; k++) h = Math.imul(h ^ bytes[k]!, 16777619) >>> 0;
  return h;
}

interface Task {
  /** The TREES_ONLY name. */
  name: string;
  label: string;
  X: Matrix;
  y: Float64Array;
  Xv: Matrix;
  yv: Float64Array;
  fits: [Fit, object][];
}

function creditTasks(): Task[] {
  const base = creditProblems().tuning;
  const dts: [Fit, object][] = [];
  for (const maxDepth of [4, 5, 6])
    for (const minSamplesLeaf of [1, 5, 10, 15, 20, 100, 200, 500])
      dts.push([dt, { maxDepth, minSamplesLeaf }]);
  const rfs: [Fit, object][] = [];
  for (let n = 10; n <= 200; n += 10)
    rfs.push([rf, { nEstimators: n, maxDepth: 10, minSamplesLeaf: 3, seed: 1 }]);
  const gbs: [Fit, object][] = [];
  for (const eta of [0.3, 0.1, 0.05])
    for (const maxDepth of [3, 4, 6, 10])
      for (const minChildWeight of [1, 10, 30])
        gbs.push([gb, { eta, maxDepth, minChildWeight, rounds: 200 }]);
  return [
    { name: 'dt', label: 'credit dt grid', ...base, fits: dts },
    { name: 'rf', label: 'credit rf grid', ...base, fits: rfs },
    { name: 'gb', label: 'credit gb grid', ...base, fits: gbs },
  ];
}

function carTasks(): Task[] {
  const fits: [Fit, object][] = [
    [dt, { maxDepth: 6, minSamplesLeaf: 15 }],
    [rf, { nEstimators: 100, maxDepth: 10, minSamplesLeaf: 3, seed: 1 }],
    [gb, { eta: 0.3, maxDepth: 6, minChildWeight: 1, rounds: 100 }],
  ];
  const sparse = carAboveAverage();
  const dense = carAboveAverage({ sparse: false });
  const tasks: Task[] = [];
  for (const [name, d] of [
    ['car', sparse],
    ['cardense', dense],
  ] as const) {
    fits.forEach((fit, k) => {
      tasks.push({ name, label: `${name} ${['dt', 'rf', 'gb'][k]}`, ...d, fits: [fit] });
    });
  }
  return tasks;
}

const wanted = (name: string): boolean => !ONLY || ONLY.includes(name);
const tasks = [
  ...(['dt', 'rf', 'gb'].some(wanted) ? creditTasks() : []),
  ...(['car', 'cardense'].some(wanted) ? carTasks() : []),
].filter((t) => wanted(t.name));
console.log(`node ${process.version}, learners from ${SRC}`);
let total = 0;
let totalCpu = 0;
for (const task of tasks) {
  const label = task.label;
  let best = Number.POSITIVE_INFINITY;
  let bestCpu = Number.POSITIVE_INFINITY;
  let hash = 2166136261;
  let bestAuc = 0;
  for (let r = 0; r < REPEAT; r++) {
    let ms = 0;
    let cpu = 0;
    hash = 2166136261;
    for (const [learn, options] of task.fits) {
      const t = performance.now();
      const c = process.cpuUsage();
      const m = learn(task.X, task.y, options);
      ms += performance.now() - t;
      const u = process.cpuUsage(c);
      cpu += (u.user + u.system) / 1000;
      const p = m.predictProba(task.Xv);
      hash = fingerprint(fingerprint(hash, p), m.predictProba(task.X));
      bestAuc = Math.max(bestAuc, rocAucScore(task.yv, p));
    }
    best = Math.min(best, ms);
    bestCpu = Math.min(bestCpu, cpu);
  }
  total += best;
  totalCpu += bestCpu;
  console.log(
    `${label.padEnd(18)} ${(best / 1000).toFixed(3).padStart(7)} s wall ${(bestCpu / 1000).toFixed(3).padStart(7)} s CPU  (${task.fits.length} fits)  ` +
      `best val AUC ${bestAuc.toFixed(6)}  predictions ${hash.toString(16).padStart(8, '0')}`,
  );
}
console.log(
  `${'total'.padEnd(18)} ${(total / 1000).toFixed(3).padStart(7)} s wall ${(totalCpu / 1000).toFixed(3).padStart(7)} s CPU`,
);
