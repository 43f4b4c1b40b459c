// The unit-testing API as the README shows it: runComponent, fakeArtifact, runPipeline + mocks.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  artifact,
  component,
  containerComponent,
  Dataset,
  Metrics,
  Model,
  param,
  pipeline,
} from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { ComponentRunError, fakeArtifact, runComponent, runPipeline } from './index.js';

const train = component({
  name: 'train',
  inputs: { data: artifact(Dataset), lr: param.float({ default: 0.1 }) },
  outputs: { model: artifact(Model), metrics: artifact(Metrics), rows: param.int() },
  run: ({ data, lr }, { model, metrics }) => {
    const rows = readFileSync(data.path, 'utf8').trim().split('\n').length - 1;
    writeFileSync(model.path, JSON.stringify({ lr, rows }));
    metrics.metadata.accuracy = 0.9;
    model.metadata.framework = `fake (${String(data.metadata.source)})`;
    return { rows };
  },
});

describe('runComponent', () => {
  it('runs one component with a fake input artifact and returns parameters and artifacts', async () => {
    const data = fakeArtifact(Dataset, { content: 'a,b\n1,2\n3,4\n', metadata: { source: 'unit test' } });
    const { outputs, artifacts } = await runComponent(train, { data, lr: 0.5 });
    expect(outputs).toEqual({ rows: 2 });
    // Typed from the component: outputs.rows is a number, artifacts.model a LocalArtifact.
    const rows: number = outputs.rows;
    expect(rows).toBe(2);
    expect(JSON.parse(readFileSync(artifacts.model.path, 'utf8'))).toEqual({ lr: 0.5, rows: 2 });
    expect(artifacts.model.metadata).toEqual({ framework: 'fake (unit test)' });
    expect(artifacts.metrics.metadata).toEqual({ accuracy: 0.9 });
  });

  it('accepts folder artifacts and existing files', async () => {
    const folder = fakeArtifact(Dataset, {
      files: { 'part-0.csv': 'h\n1\n', 'nested/part-1.csv': 'h\n2\n' },
    });
    const count = component({
      name: 'count_files',
      inputs: { data: artifact(Dataset) },
      outputs: { Output: param.int() },
      run: ({ data }) => ({
        Output: readFileSync(path.join(data.path, 'nested', 'part-1.csv'), 'utf8').length,
      }),
    });
    expect((await runComponent(count, { data: folder })).outputs.Output).toBe(4);
    const file = fakeArtifact(Dataset, { content: 'h\n1\n' });
    const again = fakeArtifact(Dataset, { path: file.path! });
    expect((await runComponent(train, { data: again })).outputs.rows).toBe(1);
  });

  it('throws a ComponentRunError with what the component printed', async () => {
    const failing = component({
      name: 'failing',
      inputs: { n: param.int() },
      run: ({ n }) => {
        console.log(`checking ${n}`);
        if (n < 0) throw new RangeError('n must be positive');
      },
    });
    const error = await runComponent(failing, { n: -1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComponentRunError);
    expect((error as ComponentRunError).message).toMatch(/n must be positive[\s\S]*checking -1/);
    expect((error as ComponentRunError).logTail).toEqual(['checking -1']);
  });

  it('reports a wrong input type before the function runs', async () => {
    const data = fakeArtifact(Dataset, { content: 'h\n' });
    await expect(runComponent(train, { data, lr: 'fast' })).rejects.toThrow(/lr/);
  });
});

describe('runPipeline with mocks', () => {
  const fetchData = containerComponent({
    name: 'fetch_data',
    image: 'google/cloud-sdk:slim',
    inputs: { table: param.string() },
    outputs: { data: artifact(Dataset) },
    command: ['bq', 'extract'],
    args: (i, o) => [i.table, o.data.path],
  });
  const notify = component({
    name: 'notify',
    inputs: { rows: param.int() },
    outputs: { Output: param.string() },
    run: ({ rows }) => ({ Output: `trained on ${rows} rows` }),
  });
  const training = pipeline({ name: 'training', inputs: { table: param.string() } }, (p) => {
    const fetched = fetchData({ table: p.table });
    const trained = train({ data: fetched.outputs.data });
    return notify({ rows: trained.outputs.rows }).output;
  });

  it('replaces a container component (and any other) with a function by name', async () => {
    const seen: unknown[] = [];
    const result = await runPipeline(
      training,
      { table: 'ds.churn' },
      {
        mocks: {
          fetch_data: ({ table }, { data }) => {
            seen.push(table);
            writeFileSync(data.path, 'x,y\n1,2\n3,4\n5,6\n');
          },
        },
      },
    );
    expect(seen).toEqual(['ds.churn']);
    expect(result.state).toBe('SUCCEEDED');
    expect(result.tasks['fetch-data']!.executor).toBe('mock');
    expect(result.pipelineOutputs.parameters.Output).toBe('trained on 3 rows');
  });

  it('replaces a function component, and checks the mock returns its declared outputs', async () => {
    const mocked = await runPipeline(
      training,
      { table: 't' },
      {
        mocks: { fetch_data: (_i, { data }) => writeFileSync(data.path, 'h\n'), train: () => ({ rows: 42 }) },
      },
    );
    expect(mocked.pipelineOutputs.parameters.Output).toBe('trained on 42 rows');
    const wrong = await runPipeline(
      training,
      { table: 't' },
      {
        mocks: { fetch_data: (_i, { data }) => writeFileSync(data.path, 'h\n'), train: () => ({}) },
      },
    );
    expect(wrong.tasks.train!.error).toMatch(/declared output parameter 'rows'/);
  });
});
