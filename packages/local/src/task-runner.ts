/**
 * Runs one leaf task (a container or importer component): inputs checked against its component,
 * the ExecutorInput built with paths under the task folder, the cache consulted, the executor
 * called with retries, and the declared outputs verified: a component that "succeeds" without
 * writing a declared output parameter fails here, with the output's name.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type {
  ComponentSpec,
  ExecutorInput,
  JsonValue,
  PipelineTaskSpec,
  RuntimeArtifact,
} from '@kfp-ts/schemas';
import { TaskLog } from './executors/log-capture.js';
import type { Selection } from './executors/select.js';
import { selectExecutor } from './executors/select.js';
import type { ExecutionOutputs, ExecutionRequest } from './executors/types.js';
import type { Outcome, ResolvedInputs } from './input-resolver.js';
import { EXECUTOR_INPUT_FILE, EXECUTOR_OUTPUT_FILE, LOG_FILE, safeJoin } from './output-layout.js';
import { backoffMs, sleep } from './retry.js';
import type { RunContext } from './run-context.js';
import type { TaskResult } from './types.js';
import { coerce, InputError, withDefaults } from './values.js';

export interface LeafTask {
  key: string;
  path: string;
  segments: readonly string[];
  spec: PipelineTaskSpec;
  component: ComponentSpec;
  inputs: ResolvedInputs;
  result: TaskResult;
  /** Values of the runtime placeholders for this task. */
  runtime: Readonly<Record<string, string>>;
  /** An exit task (or ignoreUpstreamFailure): still runs after fail-fast stopped the run. */
  runsAfterFailure: boolean;
}

export async function runLeafTask(ctx: RunContext, task: LeafTask): Promise<Outcome> {
  const { component, result } = task;
  const executorSpec = ctx.model.executor(component.executorLabel!);
  result.kind = executorSpec.importer ? 'importer' : 'container';
  const taskDir = safeJoin(ctx.runDir, task.segments, 'task path');
  result.taskDir = taskDir;
  const parameters = withDefaults(component, task.inputs.parameters, `task '${task.path}'`);
  const artifacts = declaredArtifacts(component, task.inputs.artifacts, task.path);
  const executorInput = buildExecutorInput(component, parameters, artifacts, taskDir);
  const selection = await selectExecutor(
    { ...ctx.select, warn: (message) => ctx.emit({ type: 'warning', path: task.path, message }) },
    task.key,
    task.path,
    component,
    executorSpec,
  );
  result.executor = selection.executor.kind;

  const caching = ctx.cache !== undefined && task.spec.cachingOptions?.enableCache === true;
  let cacheKey: string | undefined;
  if (caching) {
    const started = performance.now();
    cacheKey = await ctx.cache!.key({
      component: {
        inputDefinitions: component.inputDefinitions,
        outputDefinitions: component.outputDefinitions,
      },
      executor: executorSpec,
      code: selection.code,
      cacheKey: task.spec.cachingOptions?.cacheKey,
      parameters,
      artifacts,
    });
    const hit = await ctx.cache!.lookup(cacheKey);
    if (hit) {
      const durationMs = performance.now() - started;
      const outcome: Outcome = {
        state: 'CACHED',
        displayName: result.displayName,
        parameters: hit.outputParameters,
        artifacts: hit.outputArtifacts,
      };
      fillResult(ctx, result, outcome, component, durationMs);
      result.cachedFrom = hit.taskDir;
      result.taskDir = hit.taskDir;
      ctx.emit({ type: 'task-cached', path: task.path, durationMs, cachedFrom: hit.taskDir });
      return outcome;
    }
  }

  await mkdir(taskDir, { recursive: true });
  const release = await ctx.slots.acquire();
  try {
    return await attempts(ctx, task, selection, executorInput, parameters, taskDir, cacheKey);
  } finally {
    release();
  }
}

