import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { compile } from '@kfp-ts/compiler';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { smallPipeline } from './__fixtures__/small-pipeline.js';
import type { PipelineServiceLike } from './client-types.js';
import { createPipelineServiceClient } from './clients.js';
import { ApiError, VertexError } from './errors.js';
import { Status } from './grpc-status.js';
import { createStorageClient } from './staging.js';
import { submitPipelineJob } from './submit.js';
import { GcsStandIn } from './testing/gcs-stand-in.js';
import { VertexStandIn } from './testing/vertex-stand-in.js';

const where = { project: 'test-project', region: 'us-central1' };
const fastRetry = { sleep: async () => {}, initialDelayMs: 1 };
const now = new Date(Date.UTC(2025, 5, 1, 12, 0, 0));

let vertex: VertexStandIn;
let gcs: GcsStandIn;
let client: PipelineServiceLike;

beforeAll(async () => {
  [vertex, gcs] = await Promise.all([VertexStandIn.start(), GcsStandIn.start(['bucket'])]);
  client = await createPipelineServiceClient({ region: where.region, apiEndpoint: vertex.endpoint });
});

afterAll(async () => {
  await client?.close();
  await Promise.all([vertex?.close(), gcs?.close()]);
});

let counter = 0;
beforeEach(() => {
  counter++;
});
const jobId = () => `small-${counter}`;

