/**
 * `kfp-ts submit` through the client thread: the BUILT bin (the thread runs the compiled
 * dist/client-thread.js of @kfp-ts/vertex; the in-process tests run the sources, where submit
 * builds its clients on the main thread), against the stand-ins of this process. Every error
 * path is compared with the same command run without the thread (KFP_TS_CLIENT_THREAD=0).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetsBase, rewriteAssetReferences } from '@kfp-ts/vertex';
import { GcsStandIn, VertexStandIn } from '@kfp-ts/vertex/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const cliDir = fileURLToPath(new URL('../..', import.meta.url));
const repo = path.resolve(cliDir, '../..');
const bin = path.join(cliDir, 'bin/kfp-ts.js');
const churn = path.join(repo, 'examples/churn/pipeline.ts');
const small = path.join(repo, 'packages/vertex/src/__fixtures__/small-pipeline.ts');
const built =
  existsSync(path.join(cliDir, 'dist/main.js')) &&
  existsSync(path.join(repo, 'packages/vertex/dist/client-thread.js'));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of every run: nothing from this one that would point the clients elsewhere. */
function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(GOOGLE_|CLOUDSDK_|KFP_TS_|STORAGE_EMULATOR_HOST)/.test(name)) delete env[name];
  }
  return { ...env, ...extra };
}

/** Runs the built bin (asynchronously: the stand-ins answer from this process). */
function runBin(args: string[], env: NodeJS.ProcessEnv, onSpawn?: (kill: () => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: cliDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    onSpawn?.(() => child.kill('SIGINT'));
  });
}

const threadless = (env: NodeJS.ProcessEnv) => ({ ...env, KFP_TS_CLIENT_THREAD: '0' });

let vertex: VertexStandIn;
let gcs: GcsStandIn;
let where: string[];

beforeAll(async () => {
  if (!built) return;
  [vertex, gcs] = await Promise.all([VertexStandIn.start(), GcsStandIn.start(['thread-bucket'])]);
  where = ['--project', 'proj', '--region', 'us-central1', '--api-endpoint', vertex.endpoint];
});

afterAll(async () => {
  await Promise.all([vertex?.close(), gcs?.close()]);
});

const title = (name: string) =>
  built ? name : `${name}: SKIPPED, the workspace is not built (run the build first)`;

