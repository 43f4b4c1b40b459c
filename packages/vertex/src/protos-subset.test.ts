import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { protoSubset } from './protos-subset.js';

const require = createRequire(import.meta.url);
const full = require('@google-cloud/aiplatform/build/protos/protos.json');
const { protobuf } = require('google-gax') as typeof import('google-gax');

describe('the protos subset of the two services', () => {
  const subset = protoSubset(full, [
    'google.cloud.aiplatform.v1.PipelineService',
    'google.cloud.aiplatform.v1.ScheduleService',
  ]);

  it('resolves completely: every type the services reach is there', () => {
    const root = protobuf.Root.fromJSON(subset);
    expect(() => root.resolveAll()).not.toThrow();
    for (const name of [
      '.google.cloud.aiplatform.v1.PipelineJob',
      '.google.cloud.aiplatform.v1.PipelineJob.RuntimeConfig',
      '.google.cloud.aiplatform.v1.PipelineTaskDetail',
      '.google.cloud.aiplatform.v1.Schedule',
      '.google.cloud.aiplatform.v1.DeleteOperationMetadata',
      '.google.protobuf.Struct',
      '.google.longrunning.Operation',
      '.google.rpc.Status',
    ]) {
      expect(root.lookup(name), name).not.toBeNull();
    }
  });

  it('is a small part of the whole', () => {
    expect(JSON.stringify(subset).length).toBeLessThan(JSON.stringify(full).length / 5);
    expect(protobuf.Root.fromJSON(subset).lookup('.google.cloud.aiplatform.v1.DatasetService')).toBeNull();
  });

  it('says which reference it cannot resolve', () => {
    expect(() => protoSubset(full, ['google.cloud.aiplatform.v1.NoSuchService'])).toThrow(/no service/);
  });
});
