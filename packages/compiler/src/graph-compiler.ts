import type { IOSpecs, JsonValue, PipelineGraph, PipelineTask, TasksGroup } from '@kfp-ts/dsl';
import { isParamSpec, NameAllocator, PipelineDefinitionError, sanitizeName } from '@kfp-ts/dsl';
import type { ComponentSpec, ExecutorSpec, PipelineTaskSpec } from '@kfp-ts/schemas';
import { conditionsToCel } from './cel.js';
import type { Channel } from './channels.js';
import { ChannelTable, inputNameOf } from './channels.js';
import { checkNoCycles } from './cycles.js';
import type { GroupOutput } from './dag-wiring.js';
import { DagWiring } from './dag-wiring.js';
import { channelDefinitions, inputDefinitions, outputDefinitions } from './definitions.js';
import type { ExecutorContext } from './executor-spec.js';
import { executorSpec } from './executor-spec.js';
import { mergeSubPipeline } from './merge.js';
import { artifactInput, parameterInput, TaskInputsBuilder } from './task-inputs.js';
import { taskSettings } from './task-settings.js';
import { pythonJsonDumps } from './values.js';

/** A pipeline compiled on its own: its root component plus the components and executors it uses. */
export interface CompiledGraph {
  readonly root: ComponentSpec;
  readonly components: Record<string, ComponentSpec>;
  readonly executors: Record<string, ExecutorSpec>;
}

export interface GraphCompileContext extends ExecutorContext {
  readonly cachingDefault: boolean;
  /** Compiles a nested pipeline (memoised by the caller if wanted). */
  readonly compileNested: (task: PipelineTask<any>) => CompiledGraph;
}

type Node = PipelineTask<any> | TasksGroup;

/**
 * Compiles one pipeline body: wires every value through the group DAGs (KFP's channel
 * plumbing), then writes one component per task and group and one executor per task.
 */
export function compileGraph(
  graph: PipelineGraph,
  inputs: IOSpecs,
  outputs: IOSpecs,
  context: GraphCompileContext,
  defaults: Readonly<Record<string, JsonValue>> = {},
): CompiledGraph {
  return new GraphCompiler(graph, inputs, outputs, context).compile(defaults);
}

class GraphCompiler {
  readonly #wiring: DagWiring;
  readonly #channels: ChannelTable;
  readonly #taskInputs = new Map<PipelineTask<any>, TaskInputsBuilder>();
  readonly #taskSettings = new Map<PipelineTask<any>, ReturnType<typeof taskSettings>>();
  readonly #groupConditions = new Map<TasksGroup, string>();
  readonly #components: Record<string, ComponentSpec> = {};
  readonly #executors: Record<string, ExecutorSpec> = {};
  readonly #reserved = new Set<string>();
  readonly #componentNames = new NameAllocator((k) => k in this.#components || this.#reserved.has(k));
  readonly #executorNames = new NameAllocator((k) => k in this.#executors);

  constructor(
    private readonly graph: PipelineGraph,
    private readonly inputs: IOSpecs,
    private readonly outputs: IOSpecs,
    private readonly context: GraphCompileContext,
  ) {
    this.#wiring = new DagWiring(graph.root);
    this.#channels = new ChannelTable((channel) => this.#surface(channel));
  }

