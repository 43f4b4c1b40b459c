/**
 * Runs the three example pipelines locally (`runPipeline` of @kfp-ts/local, cache off, function
 * components on worker threads as `kfp-ts run` does by default: one per core) on the real data, and
 * prints, per pipeline, the wall time, the process's peak RSS so far
 * (`process.resourceUsage().maxRSS`; the pipelines run one after another in this process, so
 * each figure is the peak up to the end of that pipeline) and the time of each learner's tasks
 * (summed over parallel-for iterations; tasks on different threads overlap, so a sum can exceed
 * the pipeline's wall time). `BENCH_WORKERS=1` runs everything on the main thread, one task at a
 * time, for comparison. Where Python with
 * scikit-learn is installed (Debian's python3-sklearn; xgboost optional), it also runs
 * scripts/bench-examples-sklearn.py, the same work in scikit-learn, side by side.
 *
 *   pnpm bench:examples   # = node --conditions=@kfp-ts/source --import tsx scripts/bench-examples.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { carPricePipeline } from '../examples/car-price/pipeline.js';
import { churnPipeline } from '../examples/churn/pipeline.js';
import { treesPipeline } from '../examples/trees/pipeline.js';
import { closeWorkerPools, runPipeline } from '../packages/local/src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = (file: string) => path.join(root, 'examples/data', file);

const examples = [
  {
    name: 'churn',
    pipeline: churnPipeline,
    params: { data_uri: data('WA_Fn-UseC_-Telco-Customer-Churn.csv') },
  },
  { name: 'car-price', pipeline: carPricePipeline, params: { data_uri: data('data.csv') } },
  { name: 'trees', pipeline: treesPipeline, params: { data_uri: data('CreditScoring.csv') } },
] as const;

const workers =
  process.env.BENCH_WORKERS === undefined ? availableParallelism() : Number(process.env.BENCH_WORKERS);
console.log(
  `node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}; ` +
    `${workers > 1 ? `${workers} worker threads` : 'main thread, one task at a time'}, cache off`,
);
const outputDir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-bench-examples-'));
let total = 0;
try {
  for (const { name, pipeline, params } of examples) {
    const start = performance.now();
    const run = await runPipeline(pipeline as Parameters<typeof runPipeline>[0], params, {
      outputDir,
      cache: false,
      // On the main thread tasks share one thread, so run one at a time: a task's duration is then
      // its own. On worker threads, as many at once as there are workers.
      parallelism: Math.max(1, workers),
      workers,
      // One process runs the three pipelines, as the Python side does: the workers started by the
      // first serve the others, as the main thread would (module loading and JIT warm-up once).
      keepWorkers: true,
    });
    const wall = (performance.now() - start) / 1000;
    total += wall;
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(`\n${name}: ${run.state}, ${wall.toFixed(2)} s wall, peak RSS ${rss.toFixed(0)} MB`);
    if (run.error) console.log(`  error: ${run.error}`);
    console.log(`  outputs ${JSON.stringify(run.pipelineOutputs.parameters)}`);
    // Per component: number of tasks and the sum of their durations (tasks of a loop overlap in time).
    const byComponent = new Map<string, { tasks: number; ms: number }>();
    for (const [key, task] of Object.entries(run.tasks)) {
      if (task.kind !== 'container' || task.durationMs === undefined) continue;
      const component = key.split('/').pop()!.replace(/-\d+$/, '');
      const entry = byComponent.get(component) ?? { tasks: 0, ms: 0 };
      entry.tasks += 1;
      entry.ms += task.durationMs;
      byComponent.set(component, entry);
    }
    for (const [component, { tasks, ms }] of byComponent) {
      console.log(
        `  ${component.padEnd(28)} ${(ms / 1000).toFixed(3).padStart(8)} s  (${tasks} task${tasks > 1 ? 's' : ''})`,
      );
    }
  }
} finally {
  await closeWorkerPools();
  rmSync(outputDir, { recursive: true, force: true });
}
console.log(
  `\nall three pipelines: ${total.toFixed(2)} s wall, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);

// The first Python that has scikit-learn: PATH's, else the system's (Debian's python3-sklearn
// installs for /usr/bin/python3, which a version manager on PATH may hide).
const python = ['python3', '/usr/bin/python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0,
);
if (python) {
  console.log(`\nscikit-learn, the same work (${python} scripts/bench-examples-sklearn.py):`);
  const sklearn = spawnSync(
    python,
    [path.join(root, 'scripts/bench-examples-sklearn.py'), path.join(root, 'examples/data')],
    { encoding: 'utf8' },
  );
  process.stdout.write(sklearn.stdout);
  process.stderr.write(sklearn.stderr);
  const theirs = /all three: ([\d.]+) s wall/.exec(sklearn.stdout)?.[1];
  if (theirs) {
    console.log(
      `\nside by side: kfp-ts ${total.toFixed(2)} s, scikit-learn ${Number(theirs).toFixed(2)} s ` +
        `(imports excluded): ratio ${(total / Number(theirs)).toFixed(2)}`,
    );
  }
} else {
  console.log(
    '\n(scikit-learn not installed: `python3 -c "import sklearn"` fails, so only our figures are shown)',
  );
}
