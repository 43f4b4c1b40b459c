// A parallel-for whose tasks report the thread they ran on (the run command's --workers tests).
import { threadId } from 'node:worker_threads';
import { collected, component, parallelFor, param, pipeline } from '@kfp-ts/dsl';

const spin = component({
  name: 'spin',
  inputs: { n: param.int() },
  outputs: { square: param.int(), thread: param.int() },
  run: ({ n }) => {
    const until = Date.now() + 100;
    while (Date.now() < until);
    return { square: n * n, thread: threadId };
  },
});

export const threadFanOut = pipeline({ name: 'thread-fan-out' }, () => {
  const loop = parallelFor([1, 2, 3, 4], (n) => spin({ n }).outputs);
  return { squares: collected(loop.result.square), threads: collected(loop.result.thread) };
});
