// A pipeline of sequential tasks that record each completed execution in <dir>/executions.log,
// for the abort/kill-and-resume tests. Run as a script it runs the pipeline into the folder given
// as argv[2] and prints one JSON event per line (the parent test kills it midway).
import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import { component, param, pipeline } from '@kfp-ts/dsl';
import { runPipeline } from '../index.js';

export const STEPS = 6;

const step = component({
  name: 'step',
  inputs: { dir: param.string(), index: param.int(), previous: param.int() },
  outputs: { Output: param.int() },
  run: async ({ dir, index, previous }) => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Recorded at the very end: a task killed before this line did not complete.
    appendFileSync(path.join(dir, 'executions.log'), `step-${index}\n`);
    return { Output: previous + index };
  },
});

export const chain = pipeline({ name: 'chain', inputs: { dir: param.string() } }, (p) => {
  let previous = step({ dir: p.dir, index: 0, previous: 0 });
  for (let i = 1; i < STEPS; i++) previous = step({ dir: p.dir, index: i, previous: previous.output });
  return previous.output;
});

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = process.argv[2]!;
  const result = await runPipeline(chain, { dir }, {
    outputDir: dir,
    onEvent: (event) => {
      if (event.type !== 'run-finished') process.stdout.write(`${JSON.stringify(event)}\n`);
    },
  });
  process.stdout.write(`${JSON.stringify({ type: 'result', state: result.state, tasks: result.tasks })}\n`);
}
