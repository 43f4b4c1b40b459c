// Components the bundler tests ship into a subprocess. Two components share this module, so they
// share one bundle.
import { writeFileSync } from 'node:fs';
import { artifact, component, Dataset, param, pipeline } from '@kfp-ts/dsl';

export const echo = component({
  name: 'echo',
  inputs: { text: param.string(), times: param.int({ default: 1 }) },
  outputs: { same: param.string(), copy: artifact(Dataset) },
  run: ({ text, times }, { copy }) => {
    writeFileSync(copy.path, text.repeat(times));
    copy.metadata.length = text.length;
    return { same: text };
  },
});

export const explode = component({
  name: 'explode',
  run: () => {
    throw new Error('the model did not converge');
  },
});

// Only reachable through the exported pipeline.
const quitEarly = component({
  name: 'quit-early',
  outputs: { n: param.int() },
  run: () => {
    process.exit(0);
  },
});

export const demo = pipeline({ name: 'demo' }, () => {
  echo({ text: 'x' });
  quitEarly();
});
