import { validateExecutorInput } from '@kfp-ts/schemas';
import { describe, expect, it } from 'vitest';
import { parseExecutorInput } from './executor-input.js';

// What KFP backends send (notes/kfp-executor.md §3), including fields the executor does not read.
const DOCUMENTS = [
  {},
  {
    inputs: {
      parameterValues: {
        num_steps: 100,
        message: 'hi',
        input_dict: { A: 1 },
        status: { state: 'SUCCEEDED' },
      },
      artifacts: {
        dataset: {
          artifacts: [
            {
              name: 'projects/1/locations/us/metadataStores/default/artifacts/2',
              type: { schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' },
              uri: 'minio://mlpipeline/v2/artifacts/p/run/task/salt/dataset',
              metadata: { length: 5 },
              customPath: '/data/x',
            },
          ],
        },
      },
    },
    outputs: {
      parameters: { Output: { outputFile: '/tmp/kfp/outputs/Output' } },
      artifacts: { model: { artifacts: [{ name: 'model', uri: 'gs://b/model', metadata: {} }] } },
      outputFile: '/gcs/b/task/executor_output.json',
    },
  },
];

describe('the executor input schema shipped in bundles', () => {
  it.each(DOCUMENTS.map((d, i) => [i, d] as const))(
    'accepts what the strict IR schema accepts (%i)',
    (_i, document) => {
      expect(validateExecutorInput(document).ok).toBe(true);
      expect(parseExecutorInput(document).ok).toBe(true);
    },
  );

  it('rejects the shapes the executor cannot read, like the strict schema', () => {
    for (const document of [
      { inputs: { parameterValues: [] } },
      { outputs: { parameters: { x: { outputFile: 1 } } } },
      { inputs: { artifacts: { a: { artifacts: [{ uri: 5 }] } } } },
      [],
    ]) {
      expect(validateExecutorInput(document).ok).toBe(false);
      expect(parseExecutorInput(document)).toMatchObject({ ok: false });
    }
  });

  it('tolerates fields a newer backend may add (the strict schema does not)', () => {
    const document = { inputs: { parameterValues: {}, somethingNew: 1 } };
    expect(parseExecutorInput(document).ok).toBe(true);
  });
});
