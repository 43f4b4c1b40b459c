import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { protoSubset, readPrebuiltSubset, writePrebuiltSubset } from './protos-subset.js';

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

describe('the subset the build writes', () => {
  it('is used only when it was made from a protos.json of the same size, for the same services', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kfp-ts-subset-'));
    try {
      const file = path.join(dir, 'protos-subset.json');
      writePrebuiltSubset(file);
      const written = JSON.parse(await readFile(file, 'utf8'));
      const size = (await stat(require.resolve('@google-cloud/aiplatform/build/protos/protos.json'))).size;
      expect(written.protosBytes).toBe(size);
      expect(written.subset).toEqual(protoSubset(full, written.services));
      expect(readPrebuiltSubset(file, size)).toEqual(written.subset);

      // Another protos.json (another version of the package): computed again.
      expect(readPrebuiltSubset(file, size + 1)).toBeUndefined();
      await writeFile(file, JSON.stringify({ ...written, services: written.services.slice(1) }));
      expect(readPrebuiltSubset(file, size)).toBeUndefined();
      await writeFile(file, '{ not json');
      expect(readPrebuiltSubset(file, size)).toBeUndefined();
      expect(readPrebuiltSubset(path.join(dir, 'absent.json'), size)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
