import type { AnyRef, ArtifactType, ParamKind, ParamRef, PipelineTask, TasksGroup } from '@kfp-ts/dsl';
import { isArtifactRef, isParamRef } from '@kfp-ts/dsl';

/** The type of a value flowing through the DAG, as input/output definitions declare it. */
export type ChannelType =
  | { readonly artifact: false; readonly kind: ParamKind }
  | { readonly artifact: true; readonly type: ArtifactType; readonly isList: boolean };

/**
 * A value flowing between tasks (KFP's "pipeline channel"), independent of where it is read.
 * `fullName` is KFP's full name: the injected inputs that carry it are `pipelinechannel--<fullName>`.
 */
export interface Channel {
  readonly key: string;
  readonly fullName: string;
  readonly type: ChannelType;
  readonly origin:
    | { readonly kind: 'pipeline-input'; readonly name: string }
    /** The output `key` of a task or group, readable in the DAG of the node's parent. */
    | { readonly kind: 'output'; readonly node: PipelineTask<any> | TasksGroup; readonly key: string }
    /** The item of a parallel-for, an input of the loop's DAG. */
    | { readonly kind: 'loop-item'; readonly loop: TasksGroup }
    /** A field of a struct loop item (KFP's "subvar"), read with a JSON selector. */
    | { readonly kind: 'subvar'; readonly base: Channel; readonly path: readonly string[] };
  /** The channel a fan-in or surfaced output carries from inside a group. */
  readonly inner?: readonly Channel[];
}

export const inputNameOf = (channel: Channel) => `pipelinechannel--${channel.fullName}`;

export function channelType(ref: AnyRef): ChannelType {
  if (isArtifactRef(ref)) return { artifact: true, type: ref.type, isList: ref.isList };
  return { artifact: false, kind: (ref as ParamRef).kind as ParamKind };
}

/** KFP's name of a loop's item: `loop-item-param-<id>` for literal lists, `<list>-loop-item` otherwise. */
export function loopItemFullName(loop: TasksGroup, listChannel: Channel | undefined): string {
  const items = loop.loop!.items;
  if (items.type === 'raw') return `loop-item-param-${items.paramId}`;
  return `${listChannel!.fullName}-loop-item`;
}

/** Turns a reference into its channel (memoised: one channel per value). */
export class ChannelTable {
  readonly #channels = new Map<string, Channel>();
  /** Called when a new group-produced channel appears, so its group declares the output. */
  constructor(private readonly onSurfaced: (channel: Channel) => void) {}

  of(ref: AnyRef): Channel {
    const source = ref.source;
    switch (source.type) {
      case 'pipeline-input':
        return this.#intern(`in:${source.name}`, () => ({
          key: `in:${source.name}`,
          fullName: source.name,
          type: channelType(ref),
          origin: { kind: 'pipeline-input', name: source.name },
        }));
      case 'task-output':
        return this.#intern(`out:${source.task.name}:${source.output}`, () => ({
          key: `out:${source.task.name}:${source.output}`,
          fullName: `${source.task.name}-${source.output}`,
          type: channelType(ref),
          origin: { kind: 'output', node: source.task, key: source.output },
        }));
      case 'loop-item': {
        const item = this.loopItem(source.loop);
        if (source.selector.length === 0) return item;
        const key = `${item.key}:${source.selector.join('.')}`;
        return this.#intern(key, () => ({
          key,
          fullName: `${item.fullName}${source.selector.map((f) => `-subvar-${f}`).join('')}`,
          type: channelType(ref),
          origin: { kind: 'subvar', base: item, path: source.selector },
        }));
      }
      case 'collected': {
        const inner = this.of(source.inner);
        const key = `pipelinechannel--${inner.fullName}`;
        return this.#intern(
          `collected:${source.loop.name}:${inner.key}`,
          () => ({
            key: `collected:${source.loop.name}:${inner.key}`,
            fullName: `${source.loop.name}-${key}`,
            type: inner.type.artifact ? { ...inner.type, isList: true } : { artifact: false, kind: 'LIST' },
            origin: { kind: 'output', node: source.loop, key },
            inner: [inner],
          }),
          true,
        );
      }
      case 'one-of': {
        const key = `pipelinechannel--${source.branches.name}-oneof-${source.id}`;
        const inner = source.refs.map((r) => this.of(r));
        return this.#intern(
          `oneof:${source.branches.name}:${source.id}`,
          () => ({
            key: `oneof:${source.branches.name}:${source.id}`,
            fullName: `${source.branches.name}-${key}`,
            type: channelType(ref),
            origin: { kind: 'output', node: source.branches, key },
            inner,
          }),
          true,
        );
      }
    }
  }

  /** The list a parallel-for iterates over (undefined for literal lists). */
  listOf(loop: TasksGroup): Channel | undefined {
    const items = loop.loop!.items;
    return items.type === 'raw' ? undefined : this.of(items.list);
  }

  loopItem(loop: TasksGroup): Channel {
    const items = loop.loop!.items;
    const list = this.listOf(loop);
    const fullName = loopItemFullName(loop, list);
    const type: ChannelType =
      items.type === 'artifacts'
        ? { artifact: true, type: items.list.type, isList: false }
        : { artifact: false, kind: items.itemKind };
    return this.#intern(`item:${loop.name}`, () => ({
      key: `item:${loop.name}`,
      fullName,
      type,
      origin: { kind: 'loop-item', loop },
    }));
  }

  #intern(key: string, make: () => Channel, surfaced = false): Channel {
    let channel = this.#channels.get(key);
    if (!channel) {
      channel = make();
      this.#channels.set(key, channel);
      if (surfaced) this.onSurfaced(channel);
    }
    return channel;
  }
}

export { isParamRef };
