import type { AnyRef } from './refs.js';
import type { PipelineTask } from './task.js';
import type { TasksGroup } from './tasks-group.js';

/** The node whose completion makes a reference's value available: a task, a loop, a branch wrapper. */
export function producerOf(
  ref: AnyRef,
): { node: PipelineTask<any> | TasksGroup; group: TasksGroup } | undefined {
  const source = ref.source;
  switch (source.type) {
    case 'pipeline-input':
    case 'loop-item':
      return undefined;
    case 'task-output':
      return { node: source.task, group: source.task.parent };
    case 'collected':
      return { node: source.loop, group: source.loop.parent! };
    case 'one-of':
      return { node: source.branches, group: source.branches.parent! };
  }
}

/** The root group of the pipeline body a reference belongs to. */
function rootOf(ref: AnyRef): TasksGroup | undefined {
  const source = ref.source;
  switch (source.type) {
    case 'pipeline-input':
      return undefined;
    case 'loop-item':
      return source.loop.ancestry[0];
    default: {
      const producer = producerOf(ref);
      return producer?.group.ancestry[0];
    }
  }
}

/**
 * Why `ref` cannot be used by a task in `consumer`, or undefined when it can. KFP's rules: a value
 * produced inside a condition or a loop is invisible outside it (use `oneOf` or `collected`), a
 * loop item exists only inside its loop, and references do not cross pipeline bodies.
 */
export function visibilityProblem(
  ref: AnyRef,
  consumer: TasksGroup,
): { message: string; fix?: string } | undefined {
  const consumerChain = consumer.ancestry;
  const root = rootOf(ref);
  if (root && root !== consumerChain[0]) {
    return {
      message: `it refers to a value of pipeline '${root.name}', a different pipeline body.`,
      fix: 'Pass the value into this pipeline as an input instead.',
    };
  }
  const source = ref.source;
  if (source.type === 'loop-item') {
    if (!consumerChain.includes(source.loop)) {
      return {
        message: `the item of ${source.loop.name} is used outside its loop.`,
        fix: 'Use loop items only inside the parallelFor body; gather results with collected().',
      };
    }
    return undefined;
  }
  const producer = producerOf(ref);
  if (!producer) return undefined;
  for (const group of producer.group.ancestry) {
    if (consumerChain.includes(group)) continue;
    if (group.kind === 'for-loop') {
      return {
        message: `it comes from ${describeNode(producer.node)} inside ${group.name}, which runs once per item.`,
        fix: 'Gather the values of all iterations with collected(...) outside the loop.',
      };
    }
    if (group.kind === 'condition' || group.kind === 'condition-branches') {
      return {
        message: `it comes from ${describeNode(producer.node)} inside ${group.name}, which may not run.`,
        fix: 'Return the value from every branch and pick the one that ran with oneOf(...).',
      };
    }
  }
  return undefined;
}

function describeNode(node: PipelineTask<any> | TasksGroup): string {
  return node.parent && 'component' in node ? `task '${node.name}'` : node.name;
}
