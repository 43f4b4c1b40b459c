/**
 * `kfp-ts submit <file>`: compile (or read) the pipeline, check it and its parameter values,
 * stage what it needs, and create a run on Vertex AI Pipelines (default) or a Kubeflow
 * Pipelines API (`--target kfp`). `--wait` follows the run to its end.
 *
 * A Vertex AI submission loads and builds its Google clients on a thread of their own (see
 * `startClients`), started before anything else: this module imports only types and the CLI's
 * errors up front, and the rest (run-options.js brings the TypeScript loader, follow.js...) once
 * the thread is on its way.
 */
import type { ClientThread, JsonValue } from '@kfp-ts/vertex';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';
import type { LoadedPipeline, ResolvedTarget, TargetOptions, Vertex } from './run-options.js';

/** What `submit` and `schedule create` both take to describe a run. */
export interface RunCommandOptions extends TargetOptions {
  pipeline?: string;
  pipelineRoot?: string;
  param: string[];
  paramsFile?: string;
  upload: string[];
  displayName?: string;
  label: string[];
  serviceAccount?: string;
  network?: string;
  encryptionKey?: string;
  cache?: boolean;
  failurePolicy?: string;
}

export interface SubmitCommandOptions extends RunCommandOptions {
  jobId?: string;
  experiment?: string;
  wait?: boolean;
  cancelOnInterrupt?: boolean;
  pollInterval?: string;
}

export interface PreparedRun {
  vertex: Vertex;
  loaded: LoadedPipeline;
  parameterValues: Record<string, JsonValue>;
  uploads: Record<string, string>;
  labels: Record<string, string>;
}

/**
 * Loads the library and the pipeline and reads the parameter values, as the pipeline's root
 * inputs declare them (all checked together by the library before any call).
 *
 * With `thread` (a Vertex AI submission: see `startClients`) the Google clients are being loaded
 * on that thread meanwhile; without it they are loaded here, on the main thread.
 */
export async function prepareRun(
  file: string,
  options: RunCommandOptions,
  cwd: string,
  target: Pick<ResolvedTarget, 'kind'>,
  thread?: ClientThread,
): Promise<PreparedRun> {
  const { asCliError, keyValues, loadPipelineFile, loadVertex, pipelineErrorWithFile, readParamsFile } =
    await import('./run-options.js');
  // The library, the compiler and the Google clients load before the TypeScript loader hooks in
  // (importing the pipeline module registers it): modules imported through its hooks are several
  // times slower to load (see compile.ts). Bundles of TypeScript components may need staging,
  // so a module's submission loads the storage client too.
  const vertex = await loadVertex();
  await import('@kfp-ts/compiler');
  if (target.kind === 'vertex' && !thread) {
    await vertex.preloadClients({ storage: needsStorage(file, options) });
  }
  const loaded = await loadPipelineFile(file, cwd, options.pipeline);
  if (options.failurePolicy !== undefined && !['fast', 'slow'].includes(options.failurePolicy)) {
    throw new UsageError(`--failure-policy ${options.failurePolicy}: use fast or slow.`);
  }
  const fromFile = options.paramsFile ? await readParamsFile(options.paramsFile, cwd) : {};
  // Compiled once here: the parameter text is read against its root inputs, and the library
  // is given the spec and its bundles rather than the pipeline (which it would compile again).
  let resolved: Awaited<ReturnType<Vertex['resolvePipeline']>>;
  try {
    resolved = await vertex.resolvePipeline(loaded.pipeline, { assets: loaded.assets });
  } catch (error) {
    throw asCliError(vertex, pipelineErrorWithFile(error, loaded.shown));
  }
  const spec = resolved.spec;
  const { values, issues } = vertex.parseParameterAssignments(spec, options.param);
  if (issues.length > 0) {
    throw new UsageError(`--param: ${issues.map((i) => i.problem).join('; ')}.`);
  }
  const uploads = Object.fromEntries(
    Object.entries(keyValues('--upload', options.upload)).map(([name, local]) => [name, local]),
  );
  for (const [name, local] of Object.entries(uploads)) {
    uploads[name] = (await import('node:path')).resolve(cwd, local);
  }
  return {
    vertex,
    loaded: { ...loaded, pipeline: spec, assets: resolved.assets },
    parameterValues: { ...fromFile, ...values },
    uploads,
    labels: keyValues('--label', options.label),
  };
}

