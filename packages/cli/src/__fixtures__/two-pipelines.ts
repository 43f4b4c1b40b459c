// Two exported pipelines: the CLI needs --pipeline to choose.
import { component, param, pipeline } from '@kfp-ts/dsl';

const hello = component({ name: 'hello', inputs: { who: param.string() }, run: () => {} });

export const training = pipeline({ name: 'training', inputs: { who: param.string({ default: 'a' }) } }, (p) => {
  hello({ who: p.who });
});

export const scoringPipeline = pipeline({ name: 'scoring' }, () => {
  hello({ who: 'b' });
});

export default training;
