import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PipelineServiceLike } from './client-types.js';
import { createPipelineServiceClient, parseApiEndpoint } from './clients.js';
import { checkCredentials } from './credentials.js';
import { VertexError } from './errors.js';

describe('API endpoints', () => {
  it('defaults to the regional endpoint over TLS', () => {
    expect(parseApiEndpoint(undefined, 'europe-west4')).toEqual({
      host: 'europe-west4-aiplatform.googleapis.com',
      port: 443,
      plaintext: false,
    });
  });

  it('reads http:// as plaintext, https:// and bare hosts as TLS', () => {
    expect(parseApiEndpoint('http://127.0.0.1:8123', 'r')).toEqual({
      host: '127.0.0.1',
      port: 8123,
      plaintext: true,
    });
    expect(parseApiEndpoint('https://private.example.com', 'r')).toEqual({
      host: 'private.example.com',
      port: 443,
      plaintext: false,
    });
    expect(parseApiEndpoint('us-central1-aiplatform.googleapis.com:443', 'r').plaintext).toBe(false);
    expect(parseApiEndpoint('http://[::1]:9000', 'r')).toEqual({ host: '::1', port: 9000, plaintext: true });
  });

  it('refuses other schemes and paths', () => {
    expect(() => parseApiEndpoint('ftp://x', 'r')).toThrow(
      /use http:\/\/ \(plaintext, no credentials\) or https:\/\//,
    );
    expect(() => parseApiEndpoint('https://x/v1', 'r')).toThrow(/a gRPC endpoint has no path/);
  });
});

describe('the clients', () => {
  it('are built without the IAM and Locations mixins, and close cleanly', async () => {
    const client = (await createPipelineServiceClient({
      region: 'us-central1',
      apiEndpoint: 'http://127.0.0.1:9',
    })) as PipelineServiceLike & Record<string, (...args: unknown[]) => unknown>;
    expect(() => client.getIamPolicy!({ resource: 'x' })).toThrow(
      'kfp-ts builds the Vertex AI clients without their IAM and Locations methods',
    );
    expect(() => client.getLocation!({ name: 'x' })).toThrow(/without their IAM and Locations/);
    await (client.initialize as () => Promise<unknown>)();
    await expect(client.close()).resolves.toBeUndefined();
  });
});

describe('credentials', () => {
  let saved: NodeJS.ProcessEnv;
  let home: string;
  beforeEach(async () => {
    saved = { ...process.env };
    home = await mkdtemp(path.join(tmpdir(), 'kfp-ts-creds-'));
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    delete process.env.KFP_TS_VERTEX_ENDPOINT;
    // No gcloud login and no metadata server: nothing on this machine can provide credentials.
    Object.assign(process.env, { HOME: home, CLOUDSDK_CONFIG: home, METADATA_SERVER_DETECTION: 'none' });
  });
  afterEach(async () => {
    process.env = saved;
    await rm(home, { recursive: true, force: true });
  });

  it('refuses to build a client without credentials, saying how to provide them', async () => {
    const error = await createPipelineServiceClient({ region: 'us-central1' }).catch((e: unknown) => e);
    expect(VertexError.is(error) && error.kind).toBe('usage');
    expect((error as Error).message).toBe(
      'no Google Cloud credentials found (Application Default Credentials): run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file.',
    );
  });

  it('names a GOOGLE_APPLICATION_CREDENTIALS file that cannot be used, without printing its content', async () => {
    const key = path.join(home, 'key.json');
    await writeFile(key, JSON.stringify({ type: 'service_account', private_key: 'SECRET-KEY-MATERIAL' }));
    process.env.GOOGLE_APPLICATION_CREDENTIALS = key;
    const { googleAuthLibrary } = await import('google-gax');
    const error = await checkCredentials(new googleAuthLibrary.GoogleAuth()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Google Cloud credentials: GOOGLE_APPLICATION_CREDENTIALS=${key} could not be used \\(.+\\); fix it`,
      ),
    );
    expect((error as Error).message).not.toContain('SECRET-KEY-MATERIAL');
  });
});