async function attempts(
  ctx: RunContext,
  task: LeafTask,
  selection: Selection,
  executorInput: ExecutorInput,
  parameters: Record<string, JsonValue>,
  taskDir: string,
  cacheKey: string | undefined,
): Promise<Outcome> {
  const { result, component } = task;
  const maxRetries = task.spec.retryPolicy?.maxRetryCount ?? 0;
  const log = new TaskLog(
    path.join(taskDir, LOG_FILE),
    ctx.streamLogs ? (line) => ctx.emit({ type: 'task-log', path: task.path, line }) : undefined,
  );
  const started = performance.now();
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
    // While waiting for a slot (or between retries) the run may have stopped: start nothing new.
    if (ctx.abort.signal.aborted || (ctx.stopReason && !task.runsAfterFailure)) break;
    result.attempts = attempt;
    ctx.emit({
      type: 'task-started',
      path: task.path,
      kind: result.kind,
      executor: selection.executor.kind,
      attempt,
    });
    if (attempt > 1) log.line(`--- attempt ${attempt} ---`);
    const request: ExecutionRequest = {
      taskPath: task.path,
      taskName: task.key,
      taskDir,
      runDir: ctx.runDir,
      pipelineJobName: ctx.jobName,
      executorInput,
      taskParameters: { ...task.inputs.parameters, ...parameters },
      container: ctx.model.executor(component.executorLabel!).container,
      log,
      signal: ctx.abort.signal,
      attempt,
      runtime: task.runtime,
      uriToPath: ctx.uriToPath,
      warn: (message) => ctx.emit({ type: 'warning', path: task.path, message }),
    };
    try {
      const produced = checkOutputs(component, await selection.executor.execute(request), executorInput);
      await log.flush();
      const outcome: Outcome = { state: 'SUCCEEDED', displayName: result.displayName, ...produced };
      const durationMs = performance.now() - started;
      if (cacheKey) {
        await ctx.cache!.store({
          key: cacheKey,
          jobName: ctx.jobName,
          taskPath: task.path,
          taskDir,
          outputParameters: produced.parameters,
          outputArtifacts: produced.artifacts,
        });
      }
      fillResult(ctx, result, outcome, component, durationMs);
      ctx.emit({
        type: 'task-succeeded',
        path: task.path,
        kind: result.kind,
        durationMs,
        outputParameters: result.outputParameters,
        metrics: result.metrics,
      });
      return outcome;
    } catch (error) {
      lastError = error;
      log.line(`kfp-ts: attempt ${attempt} failed: ${message(error)}`);
      await log.flush().catch(() => {});
      if (attempt <= maxRetries && !ctx.abort.signal.aborted) {
        const delayMs = backoffMs(task.spec.retryPolicy, attempt, ctx.retryBackoffScale);
        ctx.emit({ type: 'task-retrying', path: task.path, attempt, error: message(error), delayMs });
        await sleep(delayMs, ctx.abort.signal);
      }
    }
  }
  if (lastError === undefined) {
    return {
      state: 'CANCELLED',
      displayName: result.displayName,
      parameters: {},
      artifacts: {},
      error: ctx.stopReason ?? 'the run was aborted',
    };
  }
  const error = message(lastError);
  // Kept for failed tasks only (one write less per task on the fast path): with it, the failing
  // attempt can be replayed by hand, e.g. `node bundle.cjs --executor_input "$(cat executor_input.json)" ...`.
  await writeFile(path.join(taskDir, EXECUTOR_INPUT_FILE), JSON.stringify(executorInput, null, 2)).catch(
    () => {},
  );
  result.durationMs = performance.now() - started;
  result.error = error;
  result.logTail = log.tail().filter((l) => !l.startsWith('kfp-ts: attempt '));
  return { state: 'FAILED', displayName: result.displayName, parameters: {}, artifacts: {}, error };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Declared input artifacts only; a required one that is missing names its input. */
