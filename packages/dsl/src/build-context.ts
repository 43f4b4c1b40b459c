import { PipelineDefinitionError } from './errors.js';
import { NameAllocator } from './names.js';
import type { PipelineTask } from './task.js';
import { TasksGroup } from './tasks-group.js';

/**
 * The state of one pipeline body while it runs: the stack of open groups (the pipeline's root
 * group at the bottom), the task names taken and KFP's pipeline-wide group counter. Pipeline
 * bodies are synchronous, so a module-level stack of these is enough (as KFP's context manager).
 */
export class BuildContext {
  readonly root: TasksGroup;
  readonly groupStack: TasksGroup[];
  readonly taskNames = new NameAllocator();
  readonly tasks: PipelineTask<any>[] = [];
  /** Bumped by every task and group created; lets `Elif`/`Else` check they follow their `If`. */
  mutations = 0;
  #groupId = 0;

  constructor(readonly pipelineName: string) {
    this.root = new TasksGroup('pipeline', 0, this);
    this.groupStack = [this.root];
  }

  get currentGroup(): TasksGroup {
    return this.groupStack[this.groupStack.length - 1]!;
  }

  nextGroupId(): number {
    this.#groupId += 1;
    return this.#groupId;
  }

  claimTaskName(base: string): string {
    return this.taskNames.claim(base || 'task');
  }

  /** Runs `body` with `group` open, closing it even when the body throws. */
  within<R>(group: TasksGroup, body: () => R): R {
    this.groupStack.push(group);
    try {
      const result = body();
      if (isThenable(result)) {
        throw new PipelineDefinitionError(`the body of ${group.name} returned a Promise.`, {
          where: group.path,
          fix: 'Pipeline and control-flow bodies must be synchronous: they only wire tasks, nothing runs at definition time.',
        });
      }
      return result;
    } finally {
      this.groupStack.pop();
    }
  }
}

const stack: BuildContext[] = [];

export function currentContext(): BuildContext | undefined {
  return stack[stack.length - 1];
}

export function requireContext(what: string): BuildContext {
  const context = currentContext();
  if (!context) {
    throw new PipelineDefinitionError(`${what} can only be used inside a pipeline body.`, {
      fix: 'Call it from the function passed to pipeline(); to run a component on its own, use runComponent().',
    });
  }
  return context;
}

export function withContext<R>(context: BuildContext, body: () => R): R {
  stack.push(context);
  try {
    return body();
  } finally {
    stack.pop();
  }
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