describe('submitPipelineJob against the PipelineService stand-in', () => {
  it('sends the compiled spec as a Struct, typed parameter values and every run setting', async () => {
    const job = await submitPipelineJob({
      ...where,
      client,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/root/',
      parameterValues: {
        data_uri: 'gs://bucket/data.csv',
        seed: 7,
        folds: [[1, 2], []] as never,
        options: { depth: 5 },
      },
      displayName: 'Small run',
      labels: { team: 'ml', env: 'test' },
      serviceAccount: 'runner@test-project.iam.gserviceaccount.com',
      network: 'projects/123/global/networks/vpc',
      encryptionKey: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k',
      failurePolicy: 'fast',
      now,
    }).catch((e: unknown) => e);
    // folds is a LIST: nested lists are valid values and must survive the trip.
    expect(job).not.toBeInstanceOf(Error);
    const submitted = job as Awaited<ReturnType<typeof submitPipelineJob>>;
    expect(submitted.jobId).toBe('small-pipeline-20250601120000');
    expect(submitted.name).toBe(
      'projects/test-project/locations/us-central1/pipelineJobs/small-pipeline-20250601120000',
    );
    expect(submitted.state).toBe('PENDING');
    expect(submitted.url).toBe(
      'https://console.cloud.google.com/vertex-ai/locations/us-central1/pipelines/runs/small-pipeline-20250601120000?project=test-project',
    );

    // What arrived at the server.
    expect(vertex.receivedSpec(submitted.name)).toEqual(JSON.parse(JSON.stringify(compile(smallPipeline))));
    expect(vertex.receivedParameters(submitted.name)).toEqual({
      data_uri: 'gs://bucket/data.csv',
      seed: 7,
      folds: [[1, 2], []],
      options: { depth: 5 },
    });
    const received = vertex.job(submitted.name)!.message;
    expect(received.runtimeConfig?.gcsOutputDirectory).toBe('gs://bucket/root');
    expect(received.runtimeConfig?.failurePolicy).toBe('PIPELINE_FAILURE_POLICY_FAIL_FAST');
    expect(received.runtimeConfig?.parameterValues?.seed).toMatchObject({ numberValue: 7 });
    expect(received.labels).toEqual({ team: 'ml', env: 'test' });
    expect(received.serviceAccount).toBe('runner@test-project.iam.gserviceaccount.com');
    expect(received.network).toBe('projects/123/global/networks/vpc');
    expect(received.encryptionSpec?.kmsKeyName).toBe(
      'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k',
    );
    expect(received.displayName).toBe('Small run');
    // Plaintext to a stand-in: no credentials were looked for or sent.
    expect(vertex.callsOf('CreatePipelineJob').at(-1)!.metadata.authorization).toBeUndefined();
  });

  it('builds its own client from an http:// endpoint and closes it', async () => {
    const job = await submitPipelineJob({
      ...where,
      apiEndpoint: vertex.endpoint,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/root',
      parameterValues: { data_uri: 'x' },
      jobId: jobId(),
    });
    expect(vertex.job(job.name)).toBeDefined();
  });

  it('asks `connect` for its client after the local checks, and leaves it open', async () => {
    const steps: string[] = [];
    const connected: PipelineServiceLike = {
      createPipelineJob: (request, options) => {
        steps.push('create');
        return client.createPipelineJob(request, options);
      },
      getPipelineJob: (request, options) => client.getPipelineJob(request, options),
      cancelPipelineJob: (request, options) => client.cancelPipelineJob(request, options),
      listPipelineJobs: (request, options) => client.listPipelineJobs(request, options),
      close: async () => {
        steps.push('close');
      },
    };
    const connect = async () => {
      steps.push('connect');
      return connected;
    };
    const job = await submitPipelineJob({
      ...where,
      connect,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/r',
      parameterValues: { data_uri: 'gs://bucket/d.csv' },
      jobId: jobId(),
    });
    expect(job.state).toBe('PENDING');
    expect(steps).toEqual(['connect', 'create']);

    // A local mistake: never connected.
    steps.length = 0;
    const error = await submitPipelineJob({
      ...where,
      connect,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/r',
      parameterValues: { seed: 'x' },
    }).catch((e: unknown) => e);
    expect(VertexError.is(error) && error.kind).toBe('usage');
    expect(steps).toEqual([]);

    // Its failure (no credentials) is the submit's, before anything is staged or sent.
    const before = vertex.calls.length;
    const refused = await submitPipelineJob({
      ...where,
      connect: async () => {
        throw new VertexError('usage', 'no Google Cloud credentials found');
      },
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/r',
      parameterValues: { data_uri: 'gs://bucket/d.csv' },
    }).catch((e: unknown) => e);
    expect((refused as Error).message).toBe('no Google Cloud credentials found');
    expect(vertex.calls.length).toBe(before);
  });

  it('retries UNAVAILABLE twice and makes one job', async () => {
    vertex.failNext('CreatePipelineJob', Status.UNAVAILABLE, { times: 2 });
    const before = vertex.callsOf('CreatePipelineJob').length;
    const retries: number[] = [];
    const job = await submitPipelineJob({
      ...where,
      client,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/r',
      parameterValues: { data_uri: 'x' },
      jobId: jobId(),
      retry: fastRetry,
      onRetry: ({ attempt }) => retries.push(attempt),
    });
    expect(vertex.callsOf('CreatePipelineJob').length - before).toBe(3);
    expect(retries).toEqual([2, 3]);
    expect(vertex.jobs().filter((j) => j.message.name === job.name)).toHaveLength(1);
  });

  it('recovers from a create whose answer was lost: retried, ALREADY_EXISTS is ours, one job', async () => {
    vertex.loseNextResponse('CreatePipelineJob');
    const jobsBefore = vertex.jobs().length;
    const id = jobId();
    const job = await submitPipelineJob({
      ...where,
      client,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/r',
      parameterValues: { data_uri: 'x' },
      jobId: id,
      retry: fastRetry,
    });
    expect(job.jobId).toBe(id);
    expect(vertex.jobs().length - jobsBefore).toBe(1);
    expect(vertex.callsOf('GetPipelineJob').at(-1)!.request.name).toBe(job.name);
  });

  it('does not take an ID that was already taken before', async () => {
    const options = {
      ...where,
      client,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/r',
      parameterValues: { data_uri: 'x' },
      jobId: jobId(),
    };
    await submitPipelineJob(options);
    const error = await submitPipelineJob(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('ALREADY_EXISTS');
    expect((error as Error).message).toMatch(/the ID is taken: choose another with --job-id/);
  });

  it('shows PERMISSION_DENIED with the server message and a hint, without retrying', async () => {
    vertex.failNext('CreatePipelineJob', Status.PERMISSION_DENIED, {
      message: "Permission 'aiplatform.pipelineJobs.create' denied on resource",
    });
    const before = vertex.callsOf('CreatePipelineJob').length;
    const error = await submitPipelineJob({
      ...where,
      client,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/r',
      parameterValues: { data_uri: 'x' },
      jobId: jobId(),
      retry: fastRetry,
    }).catch((e: unknown) => e);
    expect(vertex.callsOf('CreatePipelineJob').length - before).toBe(1);
    expect((error as Error).message).toBe(
      `creating pipeline job ${jobId()} failed: PERMISSION_DENIED: Permission 'aiplatform.pipelineJobs.create' denied on resource ` +
        '(hint: the account needs the Vertex AI User role (roles/aiplatform.user) in project test-project and the Vertex AI API must be enabled there; a job also needs to run as a service account it may use (--service-account))',
    );
  });

  it('gives up after the bounded retries with a clear message', async () => {
    vertex.failNext('CreatePipelineJob', Status.UNAVAILABLE, { times: 3, message: 'upstream connect error' });
    const error = await submitPipelineJob({
      ...where,
      client,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/r',
      parameterValues: { data_uri: 'x' },
      jobId: jobId(),
      retry: { ...fastRetry, attempts: 3 },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /failed \(after 3 attempts\): UNAVAILABLE: upstream connect error \(hint: the service did not answer/,
    );
  });

  it('checks parameters before any call, and lists every problem at once', async () => {
    const before = vertex.calls.length;
    const error = await submitPipelineJob({
      ...where,
      client,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/r',
      parameterValues: { seed: 'x' as never, sede: 1 },
    }).catch((e: unknown) => e);
    expect(VertexError.is(error) && error.kind).toBe('usage');
    expect((error as Error).message).toMatch(
      /^pipeline 'small-pipeline' parameter values: 3 problems: 'seed' must be an integer, got "x"; unknown parameter 'sede'; 'data_uri' is required/,
    );
    expect(vertex.calls.length).toBe(before);
  });

  it('needs a pipeline root, from the options or the pipeline', async () => {
    const spec = compile(smallPipeline);
    const error = await submitPipelineJob({
      ...where,
      client,
      pipeline: spec,
      parameterValues: { data_uri: 'x' },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /has no pipeline root: pass --pipeline-root gs:\/\/<bucket>\/<path>/,
    );
    const job = await submitPipelineJob({
      ...where,
      client,
      pipeline: { ...spec, defaultPipelineRoot: 'gs://bucket/default' },
      parameterValues: { data_uri: 'x' },
      jobId: jobId(),
    });
    expect(job.pipelineRoot).toBe('gs://bucket/default');
  });

  it('overrides caching of every task', async () => {
    const job = await submitPipelineJob({
      ...where,
      client,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/r',
      parameterValues: { data_uri: 'x' },
      enableCaching: false,
      jobId: jobId(),
    });
    const tasks = (vertex.receivedSpec(job.name) as any).root.dag.tasks;
    expect(Object.values(tasks).map((t: any) => t.cachingOptions.enableCache)).toEqual([false, false]);
  });

  it('stages bundles by content hash under the pipeline root and rewrites their references', async () => {
    const { createHash } = await import('node:crypto');
    const code = `module.exports = ${JSON.stringify('x'.repeat(1000))};`;
    const sha256 = createHash('sha256').update(code).digest('hex');
    const spec = structuredClone(compile(smallPipeline)) as any;
    const executor = spec.deploymentSpec.executors['exec-train'];
    executor.container.command = ['node', '-e', 'bootstrap', `kfp-ts-asset:sha256/${sha256}.cjs`];
    const storage = await createStorageClient({ storageEndpoint: gcs.endpoint, project: where.project });
    const staged: string[] = [];
    const submit = () =>
      submitPipelineJob({
        ...where,
        client,
        storage,
        pipeline: spec,
        assets: [{ sha256, code }],
        pipelineRoot: 'gs://bucket/runs',
        parameterValues: { data_uri: 'x' },
        jobId: jobId(),
        onStaged: (event) => staged.push(`${event.kind} ${event.uri}`),
      });
    const job = await submit();
    const uri = `gs://bucket/runs/kfp-ts/assets/${sha256}.cjs`;
    expect(staged).toEqual([`uploaded ${uri}`]);
    expect(gcs.object('bucket', `runs/kfp-ts/assets/${sha256}.cjs`)?.data.toString()).toBe(code);
    const received = vertex.receivedSpec(job.name) as any;
    expect(received.deploymentSpec.executors['exec-train'].container.command[3]).toBe(uri);
    expect(job.staged).toEqual([uri]);

    counter++;
    await submit();
    expect(staged).toEqual([`uploaded ${uri}`, `present ${uri}`]);
  });

  it('refuses a spec whose bundles are missing, before any call', async () => {
    const spec = structuredClone(compile(smallPipeline)) as any;
    spec.deploymentSpec.executors['exec-train'].container.args = [
      `kfp-ts-asset:sha256/${'a'.repeat(64)}.cjs`,
    ];
    const before = vertex.calls.length;
    const error = await submitPipelineJob({
      ...where,
      client,
      pipeline: spec,
      pipelineRoot: 'gs://bucket/runs',
      parameterValues: { data_uri: 'x' },
      storage: await createStorageClient({ storageEndpoint: gcs.endpoint }),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /refers to 1 component bundle\(s\) that were not provided: aaaaaaaaaaaa\.\.\.cjs/,
    );
    expect(vertex.calls.length).toBe(before);
  });

  it('uploads a local file and passes its gs:// URI as the parameter', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kfp-ts-upload-'));
    const file = path.join(dir, 'train.csv');
    await writeFile(file, 'a,b\n1,2\n');
    const job = await submitPipelineJob({
      ...where,
      client,
      storage: await createStorageClient({ storageEndpoint: gcs.endpoint }),
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/runs',
      uploads: { data_uri: file },
      jobId: jobId(),
    });
    const uri = vertex.receivedParameters(job.name).data_uri as string;
    expect(uri).toMatch(/^gs:\/\/bucket\/runs\/kfp-ts\/uploads\/[0-9a-f]{16}\/train\.csv$/);
    expect(gcs.object('bucket', uri.slice('gs://bucket/'.length))?.data.toString()).toBe('a,b\n1,2\n');
  });
});