function declaredArtifacts(
  component: ComponentSpec,
  given: Readonly<Record<string, RuntimeArtifact[]>>,
  where: string,
): Record<string, RuntimeArtifact[]> {
  const result: Record<string, RuntimeArtifact[]> = {};
  for (const [name, decl] of Object.entries(component.inputDefinitions?.artifacts ?? {})) {
    const list = given[name];
    if (list?.length || (list && decl.isArtifactList)) {
      result[name] = list.map((a) => ({ ...a, type: a.type ?? decl.artifactType }));
    } else if (decl.isArtifactList) {
      result[name] = [];
    } else if (!decl.isOptional) {
      throw new InputError(
        `task '${where}': input artifact '${name}' has no value (its producer did not produce it).`,
      );
    }
  }
  return result;
}

/** The ExecutorInput a remote run would get, with outputs under the task folder (kfp.local's layout). */
export function buildExecutorInput(
  component: ComponentSpec,
  parameters: Record<string, JsonValue>,
  artifacts: Record<string, RuntimeArtifact[]>,
  taskDir: string,
): ExecutorInput {
  const outputs = component.outputDefinitions ?? {};
  const outputParameters: Record<string, { outputFile: string }> = {};
  for (const name of Object.keys(outputs.parameters ?? {})) {
    outputParameters[name] = { outputFile: safeJoin(taskDir, [name], 'output parameter') };
  }
  const outputArtifacts: Record<string, { artifacts: RuntimeArtifact[] }> = {};
  for (const [name, decl] of Object.entries(outputs.artifacts ?? {})) {
    const uri = safeJoin(taskDir, [name], 'output artifact');
    outputArtifacts[name] = { artifacts: [{ name, type: decl.artifactType, uri, metadata: {} }] };
  }
  const input: ExecutorInput = {
    inputs: {
      parameterValues: parameters,
      artifacts: Object.fromEntries(Object.entries(artifacts).map(([k, list]) => [k, { artifacts: list }])),
    },
    outputs: {
      parameters: outputParameters,
      artifacts: outputArtifacts,
      outputFile: path.join(taskDir, EXECUTOR_OUTPUT_FILE),
    },
  };
  return input;
}

/** Every declared output parameter must be there, of its type; undeclared ones are refused. */
function checkOutputs(
  component: ComponentSpec,
  produced: ExecutionOutputs,
  input: ExecutorInput,
): ExecutionOutputs {
  const declared = component.outputDefinitions?.parameters ?? {};
  const parameters: Record<string, JsonValue> = {};
  for (const [name, decl] of Object.entries(declared)) {
    const value = produced.parameters[name];
    if (value === undefined || value === null) {
      throw new Error(`the component finished without writing its declared output parameter '${name}'.`);
    }
    parameters[name] = coerce(value, decl.parameterType, `output parameter '${name}'`);
  }
  for (const name of Object.keys(produced.parameters)) {
    if (!(name in declared))
      throw new Error(`the component returned '${name}', which is not a declared output parameter.`);
  }
  const artifacts: Record<string, RuntimeArtifact[]> = {};
  for (const [name, decl] of Object.entries(component.outputDefinitions?.artifacts ?? {})) {
    const list = produced.artifacts[name] ?? input.outputs?.artifacts?.[name]?.artifacts ?? [];
    artifacts[name] = list.map((a) => ({
      ...a,
      name: a.name || name,
      type: a.type ?? decl.artifactType,
      metadata: a.metadata ?? {},
    }));
  }
  return { parameters, artifacts };
}

/** Fills a task's result from its outcome: parameters, artifact paths, metrics (non-empty metadata). */
export function fillResult(
  ctx: RunContext,
  result: TaskResult,
  outcome: Outcome,
  component: ComponentSpec,
  durationMs: number,
): void {
  result.state = outcome.state;
  result.durationMs = durationMs;
  result.outputParameters = outcome.parameters;
  const lists = component.outputDefinitions?.artifacts ?? {};
  for (const [name, list] of Object.entries(outcome.artifacts)) {
    const paths = list.map((a) => ctx.uriToPath(a.uri ?? ''));
    result.artifacts[name] = lists[name]?.isArtifactList ? paths : (paths[0] ?? '');
    if (!lists[name]?.isArtifactList) {
      const metadata = list[0]?.metadata;
      if (metadata && Object.keys(metadata).length) result.metrics[name] = metadata;
    }
  }
}
