// A module that refuses to load on a worker thread: its components must run on the main thread.
import { isMainThread, threadId } from 'node:worker_threads';
import { component, param } from '@kfp-ts/dsl';

if (!isMainThread) throw new Error('this module needs the main thread');

export const mainOnly = component({
  name: 'main_only',
  outputs: { thread: param.int() },
  run: () => ({ thread: threadId }),
});
