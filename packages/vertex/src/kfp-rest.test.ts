import { compile } from '@kfp-ts/compiler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallPipeline } from './__fixtures__/small-pipeline.js';
import { JobFailedError } from './errors.js';
import { getKfpRun, listKfpRuns, submitKfpRun, terminateKfpRun, waitForKfpRun } from './kfp-rest.js';
import { KfpStandIn } from './testing/kfp-stand-in.js';

let kfp: KfpStandIn;
const poll = { pollIntervalMs: 1, maxPollIntervalMs: 5 };

beforeAll(async () => {
  kfp = await KfpStandIn.start({ token: 'tok' });
});
afterAll(async () => {
  await kfp?.close();
});

describe('Kubeflow Pipelines REST v2beta1 against the stand-in', () => {
  it('creates a run with the spec inline and follows it to SUCCEEDED', async () => {
    const connection = { host: kfp.endpoint, token: 'tok' };
    const run = await submitKfpRun({
      ...connection,
      pipeline: smallPipeline,
      parameterValues: { data_uri: 'x', seed: 2 },
    });
    expect(run.state).toBe('PENDING');
    expect(run.url).toBe(`${kfp.endpoint}/#/runs/details/${run.jobId}`);
    expect(kfp.run(run.jobId)!.body.pipeline_spec).toEqual(
      JSON.parse(JSON.stringify(compile(smallPipeline))),
    );
    const done = await waitForKfpRun({ ...connection, runId: run.jobId, ...poll });
    expect(done.state).toBe('SUCCEEDED');
    expect(done.tasks.map((t) => t.state)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect((await listKfpRuns(connection)).map((r) => r.jobId)).toContain(run.jobId);
  });

  it('ends CANCELED after terminate, and FAILED with the run error', async () => {
    const connection = { host: kfp.endpoint, token: 'tok' };
    kfp.script = { runForever: true };
    const running = await submitKfpRun({
      ...connection,
      pipeline: smallPipeline,
      parameterValues: { data_uri: 'x' },
    });
    await getKfpRun({ ...connection, runId: running.jobId });
    expect((await terminateKfpRun({ ...connection, runId: running.jobId })).state).toBe('CANCELING');
    await expect(waitForKfpRun({ ...connection, runId: running.jobId, ...poll })).rejects.toMatchObject({
      state: 'CANCELED',
    });

    kfp.script = { failTask: { name: 'prepare', message: 'exit status 1' } };
    const failing = await submitKfpRun({
      ...connection,
      pipeline: smallPipeline,
      parameterValues: { data_uri: 'x' },
    });
    const error = await waitForKfpRun({ ...connection, runId: failing.jobId, ...poll }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as Error).message).toMatch(/ended FAILED: .*\[prepare\]\. exit status 1/);
    kfp.script = {};
  });

  it('checks parameters before any request', async () => {
    const before = kfp.received.length;
    await expect(
      submitKfpRun({
        host: kfp.endpoint,
        token: 'tok',
        pipeline: smallPipeline,
        parameterValues: { seed: 'x' as never },
      }),
    ).rejects.toThrow(/2 problems: 'seed' must be an integer, got "x"; 'data_uri' is required/);
    expect(kfp.received.length).toBe(before);
  });

  it('is strict like the API server: unknown fields are refused', async () => {
    const response = await fetch(`${kfp.endpoint}/apis/v2beta1/runs`, {
      method: 'POST',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
      body: JSON.stringify({ display_name: 'x', pipeline_spec: {}, runtimeConfig: {} }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 3,
      message: 'proto: (line 1:2): unknown field "runtimeConfig"',
    });
  });

  it('reports an unreachable host with a hint', async () => {
    // A port that was just free: nothing listens there.
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    await expect(getKfpRun({ host: `http://127.0.0.1:${port}`, runId: 'abc' })).rejects.toThrow(
      `getting run abc failed: cannot reach http://127.0.0.1:${port} (ECONNREFUSED); check --host`,
    );
  });
});
