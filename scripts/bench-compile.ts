/**
 * Compile-time benchmark: how long building and compiling a pipeline takes as it grows, and how
 * long the whole `kfp-ts compile` process takes on the churn example. It prints figures and asserts
 * nothing.
 *
 *   node --conditions=@kfp-ts/source --import tsx scripts/bench-compile.ts   # the packages' TypeScript sources, no build needed
 *   node --import tsx scripts/bench-compile.ts                               # their dist/ builds (run the workspace build first)
 *
 * Synthetic pipelines of about N tasks (N = 100, 1,000, 3,000, 10,000) are made of 10-task blocks
 * mixing plain tasks, an If condition, a parallelFor with a collected fan-in and a nested pipeline.
 * Each size is built and compiled once to warm up, then 3 more times; the table shows medians.
 * BENCH_SIZES=1000,3000 picks other sizes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Dsl = typeof import('../packages/dsl/src/index.js');
type Compiler = typeof import('../packages/compiler/src/index.js');

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Override with BENCH_SIZES=1000,3000 (multiples of 10) for a quicker look. */
const SIZES = process.env.BENCH_SIZES?.split(',').map(Number) ?? [100, 1_000, 3_000, 10_000];
const RUNS = 3;
const CLI_RUNS = 5;

// The packages are resolved the way the CLI resolves them (from its package), so the export
// condition given to node picks sources or builds for the DSL and the compiler alike: mixing a
// source copy of the DSL with a built one would give the compiler objects of another instance.
const requireFromCli = createRequire(path.join(ROOT, 'packages/cli/package.json'));

async function load<T>(specifier: string): Promise<T> {
  const resolved = requireFromCli.resolve(specifier);
  if (!existsSync(resolved)) {
    throw new Error(
      `${specifier} resolves to ${resolved}, which does not exist: build the workspace or run with --conditions=@kfp-ts/source`,
    );
  }
  return (await import(pathToFileURL(resolved).href)) as T;
}

/** The components every synthetic pipeline uses (definitions hold no per-pipeline state). */
function makeComponents(dsl: Dsl) {
  const { artifact, component, Dataset, Metrics, Model, param } = dsl;
  const noop = () => {};
  return {
    prepare: component({
      name: 'prepare',
      inputs: { uri: param.string(), part: param.int() },
      outputs: { data: artifact(Dataset), rows: param.int() },
      run: () => ({ rows: 0 }),
    }),
    train: component({
      name: 'train',
      inputs: { data: artifact(Dataset), lr: param.float({ default: 0.1 }) },
      outputs: { model: artifact(Model), auc: param.float() },
      run: () => ({ auc: 0 }),
    }),
    evaluate: component({
      name: 'evaluate',
      inputs: { model: artifact(Model) },
      outputs: { metrics: artifact(Metrics) },
      run: noop,
    }),
    score: component({
      name: 'score',
      inputs: { data: artifact(Dataset), k: param.int() },
      outputs: { value: param.float() },
      run: () => ({ value: 0 }),
    }),
    aggregate: component({
      name: 'aggregate',
      inputs: { values: param.list() },
      outputs: { mean: param.float() },
      run: () => ({ mean: 0 }),
    }),
    report: component({ name: 'report', inputs: { value: param.float() }, run: noop }),
  };
}

/**
 * A fresh pipeline of `blocks` blocks of 10 tasks (fresh, because a pipeline builds its graph once
 * and keeps it): prepare, 2 x train, an If with 2 x evaluate, a 3-item parallelFor of score
 * collected into aggregate, a call of a nested 2-task pipeline, 2 x report.
 */
function syntheticPipeline(dsl: Dsl, components: ReturnType<typeof makeComponents>, blocks: number) {
  const { collected, gt, If, parallelFor, param, pipeline } = dsl;
  const { aggregate, evaluate, prepare, report, score, train } = components;
  const stage = pipeline({ name: 'stage', inputs: { data: dsl.artifact(dsl.Dataset) } }, (p) => {
    const scored = score({ data: p.data, k: 1 });
    report({ value: scored.outputs.value });
  });
  const main = pipeline(
    {
      name: `synthetic-${blocks * 10}`,
      inputs: { uri: param.string({ default: 'gs://b/d.csv' }), threshold: param.float({ default: 0.5 }) },
    },
    (p) => {
      for (let i = 0; i < blocks; i++) {
        const data = prepare({ uri: p.uri, part: i }).outputs.data;
        const first = train({ data, lr: 0.01 });
        const second = train({ data });
        If(gt(first.outputs.auc, p.threshold), () => {
          evaluate({ model: first.outputs.model });
          evaluate({ model: second.outputs.model });
        });
        const loop = parallelFor([1, 2, 3], (k) => score({ data, k }).outputs.value);
        const mean = aggregate({ values: collected(loop.result) });
        stage({ data });
        report({ value: mean.outputs.mean });
        report({ value: second.outputs.auc });
      }
    },
  );
  return { main, nested: [stage] };
}

interface Sample {
  tasks: number;
  build: number;
  compile: number | undefined;
  yaml: number | undefined;
}

let compileFailure: string | undefined;

