// Function components on worker threads (`workers`): real concurrency, the same outputs, logs and
// errors as on the main thread, dead workers replaced, aborts, retries, fallbacks, no leaks.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { collected, parallelFor, param, pipeline } from '@kfp-ts/dsl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mainOnly } from '../__fixtures__/main-thread-only.js';
import { awaited } from '../__fixtures__/top-level-await.js';
import {
  busy,
  chatty,
  crashing,
  exiting,
  failing,
  flaky,
  readEnv,
  sleeper,
} from '../__fixtures__/worker-components.js';
import { runPipeline } from '../test-helpers.js';
import type { RunEvent, RunResult } from '../types.js';
import { closeWorkerPools } from './function-workers.js';
import { liveWorkerCount } from './worker-pool.js';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'kfp-ts-workers-'));
const logOf = (result: RunResult, task: string) =>
  readFileSync(path.join(result.tasks[task]!.taskDir!, 'executor.log'), 'utf8');

afterEach(() => {
  // Every run terminates its workers before it returns.
  expect(liveWorkerCount()).toBe(0);
});

describe('a parallel-for of CPU-bound components', () => {
  const fanOut = pipeline({ name: 'fan-out', inputs: { ms: param.int({ default: 200 }) } }, (p) => {
    const loop = parallelFor([1, 2, 3, 4], (n) => busy({ n, ms: p.ms }).outputs);
    return {
      values: collected(loop.result.value),
      threads: collected(loop.result.thread),
      started: collected(loop.result.started),
      ended: collected(loop.result.ended),
    };
  });

  it('runs on two worker threads at once with workers: 2, with the outputs of workers: 1', async () => {
    const one = await runPipeline(fanOut, {}, { workers: 1, parallelism: 2 });
    const two = await runPipeline(fanOut, {}, { workers: 2, parallelism: 2 });
    expect(one.state).toBe('SUCCEEDED');
    expect(two.state).toBe('SUCCEEDED');
    const out1 = one.pipelineOutputs.parameters;
    const out2 = two.pipelineOutputs.parameters;
    expect(out2.values).toEqual([1, 4, 9, 16]);
    expect(out2.values).toEqual(out1.values);
    // workers: 1 is today's behaviour, the main thread; workers: 2 uses two other threads.
    expect(new Set(out1.threads as number[])).toEqual(new Set([threadId]));
    const threads = new Set(out2.threads as number[]);
    expect(threads.size).toBe(2);
    expect(threads.has(threadId)).toBe(false);
    // Really at once: some two tasks' run intervals overlap.
    const started = out2.started as number[];
    const ended = out2.ended as number[];
    const overlaps = started.some((s, i) =>
      started.some((t, j) => i !== j && s < ended[j]! && t < ended[i]!),
    );
    expect(overlaps).toBe(true);
    // The result is the same shape: same tasks, states, executors.
    const shape = (r: RunResult) =>
      Object.fromEntries(Object.entries(r.tasks).map(([k, t]) => [k, [t.state, t.executor, t.attempts]]));
    expect(shape(two)).toEqual(shape(one));
    expect(two.tasks['for-loop-2/0/busy']!.executor).toBe('in-process');
  });

  it("'auto' uses the cores, capped by parallelism", async () => {
    const result = await runPipeline(fanOut, { ms: 20 }, { workers: 'auto', parallelism: 1 });
    expect(result.state).toBe('SUCCEEDED');
    // parallelism 1: one worker at most, so everything ran on the main thread (no pool).
    expect(new Set(result.pipelineOutputs.parameters.threads as number[])).toEqual(new Set([threadId]));
  });

  it('refuses a workers value that is not a whole number', async () => {
    await expect(runPipeline(fanOut, {}, { workers: 1.5 })).rejects.toThrow(
      /workers: expected a whole number/,
    );
  });
});

