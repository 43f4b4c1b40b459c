/**
 * Submit benchmark: the whole `kfp-ts submit` process on the churn example against local
 * stand-ins of Vertex AI (gRPC PipelineService) and Cloud Storage, started in this process.
 * It spawns the built CLI (run the workspace build first) several times and prints each wall
 * time and the median. It asserts nothing; the target is a median under 1.5 s.
 *
 *   node --import tsx scripts/bench-submit.ts            # BENCH_RUNS=7 for more runs
 *   BENCH_COMPARE=1 node --import tsx scripts/bench-submit.ts
 *
 * BENCH_COMPARE=1 alternates runs with the client thread (the default) and without it
 * (KFP_TS_CLIENT_THREAD=0: the Google clients load on the main thread), RUNS of each, and prints
 * both medians: alternating keeps a busy machine from favouring one of the two.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { GcsStandIn, VertexStandIn } from '../packages/vertex/src/testing/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'packages/cli/bin/kfp-ts.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COMPARE = process.env.BENCH_COMPARE === '1';

function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ status: number | null; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (status) => resolve({ status, stderr, ms: performance.now() - started }));
  });
}

async function main(): Promise<void> {
  if (
    !existsSync(path.join(ROOT, 'packages/cli/dist/main.js')) ||
    !existsSync(path.join(ROOT, 'packages/vertex/dist/index.js'))
  ) {
    throw new Error('build the workspace first (pnpm build): the benchmark runs the built CLI');
  }
  const [vertex, gcs] = await Promise.all([VertexStandIn.start(), GcsStandIn.start(['bench-bucket'])]);
  const submit = (jobId: string, env?: NodeJS.ProcessEnv) =>
    runCli(
      [
        'submit',
        'examples/churn/pipeline.ts',
        '--project',
        'bench',
        '--region',
        'us-central1',
        '--api-endpoint',
        vertex.endpoint,
        '--storage-endpoint',
        gcs.endpoint,
        '--pipeline-root',
        'gs://bench-bucket/runs',
        '--param',
        'data_uri=gs://bench-bucket/churn.csv',
        '--job-id',
        jobId,
        '--json',
      ],
      env,
    );
  const variants = COMPARE
    ? [
        { label: 'client thread', env: process.env },
        { label: 'one thread (KFP_TS_CLIENT_THREAD=0)', env: { ...process.env, KFP_TS_CLIENT_THREAD: '0' } },
      ]
    : [{ label: '', env: process.env }];
  try {
    const times = variants.map(() => [] as number[]);
    for (let i = 0; i <= RUNS; i++) {
      // Alternate which variant goes first, so neither always follows the other.
      const order = i % 2 === 0 ? variants.map((_, v) => v) : variants.map((_, v) => variants.length - 1 - v);
      for (const v of order) {
        const variant = variants[v]!;
        const run = await submit(`churn-bench-${i}-${v}`, variant.env);
        if (run.status !== 0) throw new Error(`kfp-ts submit failed (${run.status}): ${run.stderr}`);
        // The first run uploads the bundles; the others find them there (as a second submit would).
        const label =
          i > 0
            ? `run ${i}${COMPARE ? ` ${variant.label}` : ''}`
            : v === order[0]
              ? 'first run (uploads bundles; not counted)'
              : `warm-up, ${variant.label} (not counted)`;
        console.log(`${label.padEnd(COMPARE ? 50 : 42)} ${(run.ms / 1000).toFixed(2)} s`);
        if (i > 0) times[v]!.push(run.ms);
      }
    }
    variants.forEach((variant, v) => {
      const sorted = [...times[v]!].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      console.log(
        `kfp-ts submit churn (whole process, ${RUNS} runs${COMPARE ? `, ${variant.label}` : ''}): median ${(median / 1000).toFixed(2)} s (target < 1.5 s)`,
      );
    });
    console.log(`jobs created: ${vertex.jobs().length}, objects staged: ${gcs.listObjects().length}`);
  } finally {
    await Promise.all([vertex.close(), gcs.close()]);
  }
}

await main();
