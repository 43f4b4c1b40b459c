// Port of test_data/sdk_compiled_pipelines/valid/pipeline_with_retry.py: a retry policy given only
// the number of retries (the IR spells out the default backoff).
import { component, param, pipeline } from '@kfp-ts/dsl';

const add = component({
  name: 'add',
  inputs: { a: param.float(), b: param.float() },
  outputs: { Output: param.float() },
  run: ({ a, b }) => ({ Output: a + b }),
});

export const target = pipeline(
  { name: 'test-pipeline', inputs: { a: param.float({ default: 1 }), b: param.float({ default: 7 }) } },
  (p) => {
    add({ a: p.a, b: p.b }).set({ retry: { maxRetries: 3 } });
  },
);
