import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  artifact,
  artifactList,
  ClassificationMetrics,
  component,
  Dataset,
  logMetric,
  logRocCurve,
  Metrics,
  Model,
  param,
} from '@kfp-ts/dsl';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { executeComponent } from './execute.js';
import { executorInputFor, HOSTILE_STRINGS, tempDir } from './test-helpers/executor-input.js';

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('parameters round-trip unchanged', () => {
  const echo = component({
    name: 'echo',
    inputs: { text: param.string() },
    outputs: { same: param.string(), copy: artifact(Dataset) },
    run: async ({ text }, { copy }) => {
      writeFileSync(copy.path, text);
      return { same: text };
    },
  });

  it.each(HOSTILE_STRINGS)('%j', async (text) => {
    const root = tempDir();
    const input = executorInputFor(root, {
      parameterValues: { text },
      outputParameters: ['same'],
      outputArtifacts: { copy: 'system.Dataset' },
    });
    // As the backend passes it: JSON text on the command line.
    const result = await executeComponent(echo.definition, JSON.stringify(input));
    expect(result).toMatchObject({ ok: true, outputParameters: { same: text } });
    expect(readFileSync(path.join(root, 'outputs', 'same'), 'utf8')).toBe(text);
    expect(readFileSync(path.join(root, 'artifacts', 'copy'), 'utf8')).toBe(text);
    expect(readJson(path.join(root, 'executor_output.json')).parameterValues).toEqual({ same: text });
  });
});

