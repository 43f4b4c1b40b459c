// Port of test_data/sdk_compiled_pipelines/valid/critical/two_step_pipeline_containerized.py:
// two container components passing a Dataset; `text` gets its default from the compile options.
import { artifact, containerComponent, Dataset, param, pipeline } from '@kfp-ts/dsl';
import type { CompileOptions } from '../../index.js';

const component1 = containerComponent({
  name: 'component1',
  inputs: { text: param.string() },
  outputs: { output_gcs: artifact(Dataset) },
  image: 'alpine',
  command: ['sh', '-c', 'mkdir --parents $(dirname "$1") && echo "$0" > "$1"'],
  args: (i, o) => [i.text, o.output_gcs.path],
});

const component2 = containerComponent({
  name: 'component2',
  inputs: { input_gcs: artifact(Dataset) },
  image: 'alpine',
  command: ['cat'],
  args: (i) => [i.input_gcs.path],
});

export const target = pipeline(
  { name: 'containerized-two-step-pipeline', inputs: { text: param.string() } },
  (p) => {
    const first = component1({ text: p.text });
    component2({ input_gcs: first.outputs.output_gcs });
  },
);

export const options: CompileOptions = { pipelineParameters: { text: 'Hello KFP Containerized!' } };
