import { performance } from 'node:perf_hooks';
import {
  course,
  DecisionTreeClassifier,
  DictVectorizer,
  Frame,
  GradientBoostingClassifier,
  kFold,
  LinearRegression,
  LogisticRegression,
  type Matrix,
  RandomForestClassifier,
  rmse,
  rocAucScore,
  shuffledSplit,
  trainValTestSplit,
} from '../packages/ml/src/index.js';
import { carAboveAverage, creditProblems, readData } from './bench-data.js';

const GRIDS = process.env.BENCH_GRIDS !== '0';

const fitTimes = new Map<string, { ms: number; fits: number }>();
const metrics: string[] = [];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Runs one fit, adding its wall time to the learner's row. */
function timeFit<T>(learner: string, run: () => T): T {
  const t = performance.now();
  const out = run();
  const row = fitTimes.get(learner) ?? { ms: 0, fits: 0 };
  row.ms += performance.now() - t;
  row.fits += 1;
  fitTimes.set(learner, row);
  return out;
}

function churnPipeline(): void {
  const df = course.prepareChurn(readData('WA_Fn-UseC_-Telco-Customer-Churn.csv'));
  const s = trainValTestSplit(df.rowCount, 1);
  const [full, train, val, test] = [s.fullTrain, s.train, s.val, s.test].map((i) => df.take(i)) as Frame[];
  const score = (a: Frame, b: Frame, C: number, label: string): number => {
    const dv = DictVectorizer.fit(a, course.CHURN_FEATURES);
    const m = timeFit(label, () => LogisticRegression.fit(dv.transform(a), a.numbers('churn'), { C }));
    return rocAucScore(b.numbers('churn'), m.predictProba(dv.transform(b)));
  };
  metrics.push(`churn LR C=1 val AUC ${score(train!, val!, 1, 'churn logistic regression').toFixed(6)}`);
  let best = { C: 0, auc: -1 };
  for (const C of [0.001, 0.01, 0.1, 0.5, 1, 5, 10]) {
    const aucs = kFold(full!.rowCount, 5, 1).map((f) =>
      score(full!.take(f.train), full!.take(f.val), C, 'churn 5-fold CV (35 fits)'),
    );
    const mean = aucs.reduce((x, y) => x + y, 0) / aucs.length;
    if (C === 1) metrics.push(`churn CV C=1 mean AUC ${mean.toFixed(6)}`);
    if (mean > best.auc) best = { C, auc: mean };
  }
  metrics.push(
    `churn final (C=${best.C}) test AUC ${score(full!, test!, best.C, 'churn logistic regression').toFixed(6)}`,
  );
}

function carPipeline(): void {
  const df = course.prepareCarPrice(readData('data.csv'));
  const s = shuffledSplit(df.rowCount, 2);
  const [train, val, test] = [s.train, s.val, s.test].map((i) => df.take(i)) as Frame[];
  const fx = course.CarPriceFeatures.fit(train!);
  const ridge = timeFit('car ridge', () =>
    LinearRegression.fit(fx.transform(train!), course.logPrice(train!), { r: 0.001 }),
  );
  metrics.push(
    `car ridge val RMSE ${rmse(course.logPrice(val!), ridge.predict(fx.transform(val!))).toFixed(6)}`,
  );
  const full = Frame.concat([train!, val!]);
  const final = timeFit('car ridge', () =>
    LinearRegression.fit(fx.transform(full), course.logPrice(full), { r: 0.001 }),
  );
  metrics.push(
    `car ridge test RMSE ${rmse(course.logPrice(test!), final.predict(fx.transform(test!))).toFixed(6)}`,
  );

  const { X, y, Xv, yv } = carAboveAverage({ cleaned: df });
  const models: Record<string, () => { predictProba(X: Matrix): Float64Array }> = {
    'car above-avg logistic regression': () => LogisticRegression.fit(X, y, { C: 10 }),
    'car above-avg decision tree': () =>
      DecisionTreeClassifier.fit(X, y, { maxDepth: 6, minSamplesLeaf: 15 }),
    'car above-avg random forest (100)': () =>
      RandomForestClassifier.fit(X, y, { nEstimators: 100, maxDepth: 10, minSamplesLeaf: 3, seed: 1 }),
    'car above-avg gradient boosting (100)': () =>
      GradientBoostingClassifier.fit(X, y, { eta: 0.3, maxDepth: 6, minChildWeight: 1, rounds: 100 }),
  };
  for (const [label, run] of Object.entries(models)) {
    metrics.push(`${label} val AUC ${rocAucScore(yv, timeFit(label, run).predictProba(Xv)).toFixed(6)}`);
  }
}

