import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorageClient, parseGcsUri, rewriteAssetReferences } from './staging.js';
import { GcsStandIn } from './testing/gcs-stand-in.js';

let gcs: GcsStandIn;
beforeAll(async () => {
  gcs = await GcsStandIn.start(['bucket']);
});
afterAll(async () => {
  await gcs?.close();
});

describe('the Cloud Storage stand-in with the real @google-cloud/storage client', () => {
  it('takes multipart uploads and says whether an object is there', async () => {
    const storage = (await createStorageClient({ storageEndpoint: gcs.endpoint })) as any;
    const file = storage.bucket('bucket').file('a/multipart.txt');
    expect((await file.exists())[0]).toBe(false);
    await file.save('hello', { resumable: false, contentType: 'text/plain' });
    expect((await file.exists())[0]).toBe(true);
    expect(gcs.object('bucket', 'a/multipart.txt')?.data.toString()).toBe('hello');
    expect(gcs.requests.some((r) => r.query.uploadType === 'multipart')).toBe(true);
  });

  it('takes resumable uploads, in one request or in chunks, and serves downloads the client verifies', async () => {
    const storage = (await createStorageClient({ storageEndpoint: gcs.endpoint })) as any;
    const data = Buffer.alloc(600 * 1024, 'abc');
    await storage.bucket('bucket').file('b/whole.bin').save(data, { resumable: true });
    await storage
      .bucket('bucket')
      .file('b/chunked.bin')
      .save(data, { resumable: true, chunkSize: 256 * 1024 });
    expect(gcs.object('bucket', 'b/whole.bin')?.data.equals(data)).toBe(true);
    expect(gcs.object('bucket', 'b/chunked.bin')?.data.equals(data)).toBe(true);
    const puts = gcs.requests.filter((r) => r.method === 'PUT' && r.query.upload_id);
    expect(puts.length).toBeGreaterThanOrEqual(4); // 1 for the whole file, 3 for 600 KiB in 256 KiB chunks
    const [downloaded] = await storage.bucket('bucket').file('b/chunked.bin').download();
    expect(downloaded.equals(data)).toBe(true);
  });

  it('answers 404 for a missing bucket, which staging reports with a hint', async () => {
    const storage = (await createStorageClient({ storageEndpoint: gcs.endpoint })) as any;
    await expect(storage.bucket('nope').file('x').save('x', { resumable: false })).rejects.toMatchObject({
      code: 404,
    });
  });
});

describe('asset references', () => {
  it('rewrites kfp-ts-asset: arguments of executors only, and lists the hashes', () => {
    const hash = 'ab'.repeat(32);
    const spec = {
      deploymentSpec: {
        executors: {
          'exec-a': {
            container: {
              command: ['node', '-e', 'x', `kfp-ts-asset:sha256/${hash}.cjs`],
              args: ['--k', 'v'],
            },
          },
          'exec-b': { importer: { artifactUri: { constant: `kfp-ts-asset:sha256/${hash}.cjs` } } },
        },
      },
    };
    const { spec: rewritten, referenced } = rewriteAssetReferences(spec, 'gs://b/root/kfp-ts/assets/');
    expect(referenced).toEqual([hash]);
    expect(rewritten.deploymentSpec.executors['exec-a'].container.command[3]).toBe(
      `gs://b/root/kfp-ts/assets/${hash}.cjs`,
    );
    expect(rewritten.deploymentSpec.executors['exec-b']).toEqual(spec.deploymentSpec.executors['exec-b']);
    expect(spec.deploymentSpec.executors['exec-a'].container.command[3]).toMatch(/^kfp-ts-asset:/); // not mutated
  });

  it('parses gs:// locations', () => {
    expect(parseGcsUri('gs://my-bucket/a/b/')).toEqual({ bucket: 'my-bucket', object: 'a/b' });
    expect(() => parseGcsUri('s3://x/y')).toThrow(/is not a Cloud Storage location/);
  });
});
