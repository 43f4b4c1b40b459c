import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallPipeline } from './__fixtures__/small-pipeline.js';
import type { PipelineServiceLike } from './client-types.js';
import { createPipelineServiceClient } from './clients.js';
import { JobFailedError } from './errors.js';
import { cancelPipelineJob, getPipelineJob, listPipelineJobs } from './jobs.js';
import { submitPipelineJob } from './submit.js';
import { VertexStandIn } from './testing/vertex-stand-in.js';
import { WaitInterrupted, type WaitUpdate, waitForPipelineJob } from './wait.js';

const where = { project: 'test-project', region: 'us-central1' };
const poll = { pollIntervalMs: 1, maxPollIntervalMs: 5 };

let vertex: VertexStandIn;
let client: PipelineServiceLike;

beforeAll(async () => {
  vertex = await VertexStandIn.start();
  client = await createPipelineServiceClient({ region: where.region, apiEndpoint: vertex.endpoint });
});

afterAll(async () => {
  await client?.close();
  await vertex?.close();
});

let n = 0;
async function submit(displayName = 'small') {
  return submitPipelineJob({
    ...where,
    client,
    pipeline: smallPipeline,
    pipelineRoot: 'gs://bucket/r',
    parameterValues: { data_uri: 'x' },
    jobId: `wait-${++n}`,
    displayName,
    labels: { run: String(n) },
  });
}

describe('waiting for a pipeline job', () => {
  it('follows the job to SUCCEEDED, reporting state changes and task progress', async () => {
    vertex.script = {};
    const job = await submit();
    const updates: WaitUpdate[] = [];
    const done = await waitForPipelineJob({
      ...where,
      client,
      job: job.jobId,
      ...poll,
      onUpdate: (u) => updates.push(u),
    });
    expect(done.state).toBe('SUCCEEDED');
    expect(done.tasks).toEqual([
      { name: 'prepare', state: 'SUCCEEDED' },
      { name: 'train', state: 'SUCCEEDED' },
    ]);
    expect(updates.filter((u) => u.stateChanged).map((u) => u.job.state)).toEqual([
      'PENDING',
      'RUNNING',
      'SUCCEEDED',
    ]);
    expect(updates.flatMap((u) => u.taskChanges.map((t) => `${t.name}:${t.state}`))).toEqual([
      'prepare:PENDING',
      'train:PENDING',
      'prepare:RUNNING',
      'prepare:SUCCEEDED',
      'train:RUNNING',
      'train:SUCCEEDED',
    ]);
    expect(done.startTime).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('rejects with the job error when the job FAILS', async () => {
    vertex.script = { failTask: { name: 'train', message: 'ValueError: bad data' } };
    const job = await submit();
    const error = await waitForPipelineJob({ ...where, client, job: job.name, ...poll }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).state).toBe('FAILED');
    expect((error as Error).message).toBe(
      `${job.jobId} ended FAILED: The DAG failed because some tasks failed. The failed tasks are: [train]. ValueError: bad data`,
    );
    expect((error as JobFailedError).job?.tasks.find((t) => t.name === 'train')).toEqual({
      name: 'train',
      state: 'FAILED',
      error: 'ValueError: bad data',
    });
  });

  it('ends CANCELLED when the job is cancelled while waiting', async () => {
    vertex.script = { runForever: true };
    const job = await submit();
    let cancelled = false;
    const error = await waitForPipelineJob({
      ...where,
      client,
      job: job.name,
      ...poll,
      onUpdate: ({ job: seen }) => {
        if (seen.state === 'RUNNING' && !cancelled) {
          cancelled = true;
          void cancelPipelineJob({ ...where, client, job: job.name });
        }
      },
    }).catch((e: unknown) => e);
    expect(cancelled).toBe(true);
    expect((error as JobFailedError).state).toBe('CANCELLED');
    expect(vertex.callsOf('CancelPipelineJob').map((c) => c.request.name)).toContain(job.name);
  });

  it('stops waiting on a signal, leaving the job running', async () => {
    vertex.script = { runForever: true };
    const job = await submit();
    const controller = new AbortController();
    const error = await waitForPipelineJob({
      ...where,
      client,
      job: job.name,
      pollIntervalMs: 50,
      onUpdate: ({ job: seen }) => {
        if (seen.state === 'RUNNING') controller.abort();
      },
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitInterrupted);
    expect((await getPipelineJob({ ...where, client, job: job.jobId })).state).toBe('RUNNING');
  });

  it('refuses to cancel a job that has ended, naming its state', async () => {
    vertex.script = {};
    const job = await submit();
    await waitForPipelineJob({ ...where, client, job: job.name, ...poll });
    await expect(cancelPipelineJob({ ...where, client, job: job.name })).rejects.toThrow(
      `pipeline job ${job.jobId} has already ended (SUCCEEDED); there is nothing to cancel.`,
    );
  });

  it('reports NOT_FOUND with a hint', async () => {
    await expect(getPipelineJob({ ...where, client, job: 'nope' })).rejects.toThrow(
      /getting pipeline job projects\/test-project\/locations\/us-central1\/pipelineJobs\/nope failed: NOT_FOUND: .* \(hint: check the project, the region \(us-central1\)/,
    );
  });

  it('lists jobs, newest first, with a filter and a limit', async () => {
    vertex.script = {};
    await submit('listed');
    const second = await submit('listed');
    const jobs = await listPipelineJobs({ ...where, client, filter: 'display_name="listed"', limit: 5 });
    expect(jobs.map((j) => j.displayName)).toEqual(['listed', 'listed']);
    expect(jobs[0]!.name).toBe(second.name);
    const one = await listPipelineJobs({ ...where, client, limit: 1 });
    expect(one).toHaveLength(1);
  });
});
