import type { BuildContext } from './build-context.js';
import type { AnyRef } from './refs.js';
import type { PipelineTask } from './task.js';
import type { TasksGroup } from './tasks-group.js';

/**
 * The result of running a pipeline body: the tree of groups and tasks and the references the
 * pipeline returns. This is what the compiler reads.
 */
export interface PipelineGraph {
  /** The group tree; its children are the top-level tasks and groups. */
  readonly root: TasksGroup;
  /** Every task of the body in creation order (tasks of nested pipelines are in their own graph). */
  readonly tasks: readonly PipelineTask<any>[];
  /** Pipeline outputs: name -> the reference it returns. */
  readonly outputs: Readonly<Record<string, AnyRef>>;
  readonly context: BuildContext;
}