describe('kfp-ts submit through the client thread (built bin)', () => {
  it.skipIf(!built)(
    title(
      'stages the bundle once, sends the compiled spec, waits to SUCCEEDED; a second submit finds it there',
    ),
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'kfp-ts-thread-'));
      try {
        const compiled = await runBin(['compile', churn, '-o', path.join(dir, 'churn.yaml')], baseEnv());
        expect(compiled.status).toBe(0);
        const spec = parse(await readFile(path.join(dir, 'churn.yaml'), 'utf8'));
        const root = 'gs://thread-bucket/runs';
        const expected = rewriteAssetReferences(spec, assetsBase(root));
        expect(expected.referenced.length).toBeGreaterThan(0);

        const uploads = () => gcs.requests.filter((r) => r.path.startsWith('/upload/')).length;
        const args = [
          'submit',
          churn,
          ...where,
          '--storage-endpoint',
          gcs.endpoint,
          '--pipeline-root',
          root,
          '--param',
          'data_uri=gs://thread-bucket/churn.csv',
        ];
        vertex.script = {};
        const first = await runBin(
          [...args, '--job-id', 'thread-1', '--wait', '--poll-interval', '0.01', '--verbose'],
          baseEnv(),
        );
        expect(first.stderr).toContain(
          `kfp-ts: uploaded ${root}/kfp-ts/assets/${expected.referenced[0]}.cjs`,
        );
        expect(first.stderr).toContain(
          'kfp-ts: submitted projects/proj/locations/us-central1/pipelineJobs/thread-1',
        );
        expect(first.stderr).toMatch(/ {2}read-csv: SUCCEEDED\n/);
        expect(first.stdout).toMatch(/^thread-1: SUCCEEDED/);
        expect(first.status).toBe(0);
        expect(uploads()).toBe(expected.referenced.length);
        const name = 'projects/proj/locations/us-central1/pipelineJobs/thread-1';
        expect(vertex.receivedSpec(name)).toEqual(expected.spec);
        expect(vertex.receivedParameters(name)).toEqual({ data_uri: 'gs://thread-bucket/churn.csv' });
        for (const hash of expected.referenced) {
          expect(gcs.object('thread-bucket', `runs/kfp-ts/assets/${hash}.cjs`)).toBeDefined();
        }

        const second = await runBin([...args, '--job-id', 'thread-2', '--json'], baseEnv());
        expect(second.status).toBe(0);
        expect(JSON.parse(second.stdout)).toMatchObject({ jobId: 'thread-2', state: 'PENDING' });
        expect(uploads()).toBe(expected.referenced.length);
        expect(vertex.receivedSpec('projects/proj/locations/us-central1/pipelineJobs/thread-2')).toEqual(
          expected.spec,
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  const smallArgs = (jobId: string, extra: string[] = []) => [
    'submit',
    small,
    '--param',
    'data_uri=gs://thread-bucket/d.csv',
    ...where,
    '--pipeline-root',
    'gs://thread-bucket/r',
    '--job-id',
    jobId,
    ...extra,
  ];

  it.skipIf(!built)(title('retries UNAVAILABLE through the thread, then succeeds: one job'), async () => {
    const before = vertex.callsOf('CreatePipelineJob').length;
    vertex.failNext('CreatePipelineJob', 14, { times: 2, message: 'stand-in is down' });
    const run = await runBin(smallArgs('retried-1'), baseEnv());
    expect(run.stderr).toMatch(
      /^kfp-ts: UNAVAILABLE; retrying \(attempt 2\) in \d\.\ds\nkfp-ts: UNAVAILABLE; retrying \(attempt 3\) in \d\.\ds\n$/,
    );
    expect(run.stdout).toBe(
      'submitted projects/proj/locations/us-central1/pipelineJobs/retried-1\n  https://console.cloud.google.com/vertex-ai/locations/us-central1/pipelines/runs/retried-1?project=proj\n',
    );
    expect(run.status).toBe(0);
    expect(vertex.callsOf('CreatePipelineJob').length - before).toBe(3);
    expect(vertex.jobs().filter((j) => j.message.name?.endsWith('/retried-1'))).toHaveLength(1);
  });

  it.skipIf(!built)(title('a lost answer: the retry gets ALREADY_EXISTS, which means ours'), async () => {
    vertex.loseNextResponse('CreatePipelineJob');
    const run = await runBin(smallArgs('lost-1', ['--json']), baseEnv());
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^kfp-ts: UNAVAILABLE; retrying \(attempt 2\)/);
    expect(JSON.parse(run.stdout)).toMatchObject({ jobId: 'lost-1' });
    expect(vertex.jobs().filter((j) => j.message.name?.endsWith('/lost-1'))).toHaveLength(1);
  });

  it.skipIf(!built)(
    title('PERMISSION_DENIED: the same message, hint and exit status as without the thread'),
    async () => {
      const message = 'Vertex AI API has not been used in project proj';
      vertex.failNext('CreatePipelineJob', 7, { message });
      const threaded = await runBin(smallArgs('denied-1'), baseEnv());
      vertex.failNext('CreatePipelineJob', 7, { message });
      const plain = await runBin(smallArgs('denied-1'), threadless(baseEnv()));
      expect(threaded.stderr).toMatch(
        /^kfp-ts: error: creating pipeline job denied-1 failed: PERMISSION_DENIED: Vertex AI API has not been used in project proj \(hint: the account needs the Vertex AI User role/,
      );
      expect(threaded.stderr.trim().split('\n')).toHaveLength(1);
      expect(threaded.status).toBe(2);
      expect(threaded).toEqual(plain);

      // With --verbose the cause's stack is the thread's, and says so.
      vertex.failNext('CreatePipelineJob', 7, { message });
      const verbose = await runBin(smallArgs('denied-1', ['--verbose']), baseEnv());
      expect(verbose.stderr).toContain('Caused by: Error: 7 PERMISSION_DENIED: Vertex AI API');
      expect(verbose.stderr).toContain('(thrown on the kfp-ts client thread)');
    },
  );

  it.skipIf(!built)(title('a missing bucket: the same storage error as without the thread'), async () => {
    const args = [
      ...smallArgs('nobucket-1'),
      '--storage-endpoint',
      gcs.endpoint,
      '--upload',
      `data_uri=${small}`,
    ];
    args.splice(args.indexOf('--param'), 2);
    args[args.indexOf('gs://thread-bucket/r')] = 'gs://no-such-bucket/r';
    const threaded = await runBin(args, baseEnv());
    const plain = await runBin(args, threadless(baseEnv()));
    expect(threaded.stderr).toMatch(
      /^kfp-ts: error: uploading gs:\/\/no-such-bucket\/r\/kfp-ts\/uploads\/[0-9a-f]{16}\/small-pipeline\.ts failed: .*\(hint: the bucket does not exist/,
    );
    expect(threaded.status).toBe(2);
    expect(threaded).toEqual(plain);
  });

  it.skipIf(!built)(
    title('without credentials: one line saying how to get them, exit 2, as without the thread'),
    async () => {
      const home = await mkdtemp(path.join(tmpdir(), 'kfp-ts-home-'));
      try {
        const env = baseEnv({ HOME: home, CLOUDSDK_CONFIG: home, METADATA_SERVER_DETECTION: 'none' });
        const args = [
          'submit',
          small,
          '--param',
          'data_uri=gs://b/d.csv',
          '--project',
          'p',
          '--region',
          'us-central1',
          '--pipeline-root',
          'gs://bucket/r',
        ];
        const threaded = await runBin(args, env);
        expect(threaded.stderr).toBe(
          'kfp-ts: error: no Google Cloud credentials found (Application Default Credentials): run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file.\n',
        );
        expect(threaded.status).toBe(2);
        expect(threaded).toEqual(await runBin(args, threadless(env)));

        const keyFile = path.join(home, 'missing-key.json');
        const withKey = { ...env, GOOGLE_APPLICATION_CREDENTIALS: keyFile };
        const badKey = await runBin(args, withKey);
        expect(badKey.stderr).toMatch(
          /^kfp-ts: error: Google Cloud credentials: GOOGLE_APPLICATION_CREDENTIALS=.*missing-key\.json could not be used \(/,
        );
        expect(badKey.status).toBe(2);
        expect(badKey).toEqual(await runBin(args, threadless(withKey)));
      } finally {
        await rm(home, { recursive: true, force: true });
      }
    },
  );

  /** Submits with --wait and sends Ctrl-C once the job is RUNNING. */
  async function interruptWhenRunning(jobId: string, extra: string[] = []): Promise<Run> {
    return runBin(smallArgs(jobId, ['--wait', '--poll-interval', '0.01', ...extra]), baseEnv(), (kill) => {
      const timer = setInterval(() => {
        const job = vertex.job(`projects/proj/locations/us-central1/pipelineJobs/${jobId}`);
        if (job && job.script.snapshot().state === 'RUNNING') {
          clearInterval(timer);
          kill();
        }
      }, 5);
    });
  }

  it.skipIf(!built)(
    title('Ctrl-C while waiting: says the run goes on, exits 130; --cancel-on-interrupt cancels it'),
    async () => {
      vertex.script = { runForever: true };
      try {
        const started = Date.now();
        const left = await interruptWhenRunning('sigint-thread');
        expect(left.stderr).toContain(
          'kfp-ts: interrupted: stopped waiting; the run goes on (RUNNING). Cancel it with: kfp-ts cancel projects/proj/locations/us-central1/pipelineJobs/sigint-thread\n',
        );
        expect(left.status).toBe(130);
        // The process ended: the thread did not keep it alive.
        expect(Date.now() - started).toBeLessThan(15_000);
        expect(vertex.callsOf('CancelPipelineJob')).toHaveLength(0);

        const cancelled = await interruptWhenRunning('sigint-cancel', ['--cancel-on-interrupt']);
        expect(cancelled.stderr).toContain(
          'kfp-ts: interrupted: cancel requested, sigint-cancel is CANCELLING.\n',
        );
        expect(cancelled.status).toBe(130);
        expect(vertex.callsOf('CancelPipelineJob').map((c) => c.request.name)).toEqual([
          'projects/proj/locations/us-central1/pipelineJobs/sigint-cancel',
        ]);
      } finally {
        vertex.script = {};
      }
    },
  );
});
