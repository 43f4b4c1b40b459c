/**
 * The client thread itself (startClientThread), as a program would use it. The thread runs the
 * compiled dist/client-thread.js, so these tests load the built host module (dist/) and are
 * skipped when the package is not built; from the sources there is no thread at all.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientThread } from './client-thread-host.js';
import { clientThreadEntry, startClientThread } from './client-thread-host.js';
import { VertexError } from './errors.js';
import { GcsStandIn } from './testing/gcs-stand-in.js';
import { VertexStandIn } from './testing/vertex-stand-in.js';

const builtHost = fileURLToPath(new URL('../dist/client-thread-host.js', import.meta.url));
const built =
  existsSync(builtHost) && existsSync(fileURLToPath(new URL('../dist/client-thread.js', import.meta.url)));
type Host = typeof import('./client-thread-host.js');

let vertex: VertexStandIn;
let gcs: GcsStandIn;
let host: Host;

beforeAll(async () => {
  if (!built) return;
  [vertex, gcs] = await Promise.all([VertexStandIn.start(), GcsStandIn.start(['bucket'])]);
  host = (await import(/* @vite-ignore */ builtHost)) as Host;
});

afterAll(async () => {
  await Promise.all([vertex?.close(), gcs?.close()]);
});

const parent = 'projects/p/locations/us-central1';
const title = (name: string) => (built ? name : `${name}: SKIPPED, packages/vertex is not built`);

describe('startClientThread', () => {
  it('is not available from the TypeScript sources, nor with KFP_TS_CLIENT_THREAD=0', () => {
    expect(clientThreadEntry()).toBeUndefined();
    expect(startClientThread({})).toBeUndefined();
    if (built) expect(host.startClientThread({}, { KFP_TS_CLIENT_THREAD: '0' })).toBeUndefined();
  });

  it.skipIf(!built)(
    title('serves the PipelineService and storage clients, configured after the start'),
    async () => {
      const thread = host.startClientThread({ preloadStorage: true })!;
      expect(thread).toBeDefined();
      try {
        thread.configure({
          region: 'us-central1',
          project: 'p',
          apiEndpoint: vertex.endpoint,
          storageEndpoint: gcs.endpoint,
        });
        const service = await thread.pipelineService();
        expect(await thread.pipelineService()).toBe(service);

        const file = thread.storage.bucket('bucket').file('dir/data.bin');
        expect(await file.exists()).toEqual([false]);
        const bytes = Buffer.from([0, 1, 2, 250, 255]);
        await file.save(bytes, { preconditionOpts: { ifGenerationMatch: 0 } });
        expect(gcs.object('bucket', 'dir/data.bin')?.data).toEqual(bytes);
        expect((await file.exists())[0]).toBe(true);

        const [created] = await service.createPipelineJob({
          parent,
          pipelineJobId: 'thread-job',
          pipelineJob: {
            displayName: 'd',
            pipelineSpec: { fields: { a: { numberValue: 1 } } },
            runtimeConfig: { gcsOutputDirectory: 'gs://bucket/r' },
          },
        });
        expect(created).toMatchObject({ name: `${parent}/pipelineJobs/thread-job`, displayName: 'd' });
        expect(typeof created.createTime?.seconds).toBe('string');
        const [page, , response] = await service.listPipelineJobs(
          { parent, pageSize: 10 },
          { autoPaginate: false },
        );
        expect(page.map((j) => j.name)).toContain(`${parent}/pipelineJobs/thread-job`);
        expect(response).toHaveProperty('nextPageToken');
      } finally {
        await thread.close();
      }
    },
  );

  it.skipIf(!built)(title('refuses calls before it is configured, and serves them after'), async () => {
    const thread = host.startClientThread({})!;
    try {
      await expect(thread.pipelineService()).rejects.toThrow('no connection yet');
      await expect(thread.storage.bucket('bucket').file('x').exists()).rejects.toThrow('no connection yet');
      thread.configure({
        region: 'us-central1',
        apiEndpoint: vertex.endpoint,
        storageEndpoint: gcs.endpoint,
      });
      expect(await thread.storage.bucket('bucket').file('x').exists()).toEqual([false]);
      const service = await thread.pipelineService();
      const [, , response] = await service.listPipelineJobs({ parent, pageSize: 1 }, { autoPaginate: false });
      expect(response).toBeDefined();
    } finally {
      await thread.close();
    }
  });

  it.skipIf(!built)(title('brings gRPC errors back with their code and details'), async () => {
    const thread = host.startClientThread({
      connection: { region: 'us-central1', apiEndpoint: vertex.endpoint },
    })!;
    try {
      const service = await thread.pipelineService();
      vertex.failNext('GetPipelineJob', 14, { message: 'try later' });
      const error = (await service
        .getPipelineJob({ name: `${parent}/pipelineJobs/x` })
        .catch((e: unknown) => e)) as any;
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ code: 14, details: 'try later', message: '14 UNAVAILABLE: try later' });
      const missing = (await service
        .getPipelineJob({ name: `${parent}/pipelineJobs/none` })
        .catch((e: unknown) => e)) as any;
      expect(missing.code).toBe(5);
    } finally {
      await thread.close();
    }
  });

  it.skipIf(!built)(
    title('reports a bad endpoint when the client is asked for, as a usage error'),
    async () => {
      const thread = host.startClientThread({
        connection: { region: 'us-central1', apiEndpoint: 'ftp://x' },
      })!;
      try {
        const error = await thread.pipelineService().catch((e: unknown) => e);
        expect(VertexError.is(error) && error.kind).toBe('usage');
        expect((error as Error).message).toBe(
          "API endpoint 'ftp://x': use http:// (plaintext, no credentials) or https://.",
        );
      } finally {
        await thread.close();
      }
    },
  );

  it.skipIf(!built)(title('after close, calls fail (and close again does nothing)'), async () => {
    const thread: ClientThread = host.startClientThread({
      connection: { region: 'us-central1', apiEndpoint: vertex.endpoint },
    })!;
    const service = await thread.pipelineService();
    await thread.close();
    await thread.close();
    await expect(service.getPipelineJob({ name: `${parent}/pipelineJobs/x` })).rejects.toThrow(
      'the client thread was closed',
    );
  });
});