describe('input parameters are checked before the function runs', () => {
  const train = component({
    name: 'train',
    inputs: {
      epochs: param.int(),
      lr: param.float({ default: 0.1 }),
      tag: param.string({ optional: true }),
      cfg: param.struct(z.object({ depth: z.number().int(), name: z.string() }), { optional: true }),
      sizes: param.list(z.number().int(), { default: [1, 2] }),
      verbose: param.bool({ default: false }),
    },
    outputs: { seen: param.struct() },
    run: vi.fn((inputs: Record<string, unknown>) => ({ seen: JSON.parse(JSON.stringify(inputs)) })),
  });
  const run = train.definition.run as unknown as ReturnType<typeof vi.fn>;

  const execute = (parameterValues: Record<string, unknown>) => {
    run.mockClear();
    const root = tempDir();
    const input = executorInputFor(root, { parameterValues, outputParameters: ['seen'] });
    return { root, result: executeComponent(train.definition, input) };
  };

  it('rejects 2.5 for an int, naming the input and the component, without calling the function', async () => {
    const { root, result } = execute({ epochs: 2.5 });
    const outcome = await result;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.message).toBe("input 'epochs' of component 'train' must be an integer, got 2.5");
    expect(outcome.error).toMatchObject({ component: 'train', phase: 'input', io: 'epochs' });
    expect(run).not.toHaveBeenCalled();
    expect(readdirSync(root)).toEqual([]);
  });

  it('accepts 3.0 for an int (protobuf numbers are doubles) and applies defaults', async () => {
    const root = tempDir();
    const text = JSON.stringify(executorInputFor(root, { outputParameters: ['seen'] })).replace(
      '"parameterValues":{}',
      '"parameterValues":{"epochs":3.0}',
    );
    const outcome = await executeComponent(train.definition, text);
    expect(outcome).toMatchObject({
      ok: true,
      outputParameters: { seen: { epochs: 3, lr: 0.1, sizes: [1, 2], verbose: false } },
    });
    // Optional inputs without a value are undefined, not defaulted to anything.
    if (outcome.ok) expect(outcome.outputParameters.seen).not.toHaveProperty('tag');
  });

  it('treats null for an optional input as left out', async () => {
    const outcome = await execute({ epochs: 1, lr: null, tag: null }).result;
    expect(outcome).toMatchObject({ ok: true, outputParameters: { seen: { epochs: 1, lr: 0.1 } } });
  });

  it('fails a missing required input', async () => {
    const outcome = await execute({ lr: 0.5 }).result;
    expect(outcome.ok || outcome.error.message).toBe(
      "input 'epochs' of component 'train' is required, but the executor input has no value for it",
    );
    expect(run).not.toHaveBeenCalled();
  });

  it.each([
    [
      { epochs: 1, lr: 'fast' },
      `input 'lr' of component 'train' must be a finite number, got the string "fast"`,
    ],
    [{ epochs: 1, tag: 7 }, "input 'tag' of component 'train' must be a string, got 7"],
    [
      { epochs: 1, verbose: 'true' },
      `input 'verbose' of component 'train' must be true or false, got the string "true"`,
    ],
    [{ epochs: 1, sizes: { a: 1 } }, "input 'sizes' of component 'train' must be a list, got an object"],
    [{ epochs: 1, cfg: [1] }, "input 'cfg' of component 'train' must be an object, got a list of 1"],
    [
      { epochs: Number.MAX_SAFE_INTEGER + 2 },
      "input 'epochs' of component 'train' must be an integer, got 9007199254740992",
    ],
  ])('rejects %j', async (values, message) => {
    const outcome = await execute(values).result;
    expect(outcome.ok || outcome.error.message).toBe(message);
    expect(run).not.toHaveBeenCalled();
  });

  it('checks a struct against its zod schema, naming the field', async () => {
    const outcome = await execute({ epochs: 1, cfg: { depth: 2.5, name: 'x' } }).result;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.message).toMatch(
      /^input 'cfg' of component 'train': the value does not match its schema at depth: .*int/i,
    );
    expect(run).not.toHaveBeenCalled();
  });

  it('checks each list item against the element schema', async () => {
    const outcome = await execute({ epochs: 1, sizes: [1, 2, 'three'] }).result;
    expect(outcome.ok || outcome.error.message).toMatch(
      /^input 'sizes' of component 'train': item \[2\] does not match its schema: /,
    );
  });

  it('builds the task final status from camelCase or snake_case fields', async () => {
    const exit = component({
      name: 'on-exit',
      inputs: { status: param.taskFinalStatus() },
      outputs: { state: param.string(), task: param.string() },
      run: ({ status }) => ({ state: status!.state, task: status!.pipelineTaskName }),
    });
    for (const status of [
      {
        state: 'FAILED',
        pipelineTaskName: 'train',
        pipelineJobResourceName: 'r',
        error: { code: 9, message: 'x' },
      },
      { state: 'FAILED', pipeline_task_name: 'train', pipeline_job_resource_name: 'r' },
    ]) {
      const root = tempDir();
      const outcome = await executeComponent(
        exit.definition,
        executorInputFor(root, { parameterValues: { status }, outputParameters: ['state', 'task'] }),
      );
      expect(outcome).toMatchObject({ ok: true, outputParameters: { state: 'FAILED', task: 'train' } });
    }
  });
});

