// Components the worker-pool tests run on worker threads. They live in their own module (not in a
// test file) because a worker loads the module that defines a component, bundled.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { artifact, component, Dataset, param } from '@kfp-ts/dsl';

// Captured when the module loads, before the executor's exit guard can replace it.
const realExit = process.exit.bind(process);

/** Spins for `ms` milliseconds of CPU; returns a value that depends on the input only. */
export const busy = component({
  name: 'busy',
  inputs: { n: param.int(), ms: param.int({ default: 200 }) },
  outputs: { value: param.int(), thread: param.int(), started: param.float(), ended: param.float() },
  run: ({ n, ms }) => {
    const started = Date.now();
    let x = n;
    while (Date.now() - started < ms) x = (x * 1103515245 + 12345) % 2147483648;
    // `x` depends on how long the loop ran: the deterministic value is n * n.
    return { value: n * n + (x < 0 ? 1 : 0), thread: threadId, started, ended: Date.now() };
  },
});

export const chatty = component({
  name: 'chatty',
  inputs: { n: param.int() },
  outputs: { data: artifact(Dataset), Output: param.int() },
  run: ({ n }, { data }) => {
    console.log('hello from', n, { nested: [1, 2] });
    console.error(`to stderr ${n}`);
    process.stdout.write(`raw write ${n}\n`);
    writeFileSync(data.path, `rows ${n}`);
    data.metadata.rows = n;
    return { Output: n + 1 };
  },
});

export const failing = component({
  name: 'failing',
  inputs: { why: param.string() },
  outputs: { Output: param.int() },
  run: ({ why }) => {
    console.log('about to fail');
    throw new Error(why);
  },
});

/** process.exit inside the call: the executor's guard turns it into a failure. */
export const exiting = component({
  name: 'exiting',
  outputs: { Output: param.int() },
  run: () => {
    process.exit(3);
  },
});

/** Ends its thread past the guard, as a native addon or a stray callback would. */
export const crashing = component({
  name: 'crashing',
  outputs: { Output: param.int() },
  run: async () => {
    realExit(3);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    return { Output: 0 };
  },
});

/** Runs until it is stopped (or 20 s), recording that it started. */
export const sleeper = component({
  name: 'sleeper',
  inputs: { dir: param.string() },
  outputs: { Output: param.int() },
  run: async ({ dir }) => {
    appendFileSync(path.join(dir, 'started.log'), `${threadId}\n`);
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    appendFileSync(path.join(dir, 'finished.log'), `${threadId}\n`);
    return { Output: 1 };
  },
});

/** Fails until its counter file says it has been called `times` times. */
export const flaky = component({
  name: 'flaky',
  inputs: { dir: param.string(), times: param.int() },
  outputs: { Output: param.int(), thread: param.int() },
  run: ({ dir, times }) => {
    const file = path.join(dir, 'calls');
    const calls = (existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0) + 1;
    writeFileSync(file, String(calls));
    if (calls < times) throw new Error(`attempt ${calls} failed`);
    return { Output: calls, thread: threadId };
  },
});

export const readEnv = component({
  name: 'read_env',
  outputs: { Output: param.string(), thread: param.int() },
  run: () => ({ Output: process.env.KFP_TS_WORKER_VAR ?? 'unset', thread: threadId }),
});
