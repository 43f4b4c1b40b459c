/**
 * Runs the three example pipelines locally (in-process, `runPipeline` of @kfp-ts/local, cache off)
 * on the real data, one task at a time, and prints, per pipeline, the wall time, the process's peak RSS so far
 * (`process.resourceUsage().maxRSS`; the pipelines run one after another in this process, so
 * each figure is the peak up to the end of that pipeline) and the time of each learner's tasks
 * (summed over parallel-for iterations, and the tasks' own wall times). Where Python with
 * scikit-learn is installed (Debian's python3-sklearn; xgboost optional), it also runs
 * scripts/bench-examples-sklearn.py, the same work in scikit-learn, side by side.
 *
 *   node --conditions=@kfp-ts/source --import tsx scripts/bench-examples.ts
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
import { runPipeline } from '../packages/local/src/index.js';

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

console.log(
  `node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}; in-process runner, one task at a time, cache off`,
);
const outputDir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-bench-examples-'));
let total = 0;
try {
  for (const { name, pipeline, params } of examples) {
    const start = performance.now();
    const run = await runPipeline(pipeline as Parameters<typeof runPipeline>[0], params, {
      outputDir,
      cache: false,
      // One task at a time: in-process tasks share one thread, so with more a task's duration would
      // include waiting for the others. Task durations are then each learner's own time.
      parallelism: 1,
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
  rmSync(outputDir, { recursive: true, force: true });
}
console.log(
  `\nall three pipelines: ${total.toFixed(2)} s wall, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);

const probe = spawnSync('python3', ['-c', 'import sklearn'], { encoding: 'utf8' });
if (probe.status === 0) {
  console.log('\nscikit-learn, the same work (scripts/bench-examples-sklearn.py):');
  spawnSync(
    'python3',
    [path.join(root, 'scripts/bench-examples-sklearn.py'), path.join(root, 'examples/data')],
    {
      stdio: 'inherit',
    },
  );
} else {
  console.log(
    '\n(scikit-learn not installed: `python3 -c "import sklearn"` fails, so only our figures are shown)',
  );
}
