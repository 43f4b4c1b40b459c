import type { PipelineTask, TasksGroup } from '@kfp-ts/dsl';
import { PipelineDefinitionError } from '@kfp-ts/dsl';
import type { Channel, ChannelType } from './channels.js';
import { inputNameOf } from './channels.js';

/** How a task (or group task) in some DAG reads a value. */
export type Wire =
  | { readonly kind: 'component-input'; readonly name: string; readonly selector?: readonly string[] }
  | { readonly kind: 'task-output'; readonly node: PipelineTask<any> | TasksGroup; readonly key: string };

export interface Selector {
  readonly producerSubtask: string;
  readonly key: string;
}

/** An output a group's DAG exposes: one selector, or one per branch for oneOf. */
export interface GroupOutput {
  readonly type: ChannelType;
  readonly selectors: readonly Selector[];
  readonly oneOf: boolean;
}

type Node = PipelineTask<any> | TasksGroup;

/**
 * The plumbing KFP calls "punching holes": a value used inside a group but produced outside it
 * becomes a `pipelinechannel--*` input of every group in between; a value gathered out of a loop
 * or merged out of If/Else branches becomes a `pipelinechannel--*` output of the groups it leaves.
 * Dependencies link siblings only, at the first groups that differ.
 */
export class DagWiring {
  readonly groupInputs = new Map<TasksGroup, Map<string, ChannelType>>();
  readonly groupTaskInputs = new Map<TasksGroup, Map<string, Wire>>();
  readonly groupOutputs = new Map<TasksGroup, Map<string, GroupOutput>>();
  readonly dependencies = new Map<Node, Set<Node>>();

  constructor(readonly root: TasksGroup) {}

  /** How a node whose parent DAG is `scope` reads `channel`; records the dependency of `consumer`. */
  read(scope: TasksGroup, channel: Channel, consumer: Node): Wire {
    const origin = channel.origin;
    if (this.groupInputs.get(scope)?.has(inputNameOf(channel)))
      return { kind: 'component-input', name: inputNameOf(channel) };
    switch (origin.kind) {
      case 'subvar': {
        const base = this.read(scope, origin.base, consumer);
        if (base.kind !== 'component-input')
          throw new PipelineDefinitionError('a loop item is not a task output.');
        return { ...base, selector: [...(base.selector ?? []), ...origin.path] };
      }
      case 'pipeline-input':
        if (scope === this.root) return { kind: 'component-input', name: origin.name };
        break;
      case 'loop-item':
        if (scope === origin.loop) return { kind: 'component-input', name: inputNameOf(channel) };
        break;
      case 'output':
        if (origin.node.parent === scope) {
          this.addDependency(consumer, origin.node);
          return { kind: 'task-output', node: origin.node, key: origin.key };
        }
        break;
    }
    if (scope === this.root) {
      throw new PipelineDefinitionError(`cannot reach ${channel.fullName} from the pipeline's top level.`, {
        where: this.root.path,
      });
    }
    this.requireInput(scope, channel);
    return { kind: 'component-input', name: inputNameOf(channel) };
  }

  /** Makes `channel` an input of `group`'s DAG component, wired from the group's parent. */
  requireInput(group: TasksGroup, channel: Channel): void {
    const name = inputNameOf(channel);
    const inputs = this.#mapOf(this.groupInputs, group);
    if (inputs.has(name)) return;
    inputs.set(name, channel.type);
    if (channel.origin.kind === 'loop-item' && channel.origin.loop === group) return; // the iterator fills it
    const wire = this.read(group.parent!, channel, group);
    this.#mapOf(this.groupTaskInputs, group).set(name, wire);
  }

  /** Declares an output of a group's DAG. */
  declareOutput(group: TasksGroup, key: string, output: GroupOutput): void {
    const outputs = this.#mapOf(this.groupOutputs, group);
    if (!outputs.has(key)) outputs.set(key, output);
  }

  /**
   * Where `group`'s DAG reads `inner`, a value produced somewhere inside it; intermediate groups
   * re-expose it as `pipelinechannel--<name>` (KFP keeps that key at every level).
   */
  selectorInside(group: TasksGroup, inner: Channel): Selector {
    if (inner.origin.kind !== 'output') {
      throw new PipelineDefinitionError(`${inner.fullName} is not produced inside ${group.name}.`, {
        where: group.path,
      });
    }
    const node = inner.origin.node;
    if (node.parent === group) return { producerSubtask: node.name, key: inner.origin.key };
    const child = childContaining(group, node);
    const key = inputNameOf(inner);
    this.declareOutput(child, key, {
      type: inner.type,
      selectors: [this.selectorInside(child, inner)],
      oneOf: false,
    });
    return { producerSubtask: child.name, key };
  }

  addDependency(consumer: Node, producer: Node): void {
    if (consumer === producer) return;
    this.#setOf(this.dependencies, consumer).add(producer);
  }

  /**
   * An explicit `.after()`: links the first groups where the two chains differ. Waiting on a task
   * inside a condition or exit handler from outside it is refused, as in KFP.
   */
  addAfter(downstream: Node, upstream: Node, where: string): void {
    const down = chainOf(downstream);
    const up = chainOf(upstream);
    let common = 0;
    while (common < down.length && common < up.length && down[common] === up[common]) common++;
    const upstreamOnly = up.slice(common);
    const first = upstreamOnly[0];
    if (!first || !down[common]) {
      throw new PipelineDefinitionError(`'${upstream.name}' cannot be waited on from inside it.`, { where });
    }
    const blocking = upstreamOnly
      .slice(0, -1)
      .find(
        (g) =>
          'kind' in g &&
          (g.kind === 'condition' || g.kind === 'condition-branches' || g.kind === 'exit-handler'),
      );
    if (blocking) {
      throw new PipelineDefinitionError(
        `after('${upstream.name}'): that task is inside ${(blocking as TasksGroup).name}, which may not run.`,
        { where, fix: 'Wait on the whole group instead, or move the waiting task into it.' },
      );
    }
    this.addDependency(down[common]!, first);
  }

  #mapOf<K, V>(map: Map<TasksGroup, Map<K, V>>, group: TasksGroup): Map<K, V> {
    let inner = map.get(group);
    if (!inner) {
      inner = new Map();
      map.set(group, inner);
    }
    return inner;
  }
  #setOf(map: Map<Node, Set<Node>>, node: Node): Set<Node> {
    let inner = map.get(node);
    if (!inner) {
      inner = new Set();
      map.set(node, inner);
    }
    return inner;
  }
}

/** The node itself and its groups, from the root down. */
function chainOf(node: Node): Node[] {
  const chain: Node[] = [node];
  for (let g = node.parent; g; g = g.parent) chain.unshift(g);
  return chain;
}

function childContaining(group: TasksGroup, node: Node): TasksGroup {
  let current: Node = node;
  while (current.parent && current.parent !== group) current = current.parent;
  if (current.parent !== group || !('kind' in current) || current === node) {
    throw new PipelineDefinitionError(`'${node.name}' is not inside ${group.name}.`, { where: group.path });
  }
  return current as TasksGroup;
}
