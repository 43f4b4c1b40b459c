/**
 * `runPipelineSpec`: runs a compiled pipeline (the IR object that would be submitted to Vertex) on
 * this machine and returns a `RunResult`, also written as `run.json` in the run folder. A task
 * failure does not throw: the result says which task failed and why. Only a pipeline that cannot
 * start (invalid spec, unknown or missing parameters, unsafe names) throws a LocalRunError.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '@kfp-ts/executor';
import type { ComponentSpec, JsonValue, PipelineSpec, RuntimeArtifact } from '@kfp-ts/schemas';
import { uriToPath } from './artifacts.js';
import { TaskCache } from './cache.js';
import { runDag } from './dag-runner.js';
import { executeFunctionComponent } from './executors/function-executor.js';
import { FunctionWorkers } from './executors/function-workers.js';
import { installConsoleCapture } from './executors/log-capture.js';
import { functionName } from './executors/select.js';
import { Semaphore, SharedExclusiveGate } from './limiter.js';
import { createRunDir } from './output-layout.js';
import type { EventInput, RunContext } from './run-context.js';
import { checkedSpec, LocalRunError, SpecModel } from './spec-model.js';
import type { ArtifactInput, ArtifactResult, RunEvent, RunOptions, RunResult, RunState } from './types.js';
import { InputError, withDefaults } from './values.js';

export const RUN_RESULT_FILE = 'run.json';

export async function runPipelineSpec(spec: PipelineSpec, options: RunOptions = {}): Promise<RunResult> {
  const checked = options.validate === false ? spec : checkedSpec(spec);
  const model = new SpecModel(checked);
  model.preflight();
  const rootInputs = pipelineInputs(checked.root, options);
  const parallelism = Math.max(1, options.parallelism ?? availableParallelism());
  const workers = functionWorkers(options, parallelism);
  const outputRoot = path.resolve(options.outputDir ?? 'local_outputs');
  const startedAt = new Date();
  const runDir = await createRunDir(outputRoot, options.pipelineName ?? model.pipelineName, startedAt);
  const jobName = path.basename(runDir);
  const toPath = (uri: string) => uriToPath(uri, options.uriPrefixes);
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const gate = new SharedExclusiveGate();
  const emit = (event: EventInput) => options.onEvent?.({ ...event, time: Date.now() } as RunEvent);
  const ctx: RunContext = {
    model,
    jobName,
    jobUuid: randomUUID(),
    createTime: startedAt.toISOString(),
    outputRoot,
    runDir,
    slots: new Semaphore(parallelism),
    cache: options.cache === false ? undefined : new TaskCache(outputRoot, toPath),
    select: {
      runner: options.runner ?? 'in-process',
      registry: options.registry ?? new Map(),
      mocks: options.mocks ?? {},
      hostImages: options.hostImages ?? [],
      ...(options.containerEngine ? { containerEngine: options.containerEngine } : {}),
      functionExecutor: options.functionExecutor ?? executeFunctionComponent,
      ...(workers ? { workers } : {}),
      gate,
      ...(options.assetsDir ? { assetsDir: path.resolve(options.assetsDir) } : {}),
      env: options.env ?? {},
      outputDir: outputRoot,
    },
    uriToPath: toPath,
    failFast: options.failurePolicy === 'fail-fast',
    streamLogs: options.streamLogs ?? false,
    retryBackoffScale: options.retryBackoffScale ?? 1,
    abort,
    results: new Map(),
    failedTasks: [],
    stopReason: undefined,
    emit,
  };
  // The abort flag is checked before each task starts; the controller stops running subprocesses.
  abort.signal.addEventListener('abort', () => (ctx.stopReason ??= 'the run was aborted'), { once: true });
  if (options.signal?.aborted) abort.abort();
  emit({ type: 'run-started', pipelineName: model.pipelineName, jobName, outputDir: runDir });
  if (workers && options.registry) workers.warm(options.registry.values(), functionTasks(model, options));
  const restoreConsole = installConsoleCapture();
  const started = performance.now();
  let outcome: Awaited<ReturnType<typeof runDag>>;
  try {
    outcome = await runDag(ctx, checked.root, rootInputs, []);
  } finally {
    await workers?.close();
    restoreConsole();
    options.signal?.removeEventListener('abort', onAbort);
  }
  const state: RunState = abort.signal.aborted
    ? 'CANCELLED'
    : outcome.state === 'SUCCEEDED'
      ? 'SUCCEEDED'
      : outcome.state === 'CANCELLED'
        ? 'CANCELLED'
        : 'FAILED';
  const result: RunResult = {
    state,
    pipelineName: model.pipelineName,
    jobName,
    outputDir: runDir,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - started,
    pipelineOutputs: pipelineOutputs(checked.root, outcome, toPath),
    tasks: Object.fromEntries(ctx.results),
    failedTasks: ctx.failedTasks,
  };
  const error = summarizeFailure(result, ctx.stopReason);
  if (error) result.error = error;
  await writeFileAtomic(path.join(runDir, RUN_RESULT_FILE), `${JSON.stringify(result, null, 2)}\n`);
  emit({ type: 'run-finished', result });
  return result;
}

/**
 * How many tasks run a TypeScript function component that is not mocked, counting a task inside
 * a loop as two (a loop runs it any number of times): how many workers are worth starting early.
 */
