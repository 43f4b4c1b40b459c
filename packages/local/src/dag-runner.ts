/**
 * Walks a DAG (the root, a condition, an exit handler, a nested pipeline, one loop iteration): each
 * task starts once every sibling it depends on has finished, and then
 * - is NOT_TRIGGERED if one of them failed, unless its strategy is ALL_UPSTREAM_TASKS_COMPLETED
 *   (exit handlers, `ignoreUpstreamFailure()`), which runs it whatever happened upstream;
 * - resolves its inputs and evaluates its CEL condition (false: SKIPPED; an error: FAILED);
 * - runs as a loop (iterations.ts), a nested DAG, or a leaf (task-runner.ts).
 * A condition that is false is not a failure: downstream tasks still run (the compiler only lets
 * them see a skipped branch's values through oneOf).
 */
import { randomUUID } from 'node:crypto';
import * as nodePath from 'node:path';
import type { ComponentSpec, JsonValue, PipelineTaskSpec, RuntimeArtifact } from '@kfp-ts/schemas';
import { evaluateCondition } from './cel-condition.js';
import type { DagScope, Outcome, ResolvedInputs } from './input-resolver.js';
import { resolveTaskInputs } from './input-resolver.js';
import { runLoop } from './iterators.js';
import { runtimeValues } from './placeholders.js';
import type { RunContext } from './run-context.js';
import { upstreamOf } from './spec-model.js';
import { fillResult, runLeafTask } from './task-runner.js';
import type { TaskKind, TaskResult, TaskState } from './types.js';
import { withDefaults } from './values.js';

export interface DagOutcome {
  state: TaskState;
  parameters: Record<string, JsonValue>;
  artifacts: Record<string, RuntimeArtifact[]>;
  error?: string;
}

const FAILED_UPSTREAM: ReadonlySet<TaskState> = new Set(['FAILED', 'NOT_TRIGGERED', 'CANCELLED']);

/** Runs the DAG of `component` with the given inputs; `segments` locate it in the run folder. */
export async function runDag(
  ctx: RunContext,
  component: ComponentSpec,
  inputs: ResolvedInputs,
  segments: readonly string[],
): Promise<DagOutcome> {
  const tasks = (component.dag?.tasks ?? {}) as Record<string, PipelineTaskSpec>;
  const outcomes = new Map<string, Outcome>();
  const scope: DagScope = { parameters: inputs.parameters, artifacts: inputs.artifacts, outcomes };
  const keys = Object.keys(tasks);
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const key of keys) {
    const upstream = [...upstreamOf(tasks[key]!)].filter((u) => u in tasks);
    waitingOn.set(key, upstream.length);
    for (const u of upstream) dependents.set(u, [...(dependents.get(u) ?? []), key]);
    queue(ctx, key, tasks[key]!, segments);
  }
  await new Promise<void>((resolve) => {
    let running = 0;
    let finished = 0;
    const start = (key: string) => {
      running++;
      void runTask(ctx, key, tasks[key]!, scope, segments).then((outcome) => {
        outcomes.set(key, outcome);
        running--;
        finished++;
        for (const d of dependents.get(key) ?? []) {
          const left = waitingOn.get(d)! - 1;
          waitingOn.set(d, left);
          if (left === 0) start(d);
        }
        if (finished === keys.length) resolve();
        else if (running === 0) {
          // Nothing runs and tasks remain: they wait on each other (the schema check refuses
          // cycles; a hand-built spec may still have one).
          for (const key of keys) {
            if (outcomes.has(key)) continue;
            outcomes.set(key, fail(ctx, key, tasks[key]!, segments, 'it is part of a dependency cycle.'));
          }
          resolve();
        }
      });
    };
    if (keys.length === 0) resolve();
    const roots = keys.filter((k) => waitingOn.get(k) === 0);
    if (keys.length && roots.length === 0) {
      for (const key of keys)
        outcomes.set(key, fail(ctx, key, tasks[key]!, segments, 'it is part of a dependency cycle.'));
      resolve();
    }
    for (const key of roots) start(key);
  });
  return dagOutcome(component, outcomes);
}

function pathOf(segments: readonly string[], key: string): string {
  return [...segments, key].join('/');
}