/** A TypeScript module may bring bundles to stage; a compiled spec only its assets folder or --upload. */
function needsStorage(file: string, options: RunCommandOptions): boolean {
  return !/\.(ya?ml|json)$/i.test(file) || options.upload.length > 0;
}

/**
 * The client thread of a Vertex AI submission (@kfp-ts/vertex `startClientThread`): it loads
 * google-gax, the PipelineService client and the storage client on the second core while this
 * thread loads the compiler and the pipeline and compiles; it is told where to connect once the
 * options are read (`configure`). Undefined when there is no thread to use: another target,
 * running from the TypeScript sources, or KFP_TS_CLIENT_THREAD=0.
 */
async function startClients(file: string, options: SubmitCommandOptions): Promise<ClientThread | undefined> {
  // A first look only: resolveTarget reads --target properly (an unused thread is just closed).
  if ((options.target ?? 'vertex').toLowerCase() !== 'vertex') return undefined;
  const { startClientThread } = await import('@kfp-ts/vertex/client-thread');
  return startClientThread({ preloadStorage: needsStorage(file, options) });
}

export async function submitCommand(
  file: string,
  options: SubmitCommandOptions,
  context: CommandContext,
): Promise<number> {
  const started = await startClients(file, options);
  try {
    const { resolveTarget, seconds } = await import('./run-options.js');
    const target = resolveTarget(options);
    const pollIntervalMs = seconds('--poll-interval', options.pollInterval, 5000);
    // Without a project or region the library says which is missing; no client is needed.
    const thread = target.kind === 'vertex' && target.project && target.region ? started : undefined;
    if (!thread) void started?.close().catch(() => {});
    thread?.configure({
      region: target.region!,
      project: target.project!,
      ...(target.apiEndpoint ? { apiEndpoint: target.apiEndpoint } : {}),
      ...(target.storageEndpoint ? { storageEndpoint: target.storageEndpoint } : {}),
    });
    return await submitWith(thread, file, options, target, context, pollIntervalMs);
  } finally {
    // On every path: done, failed, or interrupted while waiting.
    void started?.close().catch(() => {});
  }
}

async function submitWith(
  thread: ClientThread | undefined,
  file: string,
  options: SubmitCommandOptions,
  target: ResolvedTarget,
  { io }: CommandContext,
  pollIntervalMs: number,
): Promise<number> {
  const run = await prepareRun(file, options, io.cwd, target, thread);
  const { vertex } = run;
  if (target.kind === 'kfp') return submitToKfp(run, target, options, io, pollIntervalMs);
  const { asCliError, pipelineErrorWithFile } = await import('./run-options.js');

  const job = await vertex
    .submitPipelineJob({
      pipeline: run.loaded.pipeline,
      assets: run.loaded.assets,
      ...(target.project ? { project: target.project } : {}),
      ...(target.region ? { region: target.region } : {}),
      ...(target.apiEndpoint ? { apiEndpoint: target.apiEndpoint } : {}),
      ...(target.storageEndpoint ? { storageEndpoint: target.storageEndpoint } : {}),
      ...(options.pipelineRoot ? { pipelineRoot: options.pipelineRoot } : {}),
      parameterValues: run.parameterValues,
      uploads: run.uploads,
      labels: run.labels,
      ...(options.jobId ? { jobId: options.jobId } : {}),
      ...(options.displayName ? { displayName: options.displayName } : {}),
      ...(options.serviceAccount ? { serviceAccount: options.serviceAccount } : {}),
      ...(options.network ? { network: options.network } : {}),
      ...(options.encryptionKey ? { encryptionKey: options.encryptionKey } : {}),
      ...(options.cache === undefined ? {} : { enableCaching: options.cache }),
      ...(options.failurePolicy ? { failurePolicy: options.failurePolicy as 'fast' | 'slow' } : {}),
      // The thread's clients: the pipeline client asked for where submit would build its own.
      ...(thread ? { connect: () => thread.pipelineService(), storage: thread.storage } : {}),
      onStaged: ({ kind, uri, bytes }) => {
        if (!options.json)
          io.stderr(
            `kfp-ts: ${kind === 'uploaded' ? 'uploaded' : 'already there:'} ${uri} (${bytes} bytes)\n`,
          );
      },
      onRetry: ({ attempt, delayMs, error }) => {
        io.stderr(
          `kfp-ts: ${vertex.statusName(vertex.grpcCodeOf(error) ?? 2)}; retrying (attempt ${attempt}) in ${(delayMs / 1000).toFixed(1)}s\n`,
        );
      },
    })
    .catch((error: unknown) => {
      throw asCliError(vertex, pipelineErrorWithFile(error, run.loaded.shown));
    });

  if (!options.wait) {
    if (options.json) io.stdout(`${JSON.stringify(job, null, 2)}\n`);
    else io.stdout(`submitted ${job.name}\n  ${job.url}\n`);
    return 0;
  }
  if (!options.json) io.stderr(`kfp-ts: submitted ${job.name}\n  ${job.url}\n`);
  // Polled (and cancelled) through the thread's client when there is one: it is built already.
  const connection = {
    project: job.project,
    region: job.region,
    ...(target.apiEndpoint ? { apiEndpoint: target.apiEndpoint } : {}),
    ...(thread ? { client: await thread.pipelineService() } : {}),
  };
  const { follow } = await import('./follow.js');
  return follow(vertex, io, (poll) => vertex.waitForPipelineJob({ ...connection, job: job.name, ...poll }), {
    ...(options.json ? { json: true } : {}),
    pollIntervalMs,
    ...(options.cancelOnInterrupt ? { cancelOnInterrupt: true } : {}),
    cancelCommand: `kfp-ts cancel ${job.name}`,
    cancel: () => vertex.cancelPipelineJob({ ...connection, job: job.name }),
  });
}

