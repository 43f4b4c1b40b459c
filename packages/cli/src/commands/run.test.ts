// `kfp-ts run --workers`: function components on worker threads (default auto) or the main thread.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers/run-cli.js';

const runFanOut = (...extra: string[]) => {
  const out = mkdtempSync(path.join(tmpdir(), 'kfp-ts-cli-run-'));
  return runCli([
    'run',
    'src/__fixtures__/thread-fan-out.ts',
    '--json',
    '--output-dir',
    out,
    '--no-cache',
    ...extra,
  ]);
};

describe('kfp-ts run --workers', () => {
  it('runs a fan-out on worker threads with --workers 2, with the same outputs as --workers 1', async () => {
    const two = await runFanOut('--workers', '2', '--parallelism', '2');
    const one = await runFanOut('--workers', '1');
    expect(two.status).toBe(0);
    expect(one.status).toBe(0);
    const outputs = (run: { stdout: string }) => JSON.parse(run.stdout).pipelineOutputs.parameters;
    expect(outputs(two).squares).toEqual([1, 4, 9, 16]);
    expect(outputs(one).squares).toEqual([1, 4, 9, 16]);
    expect(new Set(outputs(one).threads)).toEqual(new Set([threadId]));
    const threads = new Set(outputs(two).threads);
    expect(threads.size).toBe(2);
    expect(threads.has(threadId)).toBe(false);
  });

  it('refuses a --workers value that is not auto or a positive integer', async () => {
    for (const value of ['0', 'two', '1.5', '-1']) {
      const run = await runCli(['run', 'src/__fixtures__/thread-fan-out.ts', '--workers', value]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`--workers ${value}: expected auto or a positive integer.`);
    }
  });

  it('documents --workers with its default', async () => {
    const run = await runCli(['run', '--help']);
    expect(run.stdout).toMatch(/--workers <n\|auto>[\s\S]*\(default: "auto"\)/);
  });
});
