// The pool's mechanics with a stand-in worker program: lazy start, reuse, one task per worker,
// queueing, a dead worker replaced, aborts, and close.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TaskLog } from './log-capture.js';
import type { JobHooks, PoolJob } from './worker-pool.js';
import { liveWorkerCount, WorkerPool } from './worker-pool.js';

// Answers after `taskName` ms with its thread id; component 'die' exits with code 7, 'throw'
// throws outside any handler, 'fail' answers with an error.
const SCRIPT = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.type === 'warm') return void (globalThis.warmed = m.libraries);
  if (m.component === 'die') process.exit(7);
  if (m.component === 'throw') setTimeout(() => { throw new TypeError('stray'); });
  parentPort.postMessage({ type: 'log', id: m.id, text: 'on ' + threadId + '\\n' });
  setTimeout(() => parentPort.postMessage(m.component === 'fail'
    ? { type: 'failed', id: m.id, error: { name: 'ComponentError', message: "component 'fail' failed: no" } }
    : { type: 'done', id: m.id, outputParameters: { thread: threadId, env: process.env.KFP_TS_POOL ?? null, warmed: globalThis.warmed ?? null }, outputArtifacts: {} }),
    Number(m.taskName));
});
`;
const dir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-pool-'));
const script = path.join(dir, 'worker.cjs');
writeFileSync(script, SCRIPT);

const job = (component: string, ms = 0): PoolJob => ({
  library: '',
  component,
  executorInput: {},
  taskName: String(ms),
  pipelineJobName: 'p',
  uriPrefixes: {},
  env: {},
});
const hooks = (signal = new AbortController().signal): JobHooks & { log: TaskLog } => ({
  taskPath: 'loop/0/t',
  log: new TaskLog(path.join(dir, 'unused.log')),
  signal,
});
const thread = async (p: Promise<{ type: string } & Record<string, any>>) =>
  (await p).outputParameters.thread as number;

describe('WorkerPool', () => {
  it('starts workers ahead of the tasks when warmed, each told which libraries to load', async () => {
    const pool = new WorkerPool(2, script, {});
    pool.warm(5, ['lib.cjs']);
    expect(pool.liveWorkers).toBe(2);
    pool.warm(1, ['lib.cjs']);
    expect(pool.started).toBe(2);
    const answers = await Promise.all([1, 2].map(() => pool.run(job('a', 50), hooks())));
    expect(
      answers.map((a) => (a as { outputParameters: Record<string, unknown> }).outputParameters.warmed),
    ).toEqual([['lib.cjs'], ['lib.cjs']]);
    expect(pool.started).toBe(2);
    await pool.close();
    expect(pool.liveWorkers).toBe(0);
  });

  it('starts workers only when tasks wait and all are busy, and reuses them', async () => {
    const pool = new WorkerPool(2, script, { KFP_TS_POOL: 'snapshot' });
    expect(pool.liveWorkers).toBe(0);
    const first = await thread(pool.run(job('a'), hooks()));
    const second = await thread(pool.run(job('a'), hooks()));
    expect(second).toBe(first);
    expect(pool.started).toBe(1);
    const threads = await Promise.all([1, 2, 3, 4].map(() => thread(pool.run(job('a', 50), hooks()))));
    expect(new Set(threads).size).toBe(2);
    expect(pool.started).toBe(2);
    const env = await pool.run(job('a'), hooks());
    expect(env).toMatchObject({ outputParameters: { env: 'snapshot' } });
    await pool.close();
    expect(pool.liveWorkers).toBe(0);
    expect(liveWorkerCount()).toBe(0);
  });

  it('writes log messages to the task log and rebuilds component errors', async () => {
    const pool = new WorkerPool(1, script, {});
    const h = hooks();
    const threadId = await thread(pool.run(job('a'), h));
    expect(h.log.tail()).toEqual([`on ${threadId}`]);
    const failure = await pool.run(job('fail'), hooks()).catch((e: Error) => e);
    expect(failure).toMatchObject({ name: 'ComponentError', message: "component 'fail' failed: no" });
    await pool.close();
  });

  it('fails the task of a dying worker with the task, the code and the crash, and replaces the worker', async () => {
    const pool = new WorkerPool(1, script, {});
    await expect(pool.run(job('die'), hooks())).rejects.toThrow(
      /^task 'loop\/0\/t': its worker thread exited with code 7 before component 'die' finished/,
    );
    await expect(pool.run(job('throw', 200), hooks())).rejects.toThrow(
      /exited with code 1 after an uncaught TypeError: stray before component 'throw' finished/,
    );
    expect(await thread(pool.run(job('a'), hooks()))).toBeGreaterThan(0);
    expect(pool.started).toBe(3);
    await pool.close();
    expect(liveWorkerCount()).toBe(0);
  });

  it('terminates the worker of an aborted task, and drops an aborted task that waits', async () => {
    const pool = new WorkerPool(1, script, {});
    const running = new AbortController();
    const waiting = new AbortController();
    const a = pool.run(job('a', 10_000), hooks(running.signal));
    const b = pool.run(job('a', 0), hooks(waiting.signal));
    waiting.abort();
    await expect(b).rejects.toThrow(/^stopped: the run was aborted \(task 'loop\/0\/t' had not started\)/);
    running.abort();
    await expect(a).rejects.toThrow(
      /^stopped: the run was aborted \(task 'loop\/0\/t': its worker thread was terminated\)/,
    );
    expect(pool.liveWorkers).toBe(0);
    await pool.close();
  });

  it('close() terminates busy workers and refuses what waits or comes later', async () => {
    const pool = new WorkerPool(1, script, {});
    const outcomes = Promise.allSettled([pool.run(job('a', 10_000), hooks()), pool.run(job('a'), hooks())]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pool.liveWorkers).toBe(1);
    await pool.close();
    const [busy, queued] = await outcomes;
    expect(busy).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/the run finished before it did/) },
    });
    expect(queued).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/before the task started/) },
    });
    await expect(pool.run(job('a'), hooks())).rejects.toThrow(/closed/);
    expect(liveWorkerCount()).toBe(0);
  });
});
