// Cycle detection over the `dependentTasks` edges of one DAG.
import { asObject, has, type Obj } from './document-access.js';

/**
 * Every cycle found by a depth-first walk, each as the task names along it with the first repeated
 * at the end (`a -> b -> a`). Self-dependencies and unknown names are left to the reference checks.
 */
export function findDependencyCycles(tasks: Obj): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    const dependencies = asObject(tasks[name])?.dependentTasks;
    for (const dependency of Array.isArray(dependencies) ? dependencies : []) {
      if (typeof dependency !== 'string' || dependency === name || !has(tasks, dependency)) continue;
      if (state.get(dependency) === 'visiting')
        cycles.push([...stack.slice(stack.indexOf(dependency)), dependency]);
      else if (!state.has(dependency)) visit(dependency);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of Object.keys(tasks)) if (!state.has(name)) visit(name);
  return cycles;
}
