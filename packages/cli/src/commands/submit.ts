/**
 * `kfp-ts submit <file>`: compile (or read) the pipeline, check it and its parameter values,
 * stage what it needs, and create a run on Vertex AI Pipelines (default) or a Kubeflow
 * Pipelines API (`--target kfp`). `--wait` follows the run to its end.
 */
import type { JsonValue } from '@kfp-ts/vertex';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';
import { follow } from './follow.js';
import {
  asCliError,
  keyValues,
  type LoadedPipeline,
  loadPipelineFile,
  loadVertex,
  pipelineErrorWithFile,
  type ResolvedTarget,
  readParamsFile,
  resolveTarget,
  seconds,
  type TargetOptions,
  type Vertex,
} from './run-options.js';

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
 */
export async function prepareRun(
  file: string,
  options: RunCommandOptions,
  cwd: string,
  target: Pick<ResolvedTarget, 'kind'>,
): Promise<PreparedRun> {
  // The library, the compiler and the Google clients load before the TypeScript loader hooks in
  // (importing the pipeline module registers it): modules imported through its hooks are several
  // times slower to load (see compile.ts). Bundles of TypeScript components may need staging,
  // so a module's submission loads the storage client too.
  const vertex = await loadVertex();
  await import('@kfp-ts/compiler');
  if (target.kind === 'vertex') {
    const isModule = !/\.(ya?ml|json)$/i.test(file);
    await vertex.preloadClients({ storage: isModule || options.upload.length > 0 });
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

export async function submitCommand(
  file: string,
  options: SubmitCommandOptions,
  { io }: CommandContext,
): Promise<number> {
  const target = resolveTarget(options);
  const pollIntervalMs = seconds('--poll-interval', options.pollInterval, 5000);
  const run = await prepareRun(file, options, io.cwd, target);
  const { vertex } = run;
  if (target.kind === 'kfp') return submitToKfp(run, target, options, io, pollIntervalMs);

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
  const connection = {
    project: job.project,
    region: job.region,
    ...(target.apiEndpoint ? { apiEndpoint: target.apiEndpoint } : {}),
  };
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
  target: ReturnType<typeof resolveTarget>,
  options: SubmitCommandOptions,
  io: CommandContext['io'],
  pollIntervalMs: number,
): Promise<number> {
  const { vertex } = run;
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
  return follow(vertex, io, (poll) => vertex.waitForKfpRun({ ...connection, runId: job.jobId, ...poll }), {
    ...(options.json ? { json: true } : {}),
    pollIntervalMs,
    ...(options.cancelOnInterrupt ? { cancelOnInterrupt: true } : {}),
    cancelCommand: `kfp-ts cancel ${job.jobId} ${kfpTarget}`,
    cancel: () => vertex.terminateKfpRun({ ...connection, runId: job.jobId }),
  });
}
