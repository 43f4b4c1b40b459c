// Port of test_data/sdk_compiled_pipelines/valid/critical/component_with_optional_inputs.py:
// optional string inputs with and without a default, one of them left out by the caller.
import { component, param, pipeline } from '@kfp-ts/dsl';

const componentOp = component({
  name: 'component_op',
  inputs: {
    input1: param.string({ default: 'default value' }),
    input2: param.string({ optional: true }),
    input3: param.string({ optional: true }),
  },
  run: ({ input1, input2, input3 }) => {
    console.log(`input1: ${input1}, type: ${typeof input1}`);
    console.log(`input2: ${input2}, type: ${typeof input2}`);
    console.log(`input3: ${input3}, type: ${typeof input3}`);
  },
});

export const target = pipeline({ name: 'v2-component-optional-input' }, () => {
  componentOp({ input1: 'Hello', input2: 'World' });
});
