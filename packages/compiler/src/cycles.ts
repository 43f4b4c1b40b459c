import type { PipelineTask, TasksGroup } from '@kfp-ts/dsl';
import { PipelineDefinitionError } from '@kfp-ts/dsl';

type Node = PipelineTask<any> | TasksGroup;

/**
 * Refuses dependency cycles (only `.after()` can make one: data flows forward by construction).
 * Dependencies always link siblings, so each DAG is checked on its own.
 */
export function checkNoCycles(dependencies: ReadonlyMap<Node, ReadonlySet<Node>>): void {
  const state = new Map<Node, 'visiting' | 'done'>();
  const stack: Node[] = [];
  const visit = (node: Node): void => {
    const seen = state.get(node);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(node)), node].map((n) => n.name).join(' -> ');
      throw new PipelineDefinitionError(`tasks wait on each other in a cycle: ${cycle}.`, {
        where: node.parent?.path ?? node.name,
        fix: 'Remove one of the .after() calls that close the cycle.',
      });
    }
    state.set(node, 'visiting');
    stack.push(node);
    for (const upstream of dependencies.get(node) ?? []) visit(upstream);
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of dependencies.keys()) visit(node);
}