function kindOf(ctx: RunContext, task: PipelineTaskSpec): TaskKind {
  if (task.parameterIterator || task.artifactIterator) return 'loop';
  const component = ctx.model.component(task.componentRef.name);
  if (component.dag) return 'dag';
  return ctx.model.executor(component.executorLabel!).importer ? 'importer' : 'container';
}

function queue(ctx: RunContext, key: string, task: PipelineTaskSpec, segments: readonly string[]): void {
  const path = pathOf(segments, key);
  const kind = kindOf(ctx, task);
  const result: TaskResult = {
    name: key,
    displayName: task.taskInfo.name,
    kind,
    state: 'CANCELLED',
    durationMs: 0,
    attempts: 0,
    outputParameters: {},
    artifacts: {},
    metrics: {},
  };
  ctx.results.set(path, result);
  ctx.emit({ type: 'task-queued', path, name: key, displayName: task.taskInfo.name, kind });
}

function notRun(
  ctx: RunContext,
  key: string,
  task: PipelineTaskSpec,
  segments: readonly string[],
  state: 'SKIPPED' | 'NOT_TRIGGERED' | 'CANCELLED',
  reason: string,
): Outcome {
  const path = pathOf(segments, key);
  const result = ctx.results.get(path)!;
  result.state = state;
  result.reason = reason;
  ctx.emit({ type: 'task-skipped', path, state, reason });
  return { state, displayName: task.taskInfo.name, parameters: {}, artifacts: {}, error: reason };
}

function fail(
  ctx: RunContext,
  key: string,
  task: PipelineTaskSpec,
  segments: readonly string[],
  error: string,
  durationMs = 0,
): Outcome {
  const path = pathOf(segments, key);
  const result = ctx.results.get(path)!;
  result.state = 'FAILED';
  result.error ??= error;
  result.durationMs = durationMs;
  ctx.failedTasks.push(path);
  if (ctx.failFast) ctx.stopReason ??= `fail-fast: task '${path}' failed`;
  ctx.emit({
    type: 'task-failed',
    path,
    kind: result.kind,
    durationMs,
    error: result.error,
    logTail: result.logTail ?? [],
  });
  return {
    state: 'FAILED',
    displayName: task.taskInfo.name,
    parameters: {},
    artifacts: {},
    error: `${path}: ${result.error}`,
  };
}