function creditPipeline(): void {
  const { tuning, final } = creditProblems();
  for (const [name, d] of [
    ['val', tuning],
    ['test', final],
  ] as const) {
    const dt = timeFit('credit decision tree', () =>
      DecisionTreeClassifier.fit(d.X, d.y, { maxDepth: 6, minSamplesLeaf: 15 }),
    );
    const rf = timeFit('credit random forest (200)', () =>
      RandomForestClassifier.fit(d.X, d.y, {
        nEstimators: 200,
        maxDepth: 10,
        minSamplesLeaf: 3,
        seed: 1,
      }),
    );
    const gb = timeFit('credit gradient boosting (175)', () =>
      GradientBoostingClassifier.fit(d.X, d.y, { eta: 0.1, maxDepth: 3, minChildWeight: 1, rounds: 175 }),
    );
    metrics.push(
      `credit ${name} AUC: decision tree ${rocAucScore(d.yv, dt.predictProba(d.Xv)).toFixed(6)}, ` +
        `random forest ${rocAucScore(d.yv, rf.predictProba(d.Xv)).toFixed(6)}, ` +
        `gradient boosting ${rocAucScore(d.yv, gb.predictProba(d.Xv)).toFixed(6)}`,
    );
  }
}

function creditGrids(): void {
  const { tuning: d } = creditProblems();
  let best = { dt: 0, rf: 0, gb: 0 };
  for (const max_depth of [4, 5, 6]) {
    for (const min_samples_leaf of [1, 5, 10, 15, 20, 100, 200, 500]) {
      const m = timeFit('grid: 24 decision trees', () =>
        DecisionTreeClassifier.fit(d.X, d.y, { maxDepth: max_depth, minSamplesLeaf: min_samples_leaf }),
      );
      best = { ...best, dt: Math.max(best.dt, rocAucScore(d.yv, m.predictProba(d.Xv))) };
    }
  }
  for (let n = 10; n <= 200; n += 10) {
    const m = timeFit('grid: 20 forests (10..200 trees)', () =>
      RandomForestClassifier.fit(d.X, d.y, { nEstimators: n, maxDepth: 10, minSamplesLeaf: 3, seed: 1 }),
    );
    best = { ...best, rf: Math.max(best.rf, rocAucScore(d.yv, m.predictProba(d.Xv))) };
  }
  for (const eta of [0.3, 0.1, 0.05]) {
    for (const maxDepth of [3, 4, 6, 10]) {
      for (const minChildWeight of [1, 10, 30]) {
        const m = timeFit('grid: 36 boosting x 200 rounds', () =>
          GradientBoostingClassifier.fit(d.X, d.y, { eta, maxDepth, minChildWeight, rounds: 200 }),
        );
        best = { ...best, gb: Math.max(best.gb, rocAucScore(d.yv, m.predictProba(d.Xv))) };
      }
    }
  }
  metrics.push(
    `grids best val AUC: decision tree ${best.dt.toFixed(4)}, random forest ${best.rf.toFixed(4)}, ` +
      `gradient boosting ${best.gb.toFixed(4)}`,
  );
}

function section(title: string, run: () => void): { wall: number; cpu: number } {
  const w = performance.now();
  const c = cpuMs();
  run();
  const out = { wall: performance.now() - w, cpu: cpuMs() - c };
  console.log(`${title}: ${(out.wall / 1000).toFixed(2)} s wall, ${(out.cpu / 1000).toFixed(2)} s CPU`);
  return out;
}

const pad = (s: string, n: number): string => s.padEnd(n);
console.log(`node ${process.version}, ${new Date().toISOString()}`);
const course3 = section('course pipelines (churn + car price + credit)', () => {
  section('  churn', churnPipeline);
  section('  car price', carPipeline);
  section('  credit', creditPipeline);
});
console.log(`  (scikit-learn / XGBoost, same work in one Python process: 10.2-11.9 s)`);
let grids: { wall: number; cpu: number } | undefined;
if (GRIDS) {
  grids = section('trees pipeline tuning grids', creditGrids);
  console.log('  (scikit-learn 0.26 s + 17.2 s, XGBoost 74 s)');
}
console.log('\nfit time per learner');
for (const [label, { ms, fits }] of fitTimes) {
  console.log(
    `  ${pad(label, 40)} ${(ms / 1000).toFixed(3).padStart(7)} s  (${fits} fit${fits > 1 ? 's' : ''})`,
  );
}
const fitTotal = [...fitTimes.values()].reduce((s, r) => s + r.ms, 0);
console.log(`  ${pad('all fits', 40)} ${(fitTotal / 1000).toFixed(3).padStart(7)} s`);
console.log('\nmetrics');
for (const m of metrics) console.log(`  ${m}`);
console.log(
  `\ntotal: course pipelines ${(course3.wall / 1000).toFixed(2)} s` +
    (grids ? `, with the tuning grids ${((course3.wall + grids.wall) / 1000).toFixed(2)} s` : '') +
    ` (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)} on ${(await import('node:os')).cpus().length} cores)`,
);