describe('failures', () => {
  it('reports a function that throws with the component name and its message; writes no executor output', async () => {
    const boom = component({
      name: 'boom',
      outputs: { n: param.int() },
      run: () => {
        throw new Error('disk full');
      },
    });
    const root = tempDir();
    const outcome = await executeComponent(
      boom.definition,
      executorInputFor(root, { outputParameters: ['n'] }),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.message).toBe("component 'boom' failed: disk full");
    expect((outcome.error.cause as Error).message).toBe('disk full');
    expect(existsSync(path.join(root, 'executor_output.json'))).toBe(false);
    expect(existsSync(path.join(root, 'outputs', 'n'))).toBe(false);
  });

  it.each([
    [undefined, "component 'out' must return an object with its output parameters (n, ratio), got nothing"],
    [{ n: 1 }, "component 'out' did not return its output 'ratio'"],
    [{ n: 1.5, ratio: 1 }, "output 'n' of component 'out' must be an integer, got 1.5"],
    [{ n: 1, ratio: Number.NaN }, "output 'ratio' of component 'out' must be a finite number, got NaN"],
    [
      { n: 1, ratio: 1, rattio: 2 },
      "component 'out' returned 'rattio', which is not a declared output (n, ratio)",
    ],
    [
      { n: 1, ratio: 1, model: 'x' },
      "component 'out' returned 'model', which is an output artifact: write its file at model.path or fill model.metadata instead",
    ],
  ])('checks the returned outputs: %j', async (returned, message) => {
    const out = component({
      name: 'out',
      outputs: { n: param.int(), ratio: param.float(), model: artifact(Model) },
      run: (_inputs, { model }) => {
        model.metadata.framework = 'none';
        return returned as never;
      },
    });
    const root = tempDir();
    const input = executorInputFor(root, {
      outputParameters: ['n', 'ratio'],
      outputArtifacts: { model: 'system.Model' },
    });
    const outcome = await executeComponent(out.definition, input);
    expect(outcome.ok || outcome.error.message).toBe(message);
    expect(existsSync(path.join(root, 'executor_output.json'))).toBe(false);
  });

  it('rejects list and struct outputs JSON cannot carry', async () => {
    const odd = component({
      name: 'odd',
      outputs: { cfg: param.struct() },
      run: () => ({ cfg: { when: new Date(0) } as never }),
    });
    const outcome = await executeComponent(
      odd.definition,
      executorInputFor(tempDir(), { outputParameters: ['cfg'] }),
    );
    expect(outcome.ok || outcome.error.message).toBe(
      "output 'cfg' of component 'odd' is not JSON: when is a Date",
    );
  });

  it('fails an output artifact with neither a file at its path nor metadata', async () => {
    const lazy = component({ name: 'lazy', outputs: { model: artifact(Model) }, run: () => {} });
    const root = tempDir();
    const outcome = await executeComponent(
      lazy.definition,
      executorInputFor(root, { outputArtifacts: { model: 'system.Model' } }),
    );
    expect(outcome.ok || outcome.error.message).toBe(
      `output artifact 'model' of component 'lazy' was not produced: write a file or folder at model.path (${path.join(root, 'artifacts', 'model')}) or set model.metadata`,
    );
  });

  it('reports an executor input that is not JSON or not the right shape', async () => {
    const noop = component({ name: 'noop', run: () => {} });
    const notJson = await executeComponent(noop.definition, '{"inputs": ');
    expect(notJson.ok || notJson.error.message).toMatch(
      /^component 'noop': the executor input is not valid: it is not JSON/,
    );
    const wrong = await executeComponent(noop.definition, { outputs: { outputFile: 3 } });
    expect(wrong.ok || wrong.error.message).toBe(
      "component 'noop': the executor input is not valid: outputs.outputFile: expected string",
    );
  });
});