  compile(defaults: Readonly<Record<string, JsonValue>>): CompiledGraph {
    this.#wireGroup(this.graph.root);
    const dagOutputs = this.#pipelineOutputs();
    checkNoCycles(this.#wiring.dependencies);
    const root = this.#groupComponent(this.graph.root);
    const rootInputs = inputDefinitions(this.inputs, defaults, this.graph.root.path);
    const rootOutputs = outputDefinitions(this.outputs);
    const dag = root.dag as Record<string, unknown>;
    if (dagOutputs) dag.outputs = dagOutputs;
    const rootSpec: ComponentSpec = {
      dag: root.dag!,
      ...(rootInputs ? { inputDefinitions: rootInputs } : {}),
      ...(rootOutputs ? { outputDefinitions: rootOutputs } : {}),
    };
    return { root: rootSpec, components: this.#components, executors: this.#executors };
  }

  // Phase 1: wire every value (inputs punched through groups, outputs surfaced, dependencies).

  #wireGroup(group: TasksGroup): void {
    if (group.kind === 'condition') {
      for (const condition of group.conditions) {
        for (const operand of [condition.left, condition.right]) {
          if (typeof operand === 'object' && operand !== null)
            this.#wiring.requireInput(group, this.#channels.of(operand));
        }
      }
      this.#groupConditions.set(
        group,
        conditionsToCel(group.conditions, (ref) => inputNameOf(this.#channels.of(ref as never)), group.path),
      );
    }
    if (group.kind === 'for-loop') {
      const list = this.#channels.listOf(group);
      if (list) this.#wiring.requireInput(group, list);
      this.#wiring.requireInput(group, this.#channels.loopItem(group));
    }
    for (const upstream of group.dependencies) this.#wiring.addAfter(group, upstream, group.path);
    for (const child of group.children) {
      if ('kind' in child) this.#wireGroup(child);
      else this.#wireTask(child);
    }
  }

  #wireTask(task: PipelineTask<any>): void {
    // As in KFP, a task counts as using the values its enclosing conditions test, so every
    // group between those conditions and the task receives them.
    for (const group of task.parent.ancestry) {
      if (group.kind !== 'condition') continue;
      for (const condition of group.conditions) {
        for (const operand of [condition.left, condition.right]) {
          if (typeof operand === 'object' && operand !== null)
            this.#wiring.requireInput(task.parent, this.#channels.of(operand));
        }
      }
    }
    const builder = new TaskInputsBuilder(task, task.parent, this.#channels, this.#wiring, task.path);
    for (const [name, value] of Object.entries(task.args)) builder.add(name, value);
    this.#taskSettings.set(task, taskSettings(task, builder));
    for (const upstream of task.dependencies) this.#wiring.addAfter(task, upstream, task.path);
    const finalStatusInputs = Object.entries(task.component.inputs)
      .filter(([, spec]) => isParamSpec(spec) && spec.kind === 'TASK_FINAL_STATUS')
      .map(([name]) => name);
    if (task.isExitTask) {
      const handler = task.parent.children.find((c) => 'kind' in c && c.exitTask === task) as TasksGroup;
      this.#wiring.addDependency(task, handler);
      for (const name of finalStatusInputs) builder.finalStatus(name, handler);
    } else if (finalStatusInputs.length) {
      const upstream = [...(this.#wiring.dependencies.get(task) ?? [])];
      if (!task.ignoresUpstreamFailure || upstream.length !== 1) {
        throw new PipelineDefinitionError(
          `input '${finalStatusInputs[0]}' is a task final status, which only an exit task or a task that ignores upstream failure of exactly one upstream task receives.`,
          {
            where: task.path,
            fix: 'Use the task in exitHandler(task, ...) or call .ignoreUpstreamFailure() with one .after() task.',
          },
        );
      }
      for (const name of finalStatusInputs) builder.finalStatus(name, upstream[0]!);
    }
    this.#taskInputs.set(task, builder);
  }

  /** A fan-in or oneOf value appeared: the groups it leaves expose it as DAG outputs. */
  #surface(channel: Channel): void {
    if (channel.origin.kind !== 'output') return;
    const group = channel.origin.node as TasksGroup;
    const inner = channel.inner ?? [];
    if (group.kind === 'for-loop') {
      const selectors = [this.#wiring.selectorInside(group, inner[0]!)];
      this.#wiring.declareOutput(group, channel.origin.key, { type: channel.type, selectors, oneOf: false });
      return;
    }
    const selectors = inner.map((value) => {
      const branch = branchContaining(group, value);
      const key = inputNameOf(value);
      const selector = this.#wiring.selectorInside(branch, value);
      this.#wiring.declareOutput(branch, key, { type: value.type, selectors: [selector], oneOf: false });
      return { producerSubtask: branch.name, key };
    });
    this.#wiring.declareOutput(group, channel.origin.key, { type: channel.type, selectors, oneOf: true });
  }

  #pipelineOutputs(): Record<string, unknown> | undefined {
    const parameters: Record<string, unknown> = {};
    const artifacts: Record<string, unknown> = {};
    for (const [name, ref] of Object.entries(this.graph.outputs)) {
      const channel = this.#channels.of(ref);
      if (channel.origin.kind !== 'output') {
        throw new PipelineDefinitionError(
          `pipeline output '${name}' returns a pipeline input or loop item.`,
          {
            where: this.graph.root.path,
            fix: 'Return outputs of tasks.',
          },
        );
      }
      const selector = this.#wiring.selectorInside(this.graph.root, channel);
      Object.assign(channel.type.artifact ? artifacts : parameters, {
        [name]: dagOutput({ type: channel.type, selectors: [selector], oneOf: false }),
      });
    }
    const out: Record<string, unknown> = {};
    if (Object.keys(parameters).length) out.parameters = parameters;
    if (Object.keys(artifacts).length) out.artifacts = artifacts;
    return Object.keys(out).length ? out : undefined;
  }

  // Phase 2: components, executors and task specs, in KFP's order (groups depth first, a
  // group's subgroups before its tasks, exit tasks last) so that name suffixes agree.

  #groupComponent(group: TasksGroup): ComponentSpec {
    const tasks: Record<string, PipelineTaskSpec> = {};
    const children = group.children;
    const ordered = [
      ...children.filter((c) => 'kind' in c),
      ...children.filter((c) => !('kind' in c)),
    ] as Node[];
    const exitTasks: PipelineTask<any>[] = [];
    for (const child of ordered) {
      if ('kind' in child) {
        tasks[child.name] = this.#groupTask(child);
      } else if (child.isExitTask) {
        exitTasks.push(child);
      } else {
        tasks[child.name] = this.#task(child);
      }
    }
    for (const task of exitTasks) tasks[task.name] = this.#task(task);
    const dag: Record<string, unknown> = { tasks };
    const outputs = this.#wiring.groupOutputs.get(group);
    if (outputs && group !== this.graph.root) {
      const parameters: Record<string, unknown> = {};
      const artifacts: Record<string, unknown> = {};
      for (const [key, output] of outputs)
        (output.type.artifact ? artifacts : parameters)[key] = dagOutput(output);
      dag.outputs = {
        ...(Object.keys(parameters).length ? { parameters } : {}),
        ...(Object.keys(artifacts).length ? { artifacts } : {}),
      };
    }
    const spec: Record<string, unknown> = { dag };
    if (group !== this.graph.root) {
      const inputDefs = channelDefinitions(this.#wiring.groupInputs.get(group) ?? []);
      const outputDefs = channelDefinitions([...(outputs ?? [])].map(([k, o]) => [k, o.type]));
      if (inputDefs) spec.inputDefinitions = inputDefs;
      if (outputDefs) spec.outputDefinitions = outputDefs;
    }
    return spec as ComponentSpec;
  }

  #groupTask(group: TasksGroup): PipelineTaskSpec {
    const component = this.#groupComponent(group);
    const key = this.#componentNames.claim(`comp-${sanitizeName(group.name)}`);
    this.#components[key] = component;
    const spec: Record<string, unknown> = {
      taskInfo: { name: group.displayName ?? group.name },
      componentRef: { name: key },
    };
    const wires = this.#wiring.groupTaskInputs.get(group);
    if (wires?.size) {
      const types = this.#wiring.groupInputs.get(group)!;
      const parameters: Record<string, unknown> = {};
      const artifacts: Record<string, unknown> = {};
      for (const [name, wire] of wires) {
        if (types.get(name)!.artifact) artifacts[name] = artifactInput(wire);
        else parameters[name] = parameterInput(wire);
      }
      spec.inputs = {
        ...(Object.keys(parameters).length ? { parameters } : {}),
        ...(Object.keys(artifacts).length ? { artifacts } : {}),
      };
    }
    this.#dependencies(group, spec);
    const condition = this.#groupConditions.get(group);
    if (condition) spec.triggerPolicy = { condition };
    if (group.kind === 'for-loop') Object.assign(spec, this.#iterator(group));
    return spec as PipelineTaskSpec;
  }

  #iterator(loop: TasksGroup): Record<string, unknown> {
    const items = loop.loop!.items;
    const itemInput = inputNameOf(this.#channels.loopItem(loop));
    const out: Record<string, unknown> = {};
    if (items.type === 'raw') {
      out.parameterIterator = { items: { raw: pythonJsonDumps(items.values as JsonValue[]) }, itemInput };
    } else if (items.type === 'artifacts') {
      out.artifactIterator = {
        items: { inputArtifact: inputNameOf(this.#channels.listOf(loop)!) },
        itemInput,
      };
    } else {
      out.parameterIterator = {
        items: { inputParameter: inputNameOf(this.#channels.listOf(loop)!) },
        itemInput,
      };
    }
    if (loop.loop!.parallelism) out.iteratorPolicy = { parallelismLimit: loop.loop!.parallelism };
    return out;
  }

  #task(task: PipelineTask<any>): PipelineTaskSpec {
    const definition = task.component;
    const builder = this.#taskInputs.get(task)!;
    const settings = this.#taskSettings.get(task)!;
    let component: ComponentSpec;
    if (definition.kind === 'pipeline' || definition.kind === 'ir-pipeline') {
      component = mergeSubPipeline(this.context.compileNested(task), {
        components: this.#components,
        executors: this.#executors,
        componentNames: this.#componentNames,
        executorNames: this.#executorNames,
        reserved: this.#reserved,
      });
    } else {
      const executorLabel = this.#executorNames.claim(`exec-${sanitizeName(task.name)}`);
      this.#executors[executorLabel] = executorSpec(task, settings, this.context);
      const inputDefs = inputDefinitions(definition.inputs, {}, task.path);
      const outputDefs = outputDefinitions(definition.outputs);
      component = {
        executorLabel,
        ...(inputDefs ? { inputDefinitions: inputDefs } : {}),
        ...(outputDefs ? { outputDefinitions: outputDefs } : {}),
      } as ComponentSpec;
    }
    const key = this.#componentNames.claim(`comp-${sanitizeName(task.name)}`);
    this.#components[key] = component;
    const s = task.settings;
    const spec: Record<string, unknown> = {
      taskInfo: { name: s.displayName ?? task.name },
      componentRef: { name: key },
      cachingOptions:
        (s.caching ?? this.context.cachingDefault)
          ? { enableCache: true, ...(s.cacheKey ? { cacheKey: s.cacheKey } : {}) }
          : s.cacheKey
            ? { cacheKey: s.cacheKey }
            : {},
    };
    const inputs = builder.spec();
    if (inputs) spec.inputs = inputs;
    this.#dependencies(task, spec);
    if (task.isExitTask || task.ignoresUpstreamFailure)
      spec.triggerPolicy = { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' };
    if (s.retry) {
      spec.retryPolicy = {
        maxRetryCount: s.retry.maxRetries,
        backoffDuration: `${seconds(s.retry.backoffDuration, 0)}s`,
        backoffFactor: s.retry.backoffFactor || 2,
        backoffMaxDuration: `${seconds(s.retry.backoffMaxDuration, 3600)}s`,
      };
    }
    return spec as PipelineTaskSpec;
  }

  #dependencies(node: Node, spec: Record<string, unknown>): void {
    const upstream = this.#wiring.dependencies.get(node);
    if (upstream?.size) spec.dependentTasks = [...upstream].map((n) => n.name).sort();
  }
}

function dagOutput(output: GroupOutput): Record<string, unknown> {
  if (output.type.artifact) {
    return {
      artifactSelectors: output.selectors.map((s) => ({
        producerSubtask: s.producerSubtask,
        outputArtifactKey: s.key,
      })),
    };
  }
  const selectors = output.selectors.map((s) => ({
    producerSubtask: s.producerSubtask,
    outputParameterKey: s.key,
  }));
  return output.oneOf
    ? { valueFromOneof: { parameterSelectors: selectors } }
    : { valueFromParameter: selectors[0] };
}

function branchContaining(branches: TasksGroup, value: Channel): TasksGroup {
  let node = (value.origin as { node: Node }).node;
  while (node.parent && node.parent !== branches) node = node.parent;
  return node as TasksGroup;
}

function seconds(value: number | string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(value.trim());
  if (!match) return fallback;
  const amount = Number(match[1]);
  return match[2] === 'h' ? amount * 3600 : match[2] === 'm' ? amount * 60 : amount;
}
