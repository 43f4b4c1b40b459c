// The IR compiled from loaded v1 components against the IR the Python SDK compiled from the same
// files: pipeline_with_resource_spec (tag sdk-2.14.6, loads the two files of v1_component_yaml/)
// and two_step_pipeline (components written inline in the Python source; the same texts here).
import { param, pipeline } from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { compareToGolden } from '../conformance/compare.js';
import { describeDifferences } from '../conformance/goldens.js';
import { target } from '../conformance/pipelines/pipeline_with_resource_spec.js';
import { golden } from './__fixtures__/golden-files.js';
import { loadComponentFromText } from './load-component.js';

function expectSameIr(ours: object, expected: object): void {
  const differences = compareToGolden(ours, expected);
  if (differences.length)
    expect.fail(`${differences.length} difference(s):\n${describeDifferences(differences, 20)}`);
}

describe('pipeline_with_resource_spec from the v1 files', () => {
  // The conformance port loads the two v1 files, as the Python source does.
  it('compiles to the golden IR, components and executors included', () => {
    expectSameIr(compile(target), golden('pipeline_with_resource_spec'));
  });

  it('gives components and executors equal to the golden ones (resources aside)', () => {
    const ir = compile(target) as Record<string, any>;
    const expected = golden('pipeline_with_resource_spec');
    expect(ir.components['comp-ingestion']).toEqual(expected.components['comp-ingestion']);
    expect(ir.components['comp-trainer']).toEqual(expected.components['comp-trainer']);
    expect(ir.deploymentSpec.executors['exec-ingestion']).toEqual(
      expected.deploymentSpec.executors['exec-ingestion'],
    );
    const { resources, ...trainer } = ir.deploymentSpec.executors['exec-trainer'].container;
    const { resources: _, ...expectedTrainer } = expected.deploymentSpec.executors['exec-trainer'].container;
    expect(trainer).toEqual(expectedTrainer);
    expect(resources).toBeDefined();
  });
});

describe('two_step_pipeline from v1 component texts', () => {
  const writeToGcs = loadComponentFromText(`
name: Write to GCS
inputs:
- {name: text, type: String, description: 'Content to be written to GCS'}
outputs:
- {name: output_gcs_path, type: GCSPath, description: 'GCS file path'}
implementation:
  container:
    image: google/cloud-sdk:slim
    command:
    - sh
    - -c
    - |
      set -e -x
      echo "$0" | gsutil cp - "$1"
    - {inputValue: text}
    - {outputUri: output_gcs_path}
`);
  const readFromGcs = loadComponentFromText(`
name: Read from GCS
inputs:
- {name: input_gcs_path, type: GCSPath, description: 'GCS file path'}
implementation:
  container:
    image: google/cloud-sdk:slim
    command:
    - sh
    - -c
    - |
      set -e -x
      gsutil cat "$0"
    - {inputUri: input_gcs_path}
`);

  it('compiles to the golden IR', () => {
    const target = pipeline(
      { name: 'simple-two-step-pipeline', inputs: { text: param.string({ default: 'Hello world!' }) } },
      (p) => {
        const producer = writeToGcs({ text: p.text }).set({ displayName: 'Producer' });
        readFromGcs({ input_gcs_path: producer.outputs.output_gcs_path }).set({ displayName: 'Consumer' });
      },
    );
    expectSameIr(
      compile(target, { pipelineParameters: { text: 'Hello KFP!' } }),
      golden('two_step_pipeline'),
    );
  });
});