async function submitToKfp(
  run: PreparedRun,
  target: ResolvedTarget,
  options: SubmitCommandOptions,
  io: CommandContext['io'],
  pollIntervalMs: number,
): Promise<number> {
  const { vertex } = run;
  const { asCliError, pipelineErrorWithFile } = await import('./run-options.js');
  const unsupported = [
    Object.keys(run.uploads).length > 0 && '--upload',
    Object.keys(run.labels).length > 0 && '--label',
    options.jobId && '--job-id',
    options.network && '--network',
    options.encryptionKey && '--encryption-key',
    options.failurePolicy && '--failure-policy',
  ].filter(Boolean);
  if (unsupported.length > 0)
    throw new UsageError(`${unsupported.join(', ')}: not available with --target kfp.`);
  const connection = { host: target.host!, ...(target.token ? { token: target.token } : {}) };
  const job = await vertex
    .submitKfpRun({
      ...connection,
      pipeline: run.loaded.pipeline,
      parameterValues: run.parameterValues,
      ...(options.pipelineRoot ? { pipelineRoot: options.pipelineRoot } : {}),
      ...(options.displayName ? { displayName: options.displayName } : {}),
      ...(options.experiment ? { experimentId: options.experiment } : {}),
      ...(options.serviceAccount ? { serviceAccount: options.serviceAccount } : {}),
      ...(options.cache === undefined ? {} : { enableCaching: options.cache }),
    })
    .catch((error: unknown) => {
      throw asCliError(vertex, pipelineErrorWithFile(error, run.loaded.shown));
    });
  if (!options.wait) {
    if (options.json) io.stdout(`${JSON.stringify(job, null, 2)}\n`);
    else io.stdout(`submitted run ${job.jobId}\n  ${job.url}\n`);
    return 0;
  }
  if (!options.json) io.stderr(`kfp-ts: submitted run ${job.jobId}\n  ${job.url}\n`);
  const kfpTarget = `--target kfp --host ${connection.host}`;
  const { follow } = await import('./follow.js');
  return follow(vertex, io, (poll) => vertex.waitForKfpRun({ ...connection, runId: job.jobId, ...poll }), {
    ...(options.json ? { json: true } : {}),
    pollIntervalMs,
    ...(options.cancelOnInterrupt ? { cancelOnInterrupt: true } : {}),
    cancelCommand: `kfp-ts cancel ${job.jobId} ${kfpTarget}`,
    cancel: () => vertex.terminateKfpRun({ ...connection, runId: job.jobId }),
  });
}
