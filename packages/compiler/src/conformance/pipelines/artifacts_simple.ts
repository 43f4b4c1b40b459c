// Port of test_data/sdk_compiled_pipelines/valid/artifacts_simple.py: collected() Dataset outputs
// of a parallelFor fed to a function component and to a container component (as a list of
// artifacts), and returned by the pipeline.
import { readFileSync, writeFileSync } from 'node:fs';
import {
  artifact,
  artifactList,
  collected,
  component,
  containerComponent,
  Dataset,
  inputArtifact,
  parallelFor,
  param,
  pipeline,
} from '@kfp-ts/dsl';

const double = component({
  name: 'double',
  inputs: { num: param.int() },
  outputs: { out_dataset: artifact(Dataset) },
  run: ({ num }, { out_dataset }) => {
    writeFileSync(out_dataset.path, String(2 * num));
  },
});

const add = component({
  name: 'add',
  inputs: { in_datasets: artifactList(Dataset) },
  outputs: { out_dataset: artifact(Dataset) },
  run: ({ in_datasets }, { out_dataset }) => {
    const nums = in_datasets.map((d) => Number.parseInt(readFileSync(d.path, 'utf8'), 10));
    writeFileSync(out_dataset.path, String(nums.reduce((a, b) => a + b, 0)));
  },
});

// The Python program the container runs (the golden's text, byte for byte).
const ADD_PROGRAM = `
import argparse
import json
import os

def main(in_datasets, out_dataset_uri):
    in_dicts = json.loads(in_datasets)
    uris = [d['uri'] for d in in_dicts]
    total = 0
    for uri in uris:
        with open(uri.replace('gs://', '/gcs/')) as f:
            total += int(f.read())

    outpath = out_dataset_uri.replace('gs://', '/gcs/')
    os.makedirs(os.path.dirname(outpath), exist_ok=True)
    with open(outpath, 'w') as f:
        f.write(str(total))

parser = argparse.ArgumentParser()
parser.add_argument('in_datasets')
parser.add_argument('out_dataset_uri')
args = parser.parse_args()

main(args.in_datasets, args.out_dataset_uri)
`;

const addContainer = containerComponent({
  name: 'add_container',
  inputs: { in_datasets: artifactList(Dataset) },
  outputs: { out_dataset: artifact(Dataset) },
  image: 'registry.access.redhat.com/ubi9/python-311:latest',
  command: ['python', '-c'],
  // DSL gap: the typed placeholders of an artifactList input have no `.list` (the JSON of the
  // whole list, `{{$.inputs.artifacts['in_datasets']}}`), so it comes from inputArtifact().
  args: (_i, o) => [ADD_PROGRAM, inputArtifact('in_datasets').list, o.out_dataset.uri],
});

export const target = pipeline({ name: 'math-pipeline' }, () => {
  const loop = parallelFor([1, 2, 3], (x) => double({ num: x }).outputs.out_dataset);
  add({ in_datasets: collected(loop.result) });
  addContainer({ in_datasets: collected(loop.result) });
  return collected(loop.result);
});
