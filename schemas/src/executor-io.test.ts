import { describe, expect, it } from 'vitest';
import {
  type ExecutorInput,
  PipelineTaskFinalStatusSchema,
  RuntimeArtifactSchema,
  validateExecutorInput,
  validateExecutorOutput,
} from './index.js';

// The ExecutorInput example of shared/notes/kfp-executor.md §3 (what the KFP OSS driver passes as {{$}}).
const EXAMPLE_EXECUTOR_INPUT = {
  inputs: {
    parameterValues: {
      num_steps: 100,
      message: 'hi',
      input_dict: { A: 1, B: 2 },
      status: {
        state: 'SUCCEEDED',
        error: { code: 0, message: '' },
        pipelineJobResourceName: '...',
        pipelineTaskName: '...',
      },
    },
    artifacts: {
      dataset: {
        artifacts: [
          {
            name: '<backend-specific, e.g. MLMD id or Vertex resource name>',
            type: { schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' },
            uri: 'minio://mlpipeline/v2/artifacts/<pipeline>/<run-id>/<producer-task>/<salt>/<output-name>',
            metadata: { length: 5 },
          },
        ],
      },
    },
  },
  outputs: {
    parameters: {
      Output: { outputFile: '/tmp/kfp/outputs/Output' },
    },
    artifacts: {
      model: {
        artifacts: [
          {
            name: 'model',
            type: { schemaTitle: 'system.Model', schemaVersion: '0.0.1' },
            uri: '<pipeline_root>/<task>/<salt>/model',
            metadata: {},
          },
        ],
      },
    },
    outputFile: '/minio/mlpipeline/v2/artifacts/<pipeline>/<run-id>/<task>/<salt>/output_metadata.json',
  },
};

describe('validateExecutorInput', () => {
  it('accepts the example from the notes and returns it typed', () => {
    const result = validateExecutorInput(EXAMPLE_EXECUTOR_INPUT);
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (!result.ok) return;
    const input: ExecutorInput = result.value;
    expect(input.outputs?.artifacts?.model?.artifacts?.[0]?.type?.schemaTitle).toBe('system.Model');
    expect(input.inputs?.parameterValues?.input_dict).toEqual({ A: 1, B: 2 });
  });

  it('accepts the minimal input of a component without inputs or outputs', () => {
    expect(validateExecutorInput({ outputs: { outputFile: '/tmp/out.json' } }).ok).toBe(true);
    expect(validateExecutorInput({}).ok).toBe(true);
  });

  it('reports a misspelled field with its path', () => {
    const doc = structuredClone(EXAMPLE_EXECUTOR_INPUT) as any;
    doc.inputs.parameterValue = doc.inputs.parameterValues;
    delete doc.inputs.parameterValues;
    doc.outputs.parameters.Output = { output_file: '/tmp/x' };
    const result = validateExecutorInput(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.pathText, issue.message])).toEqual([
      ['inputs.parameterValue', 'unknown field "parameterValue"; did you mean "parameterValues"?'],
      ['outputs.parameters.Output.outputFile', 'required field "outputFile" is missing (expected string)'],
      ['outputs.parameters.Output.output_file', 'unknown field "output_file"; did you mean "outputFile"?'],
    ]);
  });

  it('rejects an artifact type with neither schemaTitle nor instanceSchema', () => {
    const doc = structuredClone(EXAMPLE_EXECUTOR_INPUT) as any;
    doc.inputs.artifacts.dataset.artifacts[0].type = { schemaVersion: '0.0.1' };
    const result = validateExecutorInput(doc);
    expect(result.ok ? [] : result.issues).toEqual([
      {
        path: ['inputs', 'artifacts', 'dataset', 'artifacts', 0, 'type'],
        pathText: 'inputs.artifacts.dataset.artifacts[0].type',
        message: 'expected one of "schemaTitle", "schemaUri" or "instanceSchema"',
      },
    ]);
  });
});

describe('validateExecutorOutput', () => {
  it('accepts native parameter values and both spellings of custom_path', () => {
    const result = validateExecutorOutput({
      parameterValues: { Output: 3, scalar: '123', flag: true, lst: ['a'] },
      artifacts: {
        model: { artifacts: [{ name: 'model', uri: 'gs://b/model', metadata: { accuracy: 0.9 } }] },
        out: { artifacts: [{ name: 'out', uri: 'gs://b/out', metadata: {}, custom_path: '/some/path' }] },
        other: { artifacts: [{ uri: 'gs://b/other', customPath: '/other/path' }] },
      },
    });
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('rejects an artifact carrying both spellings of the custom path', () => {
    const result = RuntimeArtifactSchema.safeParse({ uri: 'gs://b/x', customPath: '/a', custom_path: '/b' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('set either "customPath" or "custom_path", not both');
  });

  it('rejects metadata that is not an object', () => {
    const result = validateExecutorOutput({
      artifacts: { m: { artifacts: [{ metadata: 'accuracy=0.9' }] } },
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.pathText)).toEqual([
      'artifacts.m.artifacts[0].metadata',
    ]);
  });
});

describe('PipelineTaskFinalStatusSchema', () => {
  it('accepts the status struct an exit task receives, in either field spelling', () => {
    expect(
      PipelineTaskFinalStatusSchema.safeParse({
        state: 'FAILED',
        error: { code: 9, message: 'task failed' },
        pipelineJobResourceName: 'projects/p/locations/l/pipelineJobs/j',
        pipelineTaskName: 'exit-handler-1',
      }).success,
    ).toBe(true);
    expect(
      PipelineTaskFinalStatusSchema.safeParse({ state: 'SUCCEEDED', pipeline_task_name: 'exit-handler-1' })
        .success,
    ).toBe(true);
  });

  it('rejects a non-integer error code', () => {
    expect(PipelineTaskFinalStatusSchema.safeParse({ error: { code: 'NOT_FOUND' } }).success).toBe(false);
  });
});
