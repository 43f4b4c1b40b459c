import { requireContext } from './build-context.js';
import { PipelineDefinitionError } from './errors.js';
import { isParamRef } from './refs.js';
import type { PipelineTask } from './task.js';
import { isPipelineTask } from './task.js';
import { refsIn } from './task-arguments.js';
import { TasksGroup } from './tasks-group.js';

/**
 * Runs `exitTask` when the tasks of `body` finish, whether they succeeded or failed (KFP's
 * `dsl.ExitHandler`). A `param.taskFinalStatus()` input of the exit task receives how they ended.
 *
 * ```ts
 * const notify = sendReport({ channel: p.channel });
 * exitHandler(notify, () => { train(...); evaluate(...); });
 * ```
 */
export function exitHandler<R>(
  exitTask: PipelineTask<any>,
  body: () => R,
  options: { name?: string } = {},
): TasksGroup {
  const context = requireContext('exitHandler');
  const parent = context.currentGroup;
  if (!isPipelineTask(exitTask)) {
    throw new PipelineDefinitionError('exitHandler needs the exit task as its first argument.', {
      where: parent.path,
    });
  }
  if (exitTask.parent !== parent) {
    throw new PipelineDefinitionError(
      `exit task '${exitTask.name}' must be created right where the exitHandler is.`,
      {
        where: exitTask.path,
      },
    );
  }
  const upstream = Object.values(exitTask.args)
    .flatMap(refsIn)
    .filter((r) => !isParamRef(r) || r.source.type !== 'pipeline-input');
  if (exitTask.dependencies.length > 0 || upstream.length > 0) {
    throw new PipelineDefinitionError(`exit task '${exitTask.name}' depends on other tasks.`, {
      where: exitTask.path,
      fix: 'An exit task may only take pipeline inputs and constants (as in KFP).',
    });
  }
  if (exitTask.isExitTask) {
    throw new PipelineDefinitionError(
      `task '${exitTask.name}' is already the exit task of another exitHandler.`,
      {
        where: exitTask.path,
      },
    );
  }
  const group = new TasksGroup('exit-handler', context.nextGroupId(), context, options.name);
  group.parent = parent;
  group.exitTask = exitTask;
  exitTask.isExitTask = true;
  parent.add(group);
  context.mutations++;
  context.within(group, body);
  return group;
}
