// Port of test_data/sdk_compiled_pipelines/valid/pipeline_with_parallelfor_list_artifacts.py
// (golden pipeline_with_parallelfor_list_artifacts_GH-12033.yaml): nested pipelines returning
// collected() artifacts, and parallelFor over those lists of artifacts (artifactIterator).
import { writeFileSync } from 'node:fs';
import { Artifact, artifact, collected, component, Dataset, parallelFor, param, pipeline } from '@kfp-ts/dsl';
import { z } from 'zod';

const printArtifactName = component({
  name: 'print_artifact_name',
  inputs: { artifact: artifact(Artifact) },
  outputs: { Output: param.string() },
  run: (inputs) => {
    console.log(inputs.artifact.name);
    return { Output: inputs.artifact.name };
  },
});

const makeDataset = component({
  name: 'make_dataset',
  inputs: { data: param.string() },
  outputs: { Output: artifact(Dataset) },
  run: ({ data }, { Output }) => {
    Output.metadata.length = data.length;
    writeFileSync(Output.path, data);
  },
});

const makeArtifact = component({
  name: 'make_artifact',
  inputs: { data: param.string() },
  outputs: { Output: artifact(Artifact) },
  run: ({ data }, { Output }) => {
    Output.metadata.length = data.length;
    writeFileSync(Output.path, data);
  },
});

const TEXTS = ['Hello', ',', ' ', 'world!'];

const makeDatasets = pipeline(
  { name: 'make-datasets', inputs: { texts: param.list(z.string(), { default: TEXTS }) } },
  (p) => collected(parallelFor(p.texts, (text) => makeDataset({ data: text }).output).result),
);

const makeArtifacts = pipeline(
  { name: 'make-artifacts', inputs: { texts: param.list(z.string(), { default: TEXTS }) } },
  (p) => collected(parallelFor(p.texts, (text) => makeArtifact({ data: text }).output).result),
);

export const target = pipeline({ name: 'pipeline-parallelfor-artifacts' }, () => {
  const artifacts = makeArtifacts();
  parallelFor(artifacts.output, (item) => printArtifactName({ artifact: item }));

  const datasets = makeDatasets();
  parallelFor(datasets.output, (item) => printArtifactName({ artifact: item }));
});
