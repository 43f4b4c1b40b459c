// The smallest useful component: what a bundle costs without dependencies.
import { component, param } from '@kfp-ts/dsl';

export const add = component({
  name: 'add',
  inputs: { a: param.int(), b: param.int() },
  outputs: { sum: param.int() },
  run: ({ a, b }) => ({ sum: a + b }),
});
