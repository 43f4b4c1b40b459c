import { BRAND } from './brand.js';
import { requireContext } from './build-context.js';
import type { ComponentDefinition } from './component-definition.js';
import type { SingleOutput, TaskOutputs } from './io-types.js';
import { sanitizeName } from './names.js';
import { makeArtifactRef, makeParamRef } from './refs.js';
import type { IOSpecs } from './specs.js';
import { isParamSpec } from './specs.js';
import { checkArguments } from './task-arguments.js';
import type { TaskSettings } from './task-settings.js';
import { checkSettings } from './task-settings.js';
import type { TasksGroup } from './tasks-group.js';

/**
 * One task of a pipeline: a component called with arguments inside a pipeline body. Its
 * `outputs` are references for wiring into later tasks; `set`, `after` and
 * `ignoreUpstreamFailure` adjust how it runs.
 */
export class PipelineTask<O extends IOSpecs = IOSpecs> {
  readonly [BRAND] = 'task' as const;
  /** The task's key in its pipeline (unique across the pipeline body, e.g. `train-2`). */
  readonly name: string;
  readonly outputs: TaskOutputs<O>;
  readonly dependencies: Array<PipelineTask<any> | TasksGroup> = [];
  settings: TaskSettings = {};
  /** Run once its upstream tasks completed, whether or not they succeeded. */
  ignoresUpstreamFailure = false;
  /** Set by `exitHandler()`: the task runs when the guarded group finishes. */
  isExitTask = false;
  parent: TasksGroup;

  constructor(
    readonly component: ComponentDefinition<any, O>,
    readonly args: Readonly<Record<string, unknown>>,
    parent: TasksGroup,
    name: string,
  ) {
    this.parent = parent;
    this.name = name;
    const outputs: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(component.outputs)) {
      const source = { type: 'task-output', task: this, output: key } as const;
      outputs[key] = isParamSpec(spec)
        ? makeParamRef(spec.kind, source, spec)
        : makeArtifactRef(spec.type, spec.isList, source);
    }
    this.outputs = Object.freeze(outputs) as TaskOutputs<O>;
  }

  /** The only output of a single-output component (KFP's `task.output`). */
  get output(): SingleOutput<O> {
    const keys = Object.keys(this.outputs);
    if (keys.length !== 1) {
      throw new TypeError(
        `${this.path}: task.output needs exactly one output; ${this.component.name} has ` +
          `${keys.length === 0 ? 'none' : keys.map((k) => `'${k}'`).join(', ')}. Use task.outputs.<name>.`,
      );
    }
    return (this.outputs as Record<string, unknown>)[keys[0]!] as SingleOutput<O>;
  }

  /** `churn/for-loop-2/train`: where the task sits, for error messages. */
  get path(): string {
    return `${this.parent.path}/${this.name}`;
  }

  /** Display name, caching, retries, resources, accelerator, env and image (merged into earlier settings). */
  set(settings: TaskSettings): this {
    checkSettings(settings, this.path);
    const env = settings.env ? { ...this.settings.env, ...settings.env } : this.settings.env;
    this.settings = { ...this.settings, ...settings, ...(env ? { env } : {}) };
    return this;
  }

  /** Runs after the given tasks (or groups) even without a data dependency. */
  after(...upstream: Array<PipelineTask<any> | TasksGroup>): this {
    this.dependencies.push(...upstream);
    return this;
  }

  /** Runs when all upstream tasks completed, even if some failed (KFP's `ignore_upstream_failure`). */
  ignoreUpstreamFailure(): this {
    this.ignoresUpstreamFailure = true;
    return this;
  }
}

export function isPipelineTask(value: unknown): value is PipelineTask {
  return typeof value === 'object' && value !== null && (value as any)[BRAND] === 'task';
}

/** Adds a task calling `component` to the pipeline body being built. */
export function createTask<O extends IOSpecs>(
  component: ComponentDefinition<any, O>,
  args: Record<string, unknown> | undefined,
): PipelineTask<O> {
  const context = requireContext(`Component '${component.name}'`);
  const parent = context.currentGroup;
  const name = context.claimTaskName(sanitizeName(component.name));
  const cleanArgs = checkArguments(component, args ?? {}, parent, `${parent.path}/${name}`);
  const task = new PipelineTask(component, cleanArgs, parent, name);
  parent.add(task);
  context.tasks.push(task);
  context.mutations++;
  return task;
}
