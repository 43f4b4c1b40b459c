// Port of test_data/sdk_compiled_pipelines/valid/two_step_pipeline.py. The Python loads two KFP v1
// component.yaml texts; they are small, so they are written here by hand with containerComponent
// (v1 `GCSPath` is `system.Artifact`; `inputUri`/`outputUri` are the `.uri` placeholders). The v1
// inputs' descriptions are left out: KFP does not carry them into the IR (the golden has none).
import { Artifact, artifact, containerComponent, param, pipeline } from '@kfp-ts/dsl';
import type { CompileOptions } from '../../index.js';

const writeToGcs = containerComponent({
  name: 'Write to GCS',
  inputs: { text: param.string() },
  outputs: { output_gcs_path: artifact(Artifact) },
  image: 'google/cloud-sdk:slim',
  command: (i, o) => ['sh', '-c', 'set -e -x\necho "$0" | gsutil cp - "$1"\n', i.text, o.output_gcs_path.uri],
});

const readFromGcs = containerComponent({
  name: 'Read from GCS',
  inputs: { input_gcs_path: artifact(Artifact) },
  image: 'google/cloud-sdk:slim',
  command: (i) => ['sh', '-c', 'set -e -x\ngsutil cat "$0"\n', i.input_gcs_path.uri],
});

export const target = pipeline(
  { name: 'simple-two-step-pipeline', inputs: { text: param.string({ default: 'Hello world!' }) } },
  (p) => {
    const producer = writeToGcs({ text: p.text }).set({ displayName: 'Producer' });
    readFromGcs({ input_gcs_path: producer.outputs.output_gcs_path }).set({ displayName: 'Consumer' });
  },
);

export const options: CompileOptions = { pipelineParameters: { text: 'Hello KFP!' } };
