// Port of test_data/sdk_compiled_pipelines/valid/critical/add_numbers.py: a single lightweight
// component compiled on its own (the IR wraps it in a one-task root DAG).
import { component, param } from '@kfp-ts/dsl';

export const addNumbers = component({
  name: 'add_numbers',
  inputs: { a: param.int(), b: param.int() },
  outputs: { Output: param.int() },
  run: ({ a, b }) => ({ Output: a + b }),
});

export const target = addNumbers;
