import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GcsStandIn, KfpStandIn, VertexStandIn } from '@kfp-ts/vertex/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers/run-cli.js';

const repo = fileURLToPath(new URL('../../../..', import.meta.url));
const churn = path.join(repo, 'examples/churn/pipeline.ts');
// Container components only: nothing to bundle or stage.
const small = path.join(repo, 'packages/vertex/src/__fixtures__/small-pipeline.ts');
const data = ['--param', 'data_uri=gs://bucket/d.csv'];

let vertex: VertexStandIn;
let gcs: GcsStandIn;
let kfp: KfpStandIn;
let where: string[];

beforeAll(async () => {
  [vertex, gcs, kfp] = await Promise.all([
    VertexStandIn.start(),
    GcsStandIn.start(['bucket']),
    KfpStandIn.start({ token: 's3cret' }),
  ]);
  where = ['--project', 'proj', '--region', 'us-central1', '--api-endpoint', vertex.endpoint];
});

afterAll(async () => {
  await Promise.all([vertex?.close(), gcs?.close(), kfp?.close()]);
});

describe('kfp-ts submit (Vertex AI stand-in)', () => {
  it('compiles the churn example, stages its bundles, submits, waits to SUCCEEDED and exits 0', async () => {
    vertex.script = {};
    const run = await runCli([
      'submit',
      churn,
      ...where,
      '--storage-endpoint',
      gcs.endpoint,
      '--pipeline-root',
      'gs://bucket/runs',
      '--param',
      'data_uri=gs://bucket/churn.csv',
      '--param',
      'seed=42',
      '--label',
      'team=ml',
      '--job-id',
      'churn-e2e',
      '--wait',
      '--poll-interval',
      '0.01',
    ]);
    expect(run.stderr).toContain(
      'kfp-ts: submitted projects/proj/locations/us-central1/pipelineJobs/churn-e2e',
    );
    expect(run.stderr).toContain(
      'https://console.cloud.google.com/vertex-ai/locations/us-central1/pipelines/runs/churn-e2e?project=proj',
    );
    expect(run.stderr).toMatch(/churn-e2e: RUNNING\n/);
    expect(run.stderr).toMatch(/ {2}read-csv: SUCCEEDED\n/);
    expect(run.stdout).toMatch(/^churn-e2e: SUCCEEDED/);
    expect(run.status).toBe(0);

    const name = 'projects/proj/locations/us-central1/pipelineJobs/churn-e2e';
    expect(vertex.receivedParameters(name)).toEqual({ data_uri: 'gs://bucket/churn.csv', seed: 42 });
    const spec = vertex.receivedSpec(name) as any;
    expect(spec.pipelineInfo.name).toBe('churn');
    // Staged bundles: every reference rewritten to the pipeline root, and uploaded there.
    const text = JSON.stringify(spec);
    expect(text).not.toMatch(/kfp-ts-asset:sha256\/[0-9a-f]{64}/);
    expect(text).toMatch(/gs:\/\/bucket\/runs\/kfp-ts\/assets\/[0-9a-f]{64}\.cjs/);
    for (const uri of text.match(/gs:\/\/bucket\/runs\/kfp-ts\/assets\/[0-9a-f]{64}\.cjs/g) ?? []) {
      expect(gcs.object('bucket', uri.slice('gs://bucket/'.length))).toBeDefined();
    }
    expect(vertex.job(name)!.message.labels).toEqual({ team: 'ml' });
  });

  it('prints the job as JSON for scripts', async () => {
    const run = await runCli([
      'submit',
      small,
      ...data,
      ...where,
      '--pipeline-root',
      'gs://bucket/r',
      '--job-id',
      'json-1',
      '--json',
    ]);
    expect(run.status).toBe(0);
    const job = JSON.parse(run.stdout);
    expect(job).toMatchObject({ jobId: 'json-1', state: 'PENDING', project: 'proj', region: 'us-central1' });
    expect(job.parameterValues).toEqual({ data_uri: 'gs://bucket/d.csv' });
  });

  it('submits a compiled YAML file as it is', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kfp-ts-yaml-'));
    const yaml = path.join(dir, 'small.yaml');
    try {
      expect((await runCli(['compile', small, '-o', yaml])).status).toBe(0);
      const run = await runCli([
        'submit',
        yaml,
        ...data,
        ...where,
        '--pipeline-root',
        'gs://bucket/r',
        '--job-id',
        'yaml-1',
        '--no-cache',
      ]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const spec = vertex.receivedSpec('projects/proj/locations/us-central1/pipelineJobs/yaml-1') as any;
      expect(spec.pipelineInfo.name).toBe('small-pipeline');
      expect(Object.values(spec.root.dag.tasks).map((t: any) => t.cachingOptions.enableCache)).toEqual([
        false,
        false,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lists every parameter problem in one error, exit 2, before any call', async () => {
    const before = vertex.calls.length;
    const run = await runCli([
      'submit',
      churn,
      ...where,
      '--pipeline-root',
      'gs://bucket/r',
      '--param',
      'seed=1.5',
      '--param',
      'sede=2',
      '--param',
      'auc_threshold=high',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^kfp-ts: error: pipeline 'churn' parameter values: 3 problems: 'seed' must be an integer, got 1\.5; unknown parameter 'sede'; 'auc_threshold' [^;]*\. Its parameters: /,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(vertex.calls.length).toBe(before);
  });

  it('reads values from a params file and takes project and region from the environment', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kfp-ts-params-'));
    const file = path.join(dir, 'params.yaml');
    await writeFile(file, 'seed: 9\nfolds: [4, 5]\n');
    const saved = { ...process.env };
    process.env.GOOGLE_CLOUD_PROJECT = 'env-proj';
    process.env.GOOGLE_CLOUD_REGION = 'europe-west4';
    process.env.KFP_TS_VERTEX_ENDPOINT = vertex.endpoint;
    try {
      const run = await runCli([
        'submit',
        small,
        ...data,
        '--params-file',
        file,
        '--param',
        'c=2',
        '--pipeline-root',
        'gs://bucket/r',
        '--job-id',
        'env-1',
        '--json',
      ]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const name = 'projects/env-proj/locations/europe-west4/pipelineJobs/env-1';
      expect(vertex.receivedParameters(name)).toEqual({
        seed: 9,
        folds: [4, 5],
        c: 2,
        data_uri: 'gs://bucket/d.csv',
      });
    } finally {
      process.env = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says what is missing: no pipeline root', async () => {
    const run = await runCli(['submit', small, ...data, ...where]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "kfp-ts: error: pipeline 'small-pipeline' has no pipeline root: pass --pipeline-root gs://<bucket>/<path> (where the run writes its outputs), or set pipelineRoot in the pipeline.\n",
    );
  });

  it('shows a refused request with the server message and a hint, exit 2', async () => {
    vertex.failNext('CreatePipelineJob', 7, { message: 'Vertex AI API has not been used in project proj' });
    const run = await runCli([
      'submit',
      small,
      ...data,
      ...where,
      '--pipeline-root',
      'gs://bucket/r',
      '--job-id',
      'denied-1',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^kfp-ts: error: creating pipeline job denied-1 failed: PERMISSION_DENIED: Vertex AI API has not been used in project proj \(hint: the account needs the Vertex AI User role/,
    );
  });

  it('exits 1 with the job error when the run FAILS', async () => {
    vertex.script = { failTask: { name: 'train', message: 'RuntimeError: out of memory' } };
    try {
      const run = await runCli([
        'submit',
        small,
        ...data,
        ...where,
        '--pipeline-root',
        'gs://bucket/r',
        '--job-id',
        'fails-1',
        '--wait',
        '--poll-interval',
        '0.01',
      ]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/ {2}train: FAILED \(RuntimeError: out of memory\)\n/);
      expect(run.stderr).toMatch(
        /kfp-ts: fails-1 ended FAILED: The DAG failed because some tasks failed\. The failed tasks are: \[train\]\. RuntimeError: out of memory\n$/,
      );
    } finally {
      vertex.script = {};
    }
  });

  it('on Ctrl-C stops waiting and says the run goes on; --cancel-on-interrupt cancels it', async () => {
    vertex.script = { runForever: true };
    try {
      const interruptWhenRunning = () => {
        const timer = setInterval(() => {
          if (
            vertex
              .jobs()
              .some((j) => j.message.name?.endsWith('/sigint-1') && j.script.snapshot().state === 'RUNNING')
          ) {
            clearInterval(timer);
            process.emit('SIGINT');
          }
        }, 5);
      };
      interruptWhenRunning();
      const left = await runCli([
        'submit',
        small,
        ...data,
        ...where,
        '--pipeline-root',
        'gs://bucket/r',
        '--job-id',
        'sigint-1',
        '--wait',
        '--poll-interval',
        '0.01',
      ]);
      expect(left.status).toBe(130);
      expect(left.stderr).toContain(
        'kfp-ts: interrupted: stopped waiting; the run goes on (RUNNING). Cancel it with: kfp-ts cancel projects/proj/locations/us-central1/pipelineJobs/sigint-1\n',
      );
      expect(vertex.callsOf('CancelPipelineJob')).toHaveLength(0);

      const seen = vertex.callsOf('GetPipelineJob').length;
      const timer = setInterval(() => {
        // The wait command has polled once: its Ctrl-C handler is in place.
        if (vertex.callsOf('GetPipelineJob').length > seen) {
          clearInterval(timer);
          process.emit('SIGINT');
        }
      }, 5);
      const cancelled = await runCli([
        'wait',
        'sigint-1',
        ...where,
        '--cancel-on-interrupt',
        '--poll-interval',
        '0.01',
      ]);
      expect(cancelled.status).toBe(130);
      expect(cancelled.stderr).toContain('kfp-ts: interrupted: cancel requested, sigint-1 is CANCELLING.\n');
    } finally {
      vertex.script = {};
    }
  });
});

describe('kfp-ts status, wait, cancel, list', () => {
  it('shows a run and its tasks; waits for it; lists it', async () => {
    vertex.script = {};
    await runCli([
      'submit',
      small,
      ...data,
      ...where,
      '--pipeline-root',
      'gs://bucket/r',
      '--job-id',
      'follow-1',
      '--display-name',
      'followed',
    ]);
    const status = await runCli(['status', 'follow-1', ...where]);
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/^follow-1: (PENDING|RUNNING)\n/);
    expect(status.stdout).toContain('  display name:  followed\n');
    expect(status.stdout).toMatch(/ {2}tasks:\n {4}prepare/);

    const waited = await runCli([
      'wait',
      'projects/proj/locations/us-central1/pipelineJobs/follow-1',
      '--poll-interval',
      '0.01',
      '--api-endpoint',
      vertex.endpoint,
      '--json',
    ]);
    expect(waited.status).toBe(0);
    expect(JSON.parse(waited.stdout)).toMatchObject({ jobId: 'follow-1', state: 'SUCCEEDED' });

    const listed = await runCli(['list', ...where, '--filter', 'display_name="followed"']);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(
      /^JOB +STATE +CREATED +DISPLAY NAME\nfollow-1 +SUCCEEDED +\d{4}-.* followed\n$/,
    );
  });

  it('cancels a running job', async () => {
    vertex.script = { runForever: true };
    try {
      await runCli([
        'submit',
        small,
        ...data,
        ...where,
        '--pipeline-root',
        'gs://bucket/r',
        '--job-id',
        'cancel-1',
      ]);
      const run = await runCli(['cancel', 'cancel-1', ...where]);
      expect(run).toMatchObject({ status: 0, stdout: 'cancel requested: cancel-1 is CANCELLING\n' });
    } finally {
      vertex.script = {};
    }
  });

  it('needs a region for a job ID', async () => {
    const run = await runCli(['status', 'some-job', '--project', 'p', '--api-endpoint', vertex.endpoint]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kfp-ts: error: 'some-job' is an ID, so the region must be given too/);
  });
});

describe('kfp-ts schedule', () => {
  it('creates, lists, pauses, resumes and deletes a schedule', async () => {
    const created = await runCli([
      'schedule',
      'create',
      small,
      ...data,
      ...where,
      '--pipeline-root',
      'gs://bucket/r',
      '--cron',
      'TZ=Europe/Paris 0 6 * * 1',
      '--param',
      'seed=5',
      '--json',
    ]);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const schedule = JSON.parse(created.stdout);
    expect(schedule).toMatchObject({
      cron: 'TZ=Europe/Paris 0 6 * * 1',
      state: 'ACTIVE',
      maxConcurrentRunCount: 1,
    });
    const request = vertex.callsOf('CreateSchedule').at(-1)!.request;
    expect(request.schedule.createPipelineJobRequest.parent).toBe('projects/proj/locations/us-central1');
    expect(
      request.schedule.createPipelineJobRequest.pipelineJob.runtimeConfig.parameterValues.seed.numberValue,
    ).toBe(5);

    const id = schedule.scheduleId as string;
    expect((await runCli(['schedule', 'list', ...where])).stdout).toMatch(
      new RegExp(`\n${id} +ACTIVE +TZ=Europe/Paris`),
    );
    expect((await runCli(['schedule', 'pause', id, ...where])).stdout).toBe(
      `schedule ${schedule.name} is PAUSED\n`,
    );
    expect((await runCli(['schedule', 'resume', id, ...where])).stdout).toBe(
      `schedule ${schedule.name} is ACTIVE\n`,
    );
    expect(
      (await runCli(['schedule', 'delete', schedule.name, '--api-endpoint', vertex.endpoint])).stdout,
    ).toBe(`deleted schedule ${schedule.name}\n`);
    expect(vertex.schedules()).toHaveLength(0);
  });

  it('refuses a malformed cron before any call', async () => {
    const run = await runCli([
      'schedule',
      'create',
      small,
      ...data,
      ...where,
      '--pipeline-root',
      'gs://bucket/r',
      '--cron',
      '0 6 * *',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kfp-ts: error: cron '0 6 \* \*' is not a cron expression: give five fields/);
  });
});

describe('kfp-ts --target kfp (Kubeflow Pipelines REST stand-in)', () => {
  it('creates a run with the spec inline, waits for it, and shows it', async () => {
    const kfpWhere = ['--target', 'kfp', '--host', kfp.endpoint, '--token', 's3cret'];
    const run = await runCli([
      'submit',
      small,
      ...data,
      ...kfpWhere,
      '--param',
      'seed=3',
      '--pipeline-root',
      'minio://mlpipeline/v2',
      '--wait',
      '--poll-interval',
      '0.01',
    ]);
    expect(run.stderr).toMatch(/^kfp-ts: submitted run [0-9a-f-]{36}\n/);
    expect(run.status).toBe(0);
    const body = kfp.received.find((r) => r.method === 'POST')!.body as any;
    expect(body.pipeline_spec.pipelineInfo.name).toBe('small-pipeline');
    expect(body.runtime_config).toEqual({
      parameters: { data_uri: 'gs://bucket/d.csv', seed: 3 },
      pipeline_root: 'minio://mlpipeline/v2',
    });
    expect(kfp.received.every((r) => r.authorization === 'Bearer s3cret')).toBe(true);
    const id = /run ([0-9a-f-]{36})/.exec(run.stderr)![1]!;
    const status = await runCli(['status', id, ...kfpWhere, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ jobId: id, state: 'SUCCEEDED' });
  });

  it('reports a refused token with a hint, exit 2', async () => {
    const run = await runCli(['list', '--target', 'kfp', '--host', kfp.endpoint, '--token', 'wrong']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^kfp-ts: error: listing runs failed: HTTP 401: Unauthenticated.*\(hint: pass a valid --token/,
    );
    expect(run.stderr).not.toContain('wrong');
  });
});

describe('kfp-ts submit without credentials', () => {
  it('says how to provide them in one line, exit 2, and nothing crashes later', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'kfp-ts-home-'));
    const saved = { ...process.env };
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    delete process.env.KFP_TS_VERTEX_ENDPOINT;
    Object.assign(process.env, { HOME: home, CLOUDSDK_CONFIG: home, METADATA_SERVER_DETECTION: 'none' });
    try {
      const run = await runCli([
        'submit',
        small,
        ...data,
        '--project',
        'p',
        '--region',
        'us-central1',
        '--pipeline-root',
        'gs://bucket/r',
      ]);
      // A detached rejection from the client would show up as a second line (unhandled rejection).
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(run.stderr).toBe(
        'kfp-ts: error: no Google Cloud credentials found (Application Default Credentials): run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file.\n',
      );
      expect(run.status).toBe(2);
    } finally {
      process.env = saved;
      await rm(home, { recursive: true, force: true });
    }
  });
});