describe('artifacts', () => {
  it('maps URIs to paths as KFP does, or with the given mapping; customPath wins', async () => {
    const seen: Record<string, unknown> = {};
    const look = component({
      name: 'look',
      inputs: {
        data: artifact(Dataset),
        many: artifactList(Dataset),
        maybe: artifact(Model, { optional: true }),
      },
      run: ({ data, many, maybe }) => {
        Object.assign(seen, { data, many: many.map((m) => m.path), maybe });
      },
    });
    const input = {
      inputs: {
        artifacts: {
          data: { artifacts: [{ name: 'd', uri: 'gs://bucket/a/data', metadata: { rows: 5 } }] },
          many: {
            artifacts: [
              { uri: 'minio://mlpipeline/x' },
              { uri: 's3://b/y' },
              { uri: '/local/z' },
              { uri: 'gs://b/c', customPath: '/mnt/custom' },
            ],
          },
        },
      },
    };
    expect((await executeComponent(look.definition, input)).ok).toBe(true);
    expect(seen).toEqual({
      data: {
        name: 'd',
        schemaTitle: 'system.Dataset',
        uri: 'gs://bucket/a/data',
        path: '/gcs/bucket/a/data',
        metadata: { rows: 5 },
      },
      many: ['/minio/mlpipeline/x', '/s3/b/y', '/local/z', '/mnt/custom'],
      maybe: undefined,
    });
    await executeComponent(look.definition, input, {
      pathForUri: (uri) => (uri.includes('://') ? `/runner/${uri.replace('://', '/')}` : uri),
    });
    expect(seen.many).toEqual(['/runner/minio/mlpipeline/x', '/runner/s3/b/y', '/local/z', '/mnt/custom']);
  });

  it('creates the parent folders of output artifacts and reports their metadata', async () => {
    const save = component({
      name: 'save',
      outputs: { model: artifact(Model) },
      run: (_i, { model }) => {
        mkdirSync(model.path);
        writeFileSync(path.join(model.path, 'weights.bin'), 'w');
        model.metadata.framework = 'tfjs';
      },
    });
    const root = tempDir();
    const input = executorInputFor(root, { outputArtifacts: { model: 'system.Model' } });
    input.outputs.artifacts.model!.artifacts[0]!.uri = path.join(root, 'deep', 'er', 'model');
    const outcome = await executeComponent(save.definition, input);
    expect(outcome).toMatchObject({
      ok: true,
      outputArtifacts: {
        model: { uri: path.join(root, 'deep', 'er', 'model'), metadata: { framework: 'tfjs' } },
      },
    });
  });

  it('puts metrics metadata into the executor output, as KFP reads it', async () => {
    const evaluate = component({
      name: 'evaluate',
      outputs: { metrics: artifact(Metrics), roc: artifact(ClassificationMetrics), auc: param.float() },
      run: (_i, { metrics, roc }) => {
        logMetric(metrics, 'accuracy', 0.93);
        logRocCurve(roc, { fpr: [0, 1], tpr: [0, 1], thresholds: [1, 0] });
        return { auc: 0.5 };
      },
    });
    const root = tempDir();
    const input = executorInputFor(root, {
      outputParameters: ['auc'],
      outputArtifacts: { metrics: 'system.Metrics', roc: 'system.ClassificationMetrics' },
    });
    expect((await executeComponent(evaluate.definition, input)).ok).toBe(true);
    expect(readJson(path.join(root, 'executor_output.json'))).toEqual({
      parameterValues: { auc: 0.5 },
      artifacts: {
        metrics: {
          artifacts: [
            { name: 'metrics', uri: path.join(root, 'artifacts', 'metrics'), metadata: { accuracy: 0.93 } },
          ],
        },
        roc: {
          artifacts: [
            {
              name: 'roc',
              uri: path.join(root, 'artifacts', 'roc'),
              metadata: {
                confidenceMetrics: [
                  { confidenceThreshold: 1, recall: 0, falsePositiveRate: 0 },
                  { confidenceThreshold: 0, recall: 1, falsePositiveRate: 1 },
                ],
              },
            },
          ],
        },
      },
    });
    expect(readFileSync(path.join(root, 'outputs', 'auc'), 'utf8')).toBe('0.5');
  });
});

describe('output files', () => {
  it('writes parameter files as the KFP launcher parses them, atomically (no temporary files left)', async () => {
    const all = component({
      name: 'all',
      outputs: {
        s: param.string(),
        n: param.int(),
        x: param.float(),
        b: param.bool(),
        l: param.list(),
        d: param.struct(),
      },
      run: () => ({ s: 'a b', n: 3, x: 2.5, b: true, l: ['x', 1], d: { k: [null] } }),
    });
    const root = tempDir();
    const names = ['s', 'n', 'x', 'b', 'l', 'd'];
    // An older file is replaced, not appended to.
    mkdirSync(path.join(root, 'outputs'));
    writeFileSync(path.join(root, 'outputs', 's'), 'stale content that is longer');
    expect(
      (await executeComponent(all.definition, executorInputFor(root, { outputParameters: names }))).ok,
    ).toBe(true);
    const texts = names.map((n) => readFileSync(path.join(root, 'outputs', n), 'utf8'));
    expect(texts).toEqual(['a b', '3', '2.5', 'true', '["x",1]', '{"k":[null]}']);
    expect(readdirSync(path.join(root, 'outputs')).sort()).toEqual([...names].sort());
    expect(readdirSync(root).sort()).toEqual(['executor_output.json', 'outputs']);
  });
});
