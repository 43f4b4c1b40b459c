// Port of test_data/sdk_compiled_pipelines/valid/containerized_python_component.py: a function
// component with its own image (KFP's `target_image`), compiled on its own. Our executor runs
// TypeScript, so only the executor's shape is compared (see compare.ts).
import { component, param } from '@kfp-ts/dsl';

export const target = component({
  name: 'concat_message',
  image: 'kfp-image',
  inputs: { message1: param.string(), message2: param.string() },
  outputs: { Output: param.string() },
  run: ({ message1, message2 }) => ({ Output: message1 + message2 }),
});
