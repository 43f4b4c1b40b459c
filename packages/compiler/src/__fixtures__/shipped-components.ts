// Function components the compiler bundles and ships; the tests run the compiled commands.
import { writeFileSync } from 'node:fs';
import { artifact, component, Dataset, logMetric, Metrics, param, pipeline } from '@kfp-ts/dsl';

export const shout = component({
  name: 'shout',
  inputs: { text: param.string(), times: param.int({ default: 2 }) },
  outputs: { loud: param.string(), report: artifact(Dataset), metrics: artifact(Metrics) },
  run: ({ text, times }, { report, metrics }) => {
    writeFileSync(report.path, text);
    logMetric(metrics, 'length', text.length);
    return { loud: `${text.toUpperCase()}!`.repeat(times) };
  },
});

export const crash = component({
  name: 'crash',
  inputs: { text: param.string() },
  run: () => {
    throw new TypeError('cannot shout');
  },
});

export const shouting = pipeline({ name: 'shouting', inputs: { text: param.string() } }, (p) => {
  const loud = shout({ text: p.text });
  crash({ text: loud.outputs.loud });
});
