// Port of test_data/sdk_compiled_pipelines/valid/container_with_if_placeholder.py: a container
// component compiled on its own, using ifPresent() (KFP's IfPresentPlaceholder) in its command.
import { artifact, containerComponent, Dataset, ifPresent, param } from '@kfp-ts/dsl';

export const target = containerComponent({
  name: 'container_with_if_placeholder',
  inputs: { optional_input: param.string({ default: 'default' }) },
  outputs: { output_path: param.string(), dataset: artifact(Dataset) },
  image: 'registry.access.redhat.com/ubi9/python-311:latest',
  command: (i, o) => [
    'my_program',
    ifPresent('optional_input', [i.optional_input], ['bye']),
    '--dataset',
    ifPresent('optional_input', [o.dataset.uri], ['bye']),
  ],
  args: (_i, o) => ['--output_path', o.output_path],
});