/** One build + compile + compileToYaml cycle. compileToYaml compiles again, so yaml = its time - compile's. */
function measure(
  dsl: Dsl,
  compiler: Compiler | undefined,
  components: ReturnType<typeof makeComponents>,
  size: number,
): Sample {
  let start = performance.now();
  const { main, nested } = syntheticPipeline(dsl, components, size / 10);
  const tasks = [main, ...nested].reduce((sum, p) => sum + p.definition.graph.tasks.length, 0);
  const build = performance.now() - start;
  if (compiler === undefined || compileFailure !== undefined)
    return { tasks, build, compile: undefined, yaml: undefined };
  try {
    start = performance.now();
    compiler.compile(main, { shipping: { mode: 'image' } });
    const compile = performance.now() - start;
    start = performance.now();
    compiler.compileToYaml(main, { shipping: { mode: 'image' } });
    const yaml = Math.max(0, performance.now() - start - compile);
    return { tasks, build, compile, yaml };
  } catch (error) {
    compileFailure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { tasks, build, compile: undefined, yaml: undefined };
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function medianOf(samples: readonly Sample[], key: 'build' | 'compile' | 'yaml'): number | undefined {
  const values = samples.map((s) => s[key]);
  return values.every((v): v is number => v !== undefined) ? median(values) : undefined;
}

const ms = (value: number | undefined, digits = 1) => (value === undefined ? 'n/a' : value.toFixed(digits));

function printTable(rows: readonly string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padStart(widths[column]!)).join('  '));
}

async function benchCompiler(): Promise<void> {
  const dsl = await load<Dsl>('@kfp-ts/dsl');
  const compiler = await load<Compiler>('@kfp-ts/compiler').catch((error: unknown) => {
    compileFailure = `loading it failed: ${error instanceof Error ? error.message : String(error)}`;
    return undefined;
  });
  console.log(
    `DSL from ${path.relative(ROOT, requireFromCli.resolve('@kfp-ts/dsl'))}, compiler from ${path.relative(ROOT, requireFromCli.resolve('@kfp-ts/compiler'))}`,
  );
  const components = makeComponents(dsl);
  const rows = [['tasks', 'build graph ms', 'compile ms', 'yaml ms', 'total ms', 'ms per task']];
  const totals = new Map<number, number>();
  for (const size of SIZES) {
    measure(dsl, compiler, components, size); // warm-up: JIT, caches
    const samples = Array.from({ length: RUNS }, () => measure(dsl, compiler, components, size));
    const [build, compile, yaml] = (['build', 'compile', 'yaml'] as const).map((key) =>
      medianOf(samples, key),
    );
    const total = compile === undefined || yaml === undefined ? undefined : build! + compile + yaml;
    if (total !== undefined) totals.set(size, total);
    const tasks = samples[0]!.tasks;
    rows.push([
      tasks.toLocaleString('en-US'),
      ms(build),
      ms(compile),
      ms(yaml),
      ms(total),
      ms(total === undefined ? undefined : total / tasks, 3),
    ]);
  }
  console.log(
    `\nMedian of ${RUNS} runs after a warm-up (yaml = compileToYaml - compile; total = build + compileToYaml):\n`,
  );
  printTable(rows);
  if (compileFailure !== undefined) {
    console.log(`\nThe compiler threw, so only graph building was timed: ${compileFailure}`);
  }
  const small = totals.get(1_000);
  const large = totals.get(10_000);
  if (small !== undefined && large !== undefined) {
    console.log(
      `\ntime(10,000) / time(1,000) = ${(large / small).toFixed(1)} (linear scaling gives about 10)`,
    );
  }
}

/** Wall time of the real command, process start-up and TypeScript loading included. */
function benchCliProcess(): void {
  const bin = path.join(ROOT, 'packages/cli/bin/kfp-ts.js');
  if (!existsSync(path.join(ROOT, 'packages/cli/dist/main.js'))) {
    console.log(
      '\nkfp-ts process: skipped, packages/cli/dist does not exist (run the workspace build first).',
    );
    return;
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'kfp-ts-bench-'));
  try {
    const args = [bin, 'compile', 'examples/churn/pipeline.ts', '-o', path.join(scratch, 'churn.yaml')];
    const runs = Array.from({ length: CLI_RUNS }, () => {
      const start = performance.now();
      const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
      return { wall: performance.now() - start, status: run.status, stderr: run.stderr.trim() };
    });
    const failed = runs.find((run) => run.status !== 0);
    const summary = `median ${ms(median(runs.map((run) => run.wall)), 0)} ms over ${CLI_RUNS} runs`;
    // The bin runs the dist/ builds whatever conditions this script was started with.
    console.log(`\nkfp-ts compile examples/churn/pipeline.ts -o <tmp>/churn.yaml (built bin): ${summary}`);
    if (failed) {
      const reason = failed.stderr.split('\n')[0];
      console.log(`  (the command failed, exit ${failed.status}, so this timed the failure: ${reason})`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

console.log(`kfp-ts compile benchmark, Node ${process.version}`);
try {
  await benchCompiler();
} catch (error) {
  console.log(
    `\nCould not benchmark the compiler: ${error instanceof Error ? error.message : String(error)}`,
  );
}
benchCliProcess();