describe('logs, errors and exits on a worker', () => {
  it("puts what the task prints in that task's log, as on the main thread", async () => {
    const p = pipeline({ name: 'logs' }, () => {
      const loop = parallelFor([1, 2], (n) => chatty({ n }).outputs.Output);
      return collected(loop.result);
    });
    // On the main thread a direct stdout write is not captured: it goes to the process's stdout.
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const main = await runPipeline(p, {}, { workers: 1 }).finally(() => write.mockRestore());
    expect(written.filter((w) => w.startsWith('raw write')).sort()).toEqual([
      'raw write 1\n',
      'raw write 2\n',
    ]);
    const lines: string[] = [];
    const worker = await runPipeline(
      p,
      {},
      {
        workers: 2,
        streamLogs: true,
        onEvent: (e) => e.type === 'task-log' && lines.push(`${e.path}: ${e.line}`),
      },
    );
    expect(worker.state).toBe('SUCCEEDED');
    expect(worker.pipelineOutputs.parameters.Output).toEqual([2, 3]);
    for (const [i, n] of [1, 2].entries()) {
      const task = `for-loop-2/${i}/chatty`;
      expect(logOf(worker, task)).toBe(
        `hello from ${n} { nested: [ 1, 2 ] }\nto stderr ${n}\nraw write ${n}\n`,
      );
      // On the main thread console.* is captured the same way (a direct stdout write is not).
      expect(logOf(main, task)).toBe(`hello from ${n} { nested: [ 1, 2 ] }\nto stderr ${n}\n`);
      expect(worker.tasks[task]!.metrics).toEqual({ data: { rows: n } });
      expect(readFileSync(worker.tasks[task]!.artifacts.data as string, 'utf8')).toBe(`rows ${n}`);
    }
    expect(lines).toContain('for-loop-2/1/chatty: to stderr 2');
  });

  it('fails a component with the same error and log tail as on the main thread', async () => {
    const p = pipeline({ name: 'fails' }, () => {
      failing({ why: 'the model did not converge' });
    });
    const main = await runPipeline(p, {}, { workers: 1 });
    const worker = await runPipeline(p, {}, { workers: 2 });
    expect(worker.state).toBe('FAILED');
    expect(worker.tasks.failing!.error).toBe("component 'failing' failed: the model did not converge");
    expect(worker.tasks.failing!.error).toBe(main.tasks.failing!.error);
    expect(worker.tasks.failing!.logTail).toEqual(['about to fail']);
    expect(worker.error).toBe(main.error);
  });

  it('fails a component that calls process.exit with the same message as on the main thread', async () => {
    const p = pipeline({ name: 'exits' }, () => {
      exiting();
    });
    const main = await runPipeline(p, {}, { workers: 1 });
    const worker = await runPipeline(p, {}, { workers: 2 });
    expect(worker.tasks.exiting!.error).toMatch(/component 'exiting' failed: it called process\.exit\(3\)/);
    expect(worker.tasks.exiting!.error).toBe(main.tasks.exiting!.error);
  });

  it('fails the task of a worker that dies, naming the task and exit code; later tasks still run', async () => {
    const p = pipeline({ name: 'dies' }, () => {
      const crash = crashing();
      const loop = parallelFor([1, 2, 3], (n) => busy({ n, ms: 5 }).outputs.value);
      busy({ n: 5, ms: 5 }).after(crash).ignoreUpstreamFailure();
      return collected(loop.result);
    });
    const result = await runPipeline(p, {}, { workers: 2, parallelism: 2 });
    expect(result.state).toBe('FAILED');
    expect(result.failedTasks).toEqual(['crashing']);
    expect(result.tasks.crashing!.error).toMatch(
      /^task 'crashing': its worker thread exited with code 3 before component 'crashing' finished/,
    );
    expect(result.tasks['busy-2']).toMatchObject({ state: 'SUCCEEDED', outputParameters: { value: 25 } });
    expect(result.pipelineOutputs.parameters.Output).toEqual([1, 4, 9]);
  });
});

describe('abort, fail-fast and retries on workers', () => {
  it('terminates the workers of running tasks when the run is aborted', async () => {
    const dir = tempDir();
    const p = pipeline({ name: 'abort', inputs: { dir: param.string() } }, (p) => {
      parallelFor([1, 2], () => sleeper({ dir: p.dir }));
    });
    const controller = new AbortController();
    const started = Date.now();
    const watch = setInterval(() => {
      const log = path.join(dir, 'started.log');
      if (existsSync(log) && readFileSync(log, 'utf8').trim().split('\n').length === 2) controller.abort();
    }, 20);
    const result = await runPipeline(p, { dir }, { workers: 2, signal: controller.signal }).finally(() =>
      clearInterval(watch),
    );
    expect(result.state).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.tasks['for-loop-2/0/sleeper']!.error).toMatch(/^stopped: the run was aborted/);
    expect(existsSync(path.join(dir, 'finished.log'))).toBe(false);
  });

  it('starts nothing new after a failure with fail-fast', async () => {
    const p = pipeline({ name: 'fail-fast' }, () => {
      failing({ why: 'boom' });
      const first = busy({ n: 1, ms: 300 });
      busy({ n: 2, ms: 5 }).after(first);
    });
    const result = await runPipeline(p, {}, { workers: 2, parallelism: 2, failurePolicy: 'fail-fast' });
    expect(result.state).toBe('FAILED');
    expect(result.tasks.busy!.state).toBe('SUCCEEDED');
    expect(result.tasks['busy-2']).toMatchObject({
      state: 'CANCELLED',
      reason: "fail-fast: task 'failing' failed",
    });
  });

  it('retries a failing component on a worker', async () => {
    const dir = tempDir();
    const p = pipeline({ name: 'retry', inputs: { dir: param.string() } }, (p) => {
      flaky({ dir: p.dir, times: 3 }).set({ retry: { maxRetries: 3 } });
    });
    const events: RunEvent[] = [];
    const result = await runPipeline(
      p,
      { dir },
      {
        workers: 2,
        retryBackoffScale: 0,
        onEvent: (e) => events.push(e),
      },
    );
    expect(result.tasks.flaky).toMatchObject({
      state: 'SUCCEEDED',
      attempts: 3,
      outputParameters: { Output: 3 },
    });
    expect(result.tasks.flaky!.outputParameters.thread).not.toBe(threadId);
    expect(events.filter((e) => e.type === 'task-retrying').map((e) => 'error' in e && e.error)).toEqual([
      "component 'flaky' failed: attempt 1 failed",
      "component 'flaky' failed: attempt 2 failed",
    ]);
  });
});

