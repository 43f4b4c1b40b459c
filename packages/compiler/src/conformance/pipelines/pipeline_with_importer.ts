// Port of test_data/sdk_compiled_pipelines/valid/pipeline_with_importer.py: an importer with a
// constant URI and metadata, and one with a URI from a pipeline input (reimport) inside an If.
import { readFileSync, writeFileSync } from 'node:fs';
import { artifact, component, Dataset, eq, If, importer, Model, param, pipeline } from '@kfp-ts/dsl';

const train = component({
  name: 'train',
  description: 'Dummy Training step.',
  inputs: { dataset: artifact(Dataset) },
  outputs: { scalar: param.string(), model: artifact(Model) },
  run: ({ dataset }, { model }) => {
    const data = readFileSync(dataset.path, 'utf8');
    console.log('Dataset:', data);
    writeFileSync(model.path, `My model trained using data: ${data}`);
    return { scalar: '123' };
  },
});

export const target = pipeline(
  {
    name: 'pipeline-with-importer',
    inputs: { dataset2: param.string({ default: 'gs://ml-pipeline-playground/shakespeare2.txt' }) },
  },
  (p) => {
    const importer1 = importer({
      artifactUri: 'gs://ml-pipeline-playground/shakespeare1.txt',
      artifactClass: Dataset,
      reimport: false,
      metadata: { key: 'value' },
    });
    const train1 = train({ dataset: importer1.outputs.artifact });
    If(eq(train1.outputs.scalar, '123'), () => {
      const importer2 = importer({ artifactUri: p.dataset2, artifactClass: Dataset, reimport: true });
      train({ dataset: importer2.outputs.artifact });
    });
  },
);
