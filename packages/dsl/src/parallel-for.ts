import type { z } from 'zod';
import { requireContext } from './build-context.js';
import { PipelineDefinitionError } from './errors.js';
import type { ArtifactRef, KindOfValue, ParamRef } from './refs.js';
import { isArtifactRef, isParamRef, makeArtifactRef, makeParamRef } from './refs.js';
import { kindOfSchema } from './schema-kind.js';
import type { JsonValue, ParamKind, ParamSpec } from './specs.js';
import type { LoopItems } from './tasks-group.js';
import { TasksGroup } from './tasks-group.js';
import { visibilityProblem } from './visibility.js';

/** The item reference a loop body gets for what it iterates over. */
export type LoopItem<X> =
  X extends ArtifactRef<infer S, true>
    ? ArtifactRef<S, false>
    : X extends ParamRef<'LIST', readonly (infer E)[]>
      ? ParamRef<KindOfValue<E>, E>
      : X extends readonly (infer E)[]
        ? ParamRef<KindOfValue<E>, E>
        : never;

type LoopSource = readonly JsonValue[] | ParamRef<'LIST', readonly unknown[]> | ArtifactRef<string, true>;

export interface ParallelForOptions {
  /** At most this many iterations run at once (KFP's `parallelism`); unlimited by default. */
  parallelism?: number;
  /** Display name of the loop in the console. */
  name?: string;
}

/** A parallel-for group; `result` is what the body returned (for `collected()`). */
export interface ParallelFor<R> extends TasksGroup {
  readonly result: R;
}

/**
 * Runs `body`'s tasks once per item, in parallel (KFP's `dsl.ParallelFor`). Items are a literal
 * list, a list pipeline input or a list task output (items may be structs: `item.field('x')`),
 * or a list of artifacts. Gather per-item outputs after the loop with `collected()`.
 *
 * ```ts
 * const sweep = parallelFor([0.01, 0.1, 1], (c) => train({ data, c }).outputs.auc);
 * pickBest({ aucs: collected(sweep.result) });
 * ```
 */
export function parallelFor<const X extends LoopSource, R>(
  items: X,
  body: (item: LoopItem<X>) => R,
  options: ParallelForOptions = {},
): ParallelFor<R> {
  const context = requireContext('parallelFor');
  const parent = context.currentGroup;
  const parallelism = options.parallelism;
  if (parallelism !== undefined && (!Number.isInteger(parallelism) || parallelism < 0)) {
    throw new PipelineDefinitionError(`parallelism ${JSON.stringify(parallelism)} is not a whole number.`, {
      where: parent.path,
      fix: 'Use a positive integer (0 means no limit).',
    });
  }
  let loopItems: LoopItems;
  if (Array.isArray(items)) {
    if (items.length === 0) {
      throw new PipelineDefinitionError('parallelFor over an empty list.', {
        where: parent.path,
        fix: 'Give at least one item.',
      });
    }
    // KFP numbers the raw-items input before the loop group itself.
    loopItems = {
      type: 'raw',
      values: items as JsonValue[],
      paramId: context.nextGroupId(),
      itemKind: kindOfLiteral(items[0]),
    };
  } else if (isArtifactRef(items)) {
    if (!items.isList) {
      throw new PipelineDefinitionError('parallelFor over a single artifact.', {
        where: parent.path,
        fix: 'Iterate over a list of artifacts (artifactList outputs or collected(...)).',
      });
    }
    loopItems = { type: 'artifacts', list: items };
  } else if (isParamRef(items)) {
    const list = items as ParamRef;
    if (list.kind !== 'LIST') {
      throw new PipelineDefinitionError(
        `parallelFor over a ${list.kind.toLowerCase()} value; it needs a list.`,
        {
          where: parent.path,
        },
      );
    }
    loopItems = { type: 'param', list, itemKind: elementKind(list) };
  } else {
    throw new PipelineDefinitionError(
      'parallelFor needs a list, a list input or output, or a list of artifacts.',
      {
        where: parent.path,
      },
    );
  }
  const group = new TasksGroup('for-loop', context.nextGroupId(), context, options.name) as TasksGroup & {
    result: R;
  };
  group.loop = { items: loopItems, parallelism: parallelism || undefined };
  group.parent = parent;
  if (loopItems.type !== 'raw') {
    const problem = visibilityProblem(loopItems.list, parent);
    if (problem)
      throw new PipelineDefinitionError(`parallelFor items: ${problem.message}`, {
        where: group.path,
        ...(problem.fix ? { fix: problem.fix } : {}),
      });
  }
  parent.add(group);
  context.mutations++;
  const source = { type: 'loop-item', loop: group, selector: [] } as const;
  const item =
    loopItems.type === 'artifacts'
      ? makeArtifactRef(loopItems.list.type, false, source)
      : makeParamRef(loopItems.itemKind, source, itemSpec(loopItems));
  group.result = context.within(group, () => body(item as LoopItem<X>));
  return group as ParallelFor<R>;
}

/** A declaration for the item carrying the list's element schema (so `item.field()` knows field kinds). */
function itemSpec(items: LoopItems): ParamSpec | undefined {
  if (items.type !== 'param') return undefined;
  const schema = declarationOf(items.list)?.schema;
  return schema ? ({ kind: items.itemKind, schema } as unknown as ParamSpec) : undefined;
}

/** IR kind of a literal item, as KFP infers it from the first element. */
function kindOfLiteral(value: unknown): ParamKind {
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return Number.isInteger(value) ? 'NUMBER_INTEGER' : 'NUMBER_DOUBLE';
  if (Array.isArray(value)) return 'LIST';
  if (typeof value === 'object' && value !== null) return 'STRUCT';
  return 'STRING';
}

/** IR kind of the elements of a list reference, from the element schema of its declaration. */
function elementKind(list: ParamRef): ParamKind {
  const spec = declarationOf(list);
  const schema = spec?.schema as z.ZodType | undefined;
  return schema ? kindOfSchema(schema) : 'STRING';
}

function declarationOf(ref: ParamRef): ParamSpec | undefined {
  return (ref as ParamRef & { spec?: ParamSpec }).spec;
}