describe('what stays on the main thread', () => {
  it("sets a task's env in its worker only", async () => {
    const p = pipeline({ name: 'env' }, () => ({
      with: readEnv().set({ env: { KFP_TS_WORKER_VAR: 'on' } }).outputs.Output,
      without: readEnv().outputs.Output,
    }));
    const result = await runPipeline(p, {}, { workers: 2 });
    expect(result.pipelineOutputs.parameters).toEqual({ with: 'on', without: 'unset' });
    const threads = Object.values(result.tasks).map((t) => t.outputParameters.thread);
    expect(threads).toHaveLength(2);
    expect(threads).not.toContain(threadId);
    expect(process.env.KFP_TS_WORKER_VAR).toBeUndefined();
  });

  it('runs a module that does not load on a worker on the main thread, with one warning', async () => {
    const p = pipeline({ name: 'fallback' }, () => {
      parallelFor([1, 2], () => mainOnly());
    });
    const warnings: string[] = [];
    const result = await runPipeline(
      p,
      {},
      {
        workers: 2,
        parallelism: 1,
        onEvent: (e) => e.type === 'warning' && warnings.push(e.message),
      },
    );
    expect(result.state).toBe('SUCCEEDED');
    expect(result.tasks['for-loop-2/0/main-only']!.outputParameters.thread).toBe(threadId);
    expect(warnings).toHaveLength(0);
    const two = await runPipeline(
      p,
      {},
      {
        workers: 2,
        parallelism: 2,
        onEvent: (e) => e.type === 'warning' && warnings.push(e.message),
      },
    );
    expect(two.state).toBe('SUCCEEDED');
    expect(two.tasks['for-loop-2/1/main-only']!.outputParameters.thread).toBe(threadId);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^component 'main_only' cannot run in a worker thread \(its module does not load in a worker thread: this module needs the main thread\); it runs on the main thread\.$/,
      ),
    ]);
  });

  it('runs the components of a module that does not bundle on the main thread, with one warning', async () => {
    const p = pipeline({ name: 'no-bundle' }, () => {
      parallelFor([1, 2, 3], () => awaited());
    });
    const warnings: string[] = [];
    const result = await runPipeline(
      p,
      {},
      {
        workers: 2,
        parallelism: 2,
        onEvent: (e) => e.type === 'warning' && warnings.push(e.message),
      },
    );
    expect(result.state).toBe('SUCCEEDED');
    const threads = Object.values(result.tasks).flatMap((t) => t.outputParameters.thread ?? []);
    expect(threads).toEqual([threadId, threadId, threadId]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^the components of .*top-level-await\.ts run on the main thread: cannot bundle .*top-level-await\.ts as a library:\n {2}.*top-level-await\.ts:5: Top-level await/,
    );
  });

  it('runs mocks on the main thread', async () => {
    const p = pipeline({ name: 'mocked' }, () => {
      parallelFor([1, 2], (n) => busy({ n }));
    });
    let calls = 0;
    const result = await runPipeline(
      p,
      {},
      {
        workers: 2,
        mocks: { busy: ({ n }) => ({ value: n, thread: threadId, started: ++calls, ended: 0 }) },
      },
    );
    expect(result.state).toBe('SUCCEEDED');
    expect(calls).toBe(2);
    expect(result.tasks['for-loop-2/0/busy']!.executor).toBe('mock');
  });
});

describe('keepWorkers', () => {
  const fanOut = pipeline({ name: 'kept-fan-out' }, () => {
    const loop = parallelFor([1, 2, 3, 4], (n) => busy({ n, ms: 50 }).outputs);
    return { threads: collected(loop.result.thread) };
  });

  it('leaves the workers to the next run, which reuses them, until closeWorkerPools', async () => {
    const options = { outputDir: tempDir(), cache: false, workers: 2, keepWorkers: true } as const;
    try {
      const first = await runPipeline(fanOut, {}, options);
      expect(first.state).toBe('SUCCEEDED');
      expect(liveWorkerCount()).toBe(2);
      const second = await runPipeline(fanOut, {}, options);
      expect(second.state).toBe('SUCCEEDED');
      expect(liveWorkerCount()).toBe(2);
      const threads = (run: RunResult) => new Set(run.pipelineOutputs.parameters.threads as number[]);
      // The same two threads served both runs.
      expect([...threads(second)].every((t) => threads(first).has(t))).toBe(true);
    } finally {
      await closeWorkerPools();
    }
  });
});
