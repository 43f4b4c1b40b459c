// A module with a top-level await: esbuild cannot bundle it as CommonJS, so no worker can load it.
import { threadId } from 'node:worker_threads';
import { component, param } from '@kfp-ts/dsl';

const offset = await Promise.resolve(0);

export const awaited = component({
  name: 'awaited',
  outputs: { thread: param.int() },
  run: () => ({ thread: threadId + offset }),
});
