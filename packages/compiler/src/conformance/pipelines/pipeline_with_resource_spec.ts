// Port of sdk/python/test_data/pipelines/pipeline_with_resource_spec.py (tag sdk-2.14.6): literal
// CPU, memory and accelerator requests/limits on a task. The Python loads two KFP v1 component
// files (/work/shared/kfp-golden/v1_component_yaml/); they are small, so they are written here by
// hand with containerComponent (`inputUri`/`outputUri` are the `.uri` placeholders). Their
// descriptions are left out: KFP does not carry v1 descriptions into the IR (the golden has none).
import { artifact, containerComponent, Dataset, Model, param, pipeline } from '@kfp-ts/dsl';

const ingestionOp = containerComponent({
  name: 'Ingestion',
  inputs: { input_location: param.string() },
  outputs: { examples: artifact(Dataset) },
  image: 'gcr.io/my-project/my-ingestor',
  args: (i, o) => ['--input-location', i.input_location, '--output-examples', o.examples.uri],
});

const trainingOp = containerComponent({
  name: 'Trainer',
  inputs: { examples: artifact(Dataset), optimizer: param.string(), n_epochs: param.int() },
  outputs: { model: artifact(Model) },
  image: 'gcr.io/my-project/my-fancy-trainer',
  args: (i, o) => [
    '--input-examples',
    i.examples.uri,
    '--optimizer',
    i.optimizer,
    '--n_epochs',
    i.n_epochs,
    '--output-model',
    o.model.uri,
  ],
});

export const target = pipeline(
  {
    name: 'two-step-pipeline-with-resource-spec',
    description: 'A linear two-step pipeline with resource specification.',
    inputs: {
      input_location: param.string({ default: 'gs://test-bucket/pipeline_root' }),
      optimizer: param.string({ default: 'sgd' }),
      n_epochs: param.int({ default: 200 }),
    },
  },
  (p) => {
    const ingestor = ingestionOp({ input_location: p.input_location });
    trainingOp({ examples: ingestor.outputs.examples, optimizer: p.optimizer, n_epochs: p.n_epochs }).set({
      cpuRequest: '2',
      cpuLimit: '4',
      memoryRequest: '4Gi',
      memoryLimit: '14Gi',
      accelerator: { type: 'tpu-v3', count: 1 },
    });
  },
);
