import { BRAND } from './brand.js';
import type { BuildContext } from './build-context.js';
import type { Condition } from './conditions.js';
import type { AnyRef, ArtifactRef, ParamRef } from './refs.js';
import type { JsonValue, ParamKind } from './specs.js';
import type { PipelineTask } from './task.js';

export type GroupKind = 'pipeline' | 'condition' | 'condition-branches' | 'for-loop' | 'exit-handler';

/** What a parallel-for iterates over. */
export type LoopItems =
  | {
      readonly type: 'raw';
      readonly values: readonly JsonValue[];
      readonly paramId: number;
      readonly itemKind: ParamKind;
    }
  | { readonly type: 'param'; readonly list: ParamRef; readonly itemKind: ParamKind }
  | { readonly type: 'artifacts'; readonly list: ArtifactRef };

/**
 * A group of tasks in the pipeline graph: the pipeline's root, a condition branch, the wrapper
 * of an If/Elif/Else chain, a parallel-for or an exit handler. The compiler turns every group
 * but the root into a DAG component (`comp-condition-2`, `comp-for-loop-3`, ...).
 */
export class TasksGroup {
  readonly [BRAND] = 'group' as const;
  readonly children: Array<PipelineTask<any> | TasksGroup> = [];
  readonly dependencies: Array<PipelineTask<any> | TasksGroup> = [];
  /** `condition-2`, `for-loop-3`; KFP's pipeline-wide numbering. Renamed once by If/Elif. */
  name: string;
  id: number;
  displayName: string | undefined;
  parent: TasksGroup | undefined;
  /** Conjunction of comparisons (condition groups). */
  conditions: readonly Condition[] = [];
  loop: { readonly items: LoopItems; readonly parallelism: number | undefined } | undefined;
  exitTask: PipelineTask<any> | undefined;
  /** Refs the branches of an If/Elif/Else chain returned (condition-branches groups). */
  oneOfCount = 0;
  readonly results: AnyRef[] = [];

  constructor(
    readonly kind: GroupKind,
    id: number,
    readonly context: BuildContext,
    displayName?: string,
  ) {
    this.id = id;
    this.name = kind === 'pipeline' ? context.pipelineName : `${kind}-${id}`;
    this.displayName = displayName;
  }

  /** Renumbers the group (KFP swaps ids when an Elif wraps an If in a condition-branches group). */
  renumber(id: number): void {
    this.id = id;
    this.name = `${this.kind}-${id}`;
  }

  /** `pipeline/condition-branches-1/condition-2`: where this group sits, for error messages. */
  get path(): string {
    const parts: string[] = [];
    for (let g: TasksGroup | undefined = this; g; g = g.parent) parts.unshift(g.name);
    return parts.join('/');
  }

  /** Groups from the root down to this one (inclusive). */
  get ancestry(): TasksGroup[] {
    const chain: TasksGroup[] = [];
    for (let g: TasksGroup | undefined = this; g; g = g.parent) chain.unshift(g);
    return chain;
  }

  add(child: PipelineTask<any> | TasksGroup): void {
    this.children.push(child);
  }

  remove(child: PipelineTask<any> | TasksGroup): void {
    const index = this.children.indexOf(child);
    if (index >= 0) this.children.splice(index, 1);
  }

  /** Runs after the given tasks or groups (in addition to data dependencies). */
  after(...upstream: Array<PipelineTask<any> | TasksGroup>): this {
    this.dependencies.push(...upstream);
    return this;
  }
}

export function isTasksGroup(value: unknown): value is TasksGroup {
  return typeof value === 'object' && value !== null && (value as any)[BRAND] === 'group';
}