function functionTasks(model: SpecModel, options: RunOptions): number {
  const mocked = new Set(Object.keys(options.mocks ?? {}));
  let count = 0;
  const visit = (component: ComponentSpec, inLoop: boolean) => {
    for (const task of Object.values(component.dag?.tasks ?? {})) {
      const child = model.component(task.componentRef.name);
      const loop = inLoop || task.parameterIterator !== undefined || task.artifactIterator !== undefined;
      if (child.dag) {
        visit(child, loop);
        continue;
      }
      const container = child.executorLabel ? model.executor(child.executorLabel).container : undefined;
      const fn = container && functionName(container);
      if (fn !== undefined && !mocked.has(fn)) count += loop ? 2 : 1;
    }
  };
  visit(model.spec.root as ComponentSpec, false);
  return count;
}

/**
 * The worker threads of an in-process run, when it may use more than one: `workers` (`'auto'`:
 * the number of cores), capped by `parallelism`. A custom `functionExecutor` runs on the main
 * thread (a function cannot be sent to a worker).
 */
function functionWorkers(options: RunOptions, parallelism: number): FunctionWorkers | undefined {
  const wanted = options.workers === 'auto' ? availableParallelism() : (options.workers ?? 1);
  if (!(Number.isInteger(wanted) && wanted >= 0)) {
    throw new LocalRunError(`workers: expected a whole number or 'auto', got ${String(options.workers)}.`);
  }
  const size = Math.min(wanted, parallelism);
  if (size <= 1 || (options.runner ?? 'in-process') !== 'in-process' || options.functionExecutor)
    return undefined;
  return new FunctionWorkers(size, options.uriPrefixes ?? {}, options.keepWorkers === true);
}

/** Root inputs: given parameters over the IR's defaults; unknown or missing ones are refused up front. */
function pipelineInputs(root: ComponentSpec, options: RunOptions) {
  const declared = root.inputDefinitions ?? {};
  const given = options.parameters ?? {};
  const unknown = Object.keys(given).filter((k) => !(k in (declared.parameters ?? {})));
  if (unknown.length) {
    throw new LocalRunError(
      `unknown pipeline parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')}; ` +
        `the pipeline's parameters are: ${Object.keys(declared.parameters ?? {}).join(', ') || '(none)'}.`,
    );
  }
  let parameters: Record<string, JsonValue>;
  try {
    parameters = withDefaults(root, given, 'pipeline');
  } catch (error) {
    if (error instanceof InputError) throw new LocalRunError(error.message);
    throw error;
  }
  const artifacts: Record<string, RuntimeArtifact[]> = {};
  const givenArtifacts = options.artifacts ?? {};
  for (const name of Object.keys(givenArtifacts)) {
    if (!(name in (declared.artifacts ?? {})))
      throw new LocalRunError(`unknown pipeline input artifact '${name}'.`);
  }
  for (const [name, decl] of Object.entries(declared.artifacts ?? {})) {
    const value = givenArtifacts[name];
    if (value === undefined) {
      if (!decl.isOptional)
        throw new LocalRunError(
          `pipeline input artifact '${name}' was not given (pass artifacts: { ${name}: { path } }).`,
        );
      continue;
    }
    const list = Array.isArray(value) ? value : [value];
    artifacts[name] = list.map((a: ArtifactInput) => {
      const uri = a.uri ?? (a.path !== undefined ? path.resolve(a.path) : undefined);
      if (!uri) throw new LocalRunError(`pipeline input artifact '${name}' needs a path or a uri.`);
      const type = a.schemaTitle ? { schemaTitle: a.schemaTitle, schemaVersion: '0.0.1' } : decl.artifactType;
      return { name, type, uri, metadata: a.metadata ?? {} };
    });
  }
  return { parameters, artifacts };
}

function pipelineOutputs(
  root: ComponentSpec,
  outcome: { parameters: Record<string, JsonValue>; artifacts: Record<string, RuntimeArtifact[]> },
  toPath: (uri: string) => string,
): RunResult['pipelineOutputs'] {
  const artifacts: Record<string, ArtifactResult | ArtifactResult[]> = {};
  for (const [name, list] of Object.entries(outcome.artifacts)) {
    const results = list.map((a): ArtifactResult => {
      const uri = a.uri ?? '';
      const local = toPath(uri);
      return {
        name: a.name ?? name,
        schemaTitle: a.type?.schemaTitle ?? 'system.Artifact',
        uri,
        ...(path.isAbsolute(local) ? { path: local } : {}),
        metadata: (a.metadata ?? {}) as Record<string, JsonValue>,
      };
    });
    artifacts[name] = root.outputDefinitions?.artifacts?.[name]?.isArtifactList ? results : results[0]!;
  }
  return { parameters: outcome.parameters, artifacts };
}

/** "Task 'x' failed: why." plus what else failed and what did not run. */
export function summarizeFailure(result: RunResult, stopReason: string | undefined): string | undefined {
  if (result.state === 'SUCCEEDED') return undefined;
  const lines: string[] = [];
  const [first, ...others] = result.failedTasks;
  if (first !== undefined)
    lines.push(`Task '${first}' failed: ${result.tasks[first]?.error ?? 'unknown error'}`);
  for (const other of others)
    lines.push(`Task '${other}' failed too: ${result.tasks[other]?.error ?? 'unknown error'}`);
  if (!first && stopReason) lines.push(`The run stopped: ${stopReason}.`);
  const notRun = Object.values(result.tasks).filter(
    (t) => t.state === 'NOT_TRIGGERED' || t.state === 'CANCELLED',
  ).length;
  if (notRun) lines.push(`${notRun} task${notRun > 1 ? 's' : ''} did not run.`);
  return lines.join('\n');
}
