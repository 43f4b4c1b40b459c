// Port of sdk/python/test_data/pipelines/pipeline_with_resource_spec.py (tag sdk-2.14.6): literal
// CPU, memory and accelerator requests/limits on a task. Like the Python source, it loads the two
// KFP v1 component files (shared/kfp-golden/v1_component_yaml/) with the component loader.
import { param, pipeline } from '@kfp-ts/dsl';
import { v1Path } from '../../load/__fixtures__/golden-files.js';
import { loadComponentFromFile } from '../../load/load-component.js';

const ingestionOp = loadComponentFromFile(v1Path('ingestion_component.yaml'));
const trainingOp = loadComponentFromFile(v1Path('fancy_trainer_component.yaml'));

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
