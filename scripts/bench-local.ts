/**
 * Local-runner benchmark: the runner's own overhead per task, measured on pipelines of N no-op
 * TypeScript components run in-process (N = 50, 500, 5,000). The components do nothing, so the
 * time is the runner's: scheduling, input resolution, ExecutorInput, the executor's files
 * (executor_input.json, output parameter files, executor_output.json), events and run.json. It
 * prints figures and asserts nothing (target: 500 tasks in under 2 s).
 *
 *   node --conditions=@kfp-ts/source --import tsx scripts/bench-local.ts
 *
 * Each pipeline is blocks of 10 tasks chained by data (task i+1 reads task i's output), so both
 * concurrency and dependencies are exercised. Per size: cache off (median of 3 runs); cache on and
 * cold (every task also writes a cache entry); cache on and warm (every task is a cache hit).
 * Concurrency is the default (one executing task per core). The load average is printed: on a
 * shared machine the figures move with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { compile } from '../packages/compiler/src/index.js';
import { component, param, pipeline } from '../packages/dsl/src/index.js';
import { createRegistry, runPipelineSpec } from '../packages/local/src/index.js';

const SIZES = [50, 500, 5_000];
const BLOCK = 10;

const noop = component({
  name: 'noop',
  inputs: { i: param.int(), previous: param.int({ default: 0 }) },
  outputs: { Output: param.int() },
  run: ({ i }) => ({ Output: i }),
});

function makePipeline(size: number) {
  return pipeline({ name: `noop-${size}` }, () => {
    let previous: ReturnType<typeof noop> | undefined;
    for (let i = 0; i < size; i++) {
      previous = i % BLOCK === 0 ? noop({ i }) : noop({ i, previous: previous!.output });
    }
  });
}

const rows: string[][] = [
  [
    'tasks',
    'compile',
    'run (no cache)',
    'per task',
    'run (cold cache)',
    'per task',
    'run (warm cache)',
    'per task',
  ],
];
const ms = (value: number) => `${value.toFixed(0)} ms`;
const perTask = (value: number, size: number) => `${(value / size).toFixed(2)} ms`;

// Warm-up: module loading and JIT, so the first size is not charged for them.
{
  const warm = makePipeline(20);
  const dir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-bench-'));
  await runPipelineSpec(compile(warm, { shipping: { mode: 'image' } }), {
    registry: createRegistry(warm),
    outputDir: dir,
  });
  rmSync(dir, { recursive: true, force: true });
}

for (const size of SIZES) {
  const p = makePipeline(size);
  const registry = createRegistry(p);
  let started = performance.now();
  const spec = compile(p, { shipping: { mode: 'image' } });
  const compileMs = performance.now() - started;
  const dir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-bench-'));
  const run = async (cache: boolean) => {
    started = performance.now();
    const result = await runPipelineSpec(spec, { registry, outputDir: dir, cache, validate: false });
    const elapsed = performance.now() - started;
    if (result.state !== 'SUCCEEDED')
      throw new Error(`run of ${size} tasks ended ${result.state}: ${result.error}`);
    return elapsed;
  };
  const noCacheRuns = [await run(false), await run(false), await run(false)].sort((a, b) => a - b);
  const noCache = noCacheRuns[1]!;
  const cold = await run(true);
  const warm = await run(true);
  rows.push([
    String(size),
    ms(compileMs),
    ms(noCache),
    perTask(noCache, size),
    ms(cold),
    perTask(cold, size),
    ms(warm),
    perTask(warm, size),
  ]);
  rmSync(dir, { recursive: true, force: true });
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(
  `Local runner overhead, in-process no-op components, ${availableParallelism()} cores, Node ${process.version}, ` +
    `load average ${loadavg()[0]!.toFixed(1)}`,
);
for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i]!)).join('  '));