async function runTask(
  ctx: RunContext,
  key: string,
  task: PipelineTaskSpec,
  scope: DagScope,
  segments: readonly string[],
): Promise<Outcome> {
  const path = pathOf(segments, key);
  const strategy = task.triggerPolicy?.strategy;
  // Exit handlers and ignoreUpstreamFailure tasks are for cleanup and reporting: fail-fast still
  // runs them (an abort does not).
  const runsAfterFailure = strategy === 'ALL_UPSTREAM_TASKS_COMPLETED';
  if (ctx.stopReason && !(runsAfterFailure && !ctx.abort.signal.aborted)) {
    return notRun(ctx, key, task, segments, 'CANCELLED', ctx.stopReason);
  }
  if (!runsAfterFailure) {
    for (const upstream of upstreamOf(task)) {
      const state = scope.outcomes.get(upstream)?.state;
      if (state && FAILED_UPSTREAM.has(state)) {
        const why = state === 'FAILED' ? 'failed' : state === 'CANCELLED' ? 'was cancelled' : 'did not run';
        return notRun(ctx, key, task, segments, 'NOT_TRIGGERED', `upstream task '${upstream}' ${why}.`);
      }
    }
  }
  const started = performance.now();
  try {
    const runtime = runtimeValues({
      jobName: ctx.jobName,
      jobUuid: ctx.jobUuid,
      taskName: key,
      taskUuid: randomUUID(),
      pipelineRoot: ctx.outputRoot,
      createTime: ctx.createTime,
      workspacePath: nodePath.join(ctx.runDir, '.workspace'),
    });
    const inputs = resolveTaskInputs(task, scope, runtime);
    const condition = task.triggerPolicy?.condition;
    if (condition && !evaluateCondition(condition, inputs.parameters)) {
      return notRun(ctx, key, task, segments, 'SKIPPED', `condition is false: ${condition}`);
    }
    const component = ctx.model.component(task.componentRef.name);
    const result = ctx.results.get(path)!;
    let outcome: Outcome;
    if (task.parameterIterator || task.artifactIterator) {
      ctx.emit({ type: 'task-started', path, kind: 'loop', attempt: 1 });
      result.attempts = 1;
      outcome = {
        ...(await runLoop(ctx, task, component, inputs, [...segments, key])),
        displayName: task.taskInfo.name,
      };
    } else if (component.dag) {
      ctx.emit({ type: 'task-started', path, kind: 'dag', attempt: 1 });
      result.attempts = 1;
      const dagInputs = {
        parameters: withDefaults(component, inputs.parameters, `task '${path}'`, true),
        artifacts: inputs.artifacts,
      };
      outcome = {
        ...(await runDag(ctx, component, dagInputs, [...segments, key])),
        displayName: task.taskInfo.name,
      };
    } else {
      outcome = await runLeafTask(ctx, {
        key,
        path,
        segments: [...segments, key],
        spec: task,
        component,
        inputs,
        result,
        runtime,
        runsAfterFailure,
      });
      if (outcome.state === 'FAILED')
        return fail(ctx, key, task, segments, outcome.error ?? 'failed', result.durationMs);
      if (outcome.state === 'CANCELLED')
        return notRun(ctx, key, task, segments, 'CANCELLED', outcome.error ?? 'cancelled');
      return outcome;
    }
    // A DAG or loop: its state summarizes its children's.
    const durationMs = performance.now() - started;
    if (outcome.state === 'FAILED') {
      result.error = outcome.error;
      result.durationMs = durationMs;
      result.state = 'FAILED';
      ctx.emit({
        type: 'task-failed',
        path,
        kind: result.kind,
        durationMs,
        error: outcome.error ?? 'failed',
        logTail: [],
      });
      return outcome;
    }
    if (outcome.state === 'CANCELLED')
      return notRun(ctx, key, task, segments, 'CANCELLED', outcome.error ?? 'cancelled');
    fillResult(ctx, result, outcome, component, durationMs);
    ctx.emit({
      type: 'task-succeeded',
      path,
      kind: result.kind,
      durationMs,
      outputParameters: outcome.parameters,
      metrics: result.metrics,
    });
    return outcome;
  } catch (error) {
    return fail(
      ctx,
      key,
      task,
      segments,
      error instanceof Error ? error.message : String(error),
      performance.now() - started,
    );
  }
}

/** The DAG's state and outputs: `valueFromParameter`, `valueFromOneof` (the branch that ran), artifact selectors. */
function dagOutcome(component: ComponentSpec, outcomes: ReadonlyMap<string, Outcome>): DagOutcome {
  const states = [...outcomes.values()];
  const failed = states.find((o) => o.state === 'FAILED');
  const cancelled = states.find((o) => o.state === 'CANCELLED');
  const state: TaskState = failed ? 'FAILED' : cancelled ? 'CANCELLED' : 'SUCCEEDED';
  const produced = (key: string) => {
    const o = outcomes.get(key);
    return o && (o.state === 'SUCCEEDED' || o.state === 'CACHED') ? o : undefined;
  };
  const parameters: Record<string, JsonValue> = {};
  for (const [name, spec] of Object.entries(component.dag?.outputs?.parameters ?? {})) {
    const selectors = spec.valueFromParameter
      ? [spec.valueFromParameter]
      : (spec.valueFromOneof?.parameterSelectors ?? []);
    for (const s of selectors) {
      const value = produced(s.producerSubtask)?.parameters[s.outputParameterKey];
      if (value !== undefined) {
        parameters[name] = value;
        break;
      }
    }
  }
  const artifacts: Record<string, RuntimeArtifact[]> = {};
  for (const [name, spec] of Object.entries(component.dag?.outputs?.artifacts ?? {})) {
    for (const s of spec.artifactSelectors) {
      const list = produced(s.producerSubtask)?.artifacts[s.outputArtifactKey];
      if (list) {
        artifacts[name] = list;
        break;
      }
    }
  }
  const error = failed?.error ?? cancelled?.error;
  return { state, parameters, artifacts, ...(error ? { error } : {}) };
}
