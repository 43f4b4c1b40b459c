/**
 * The TypeScript function components a run can execute in-process, by name: the name the IR's
 * container args carry (`--function_to_execute <name>`). Collected from pipeline objects by walking
 * their task graphs, nested pipelines included.
 */
import type {
  Component,
  ComponentDefinition,
  FunctionComponentDefinition,
  PipelineDefinition,
} from '@kfp-ts/dsl';
import { isComponent } from '@kfp-ts/dsl';
import { LocalRunError } from './spec-model.js';

export type Registrable = Component<any, any, any> | ComponentDefinition<any, any>;

function definitionOf(item: Registrable): ComponentDefinition<any, any> {
  return (isComponent(item) ? item.definition : item) as ComponentDefinition<any, any>;
}

/**
 * A registry of the function components found in the given pipelines and components. Two
 * different components with the same name are refused: the IR could not tell them apart either.
 */
export function createRegistry(...items: Registrable[]): Map<string, FunctionComponentDefinition> {
  const registry = new Map<string, FunctionComponentDefinition>();
  const visited = new Set<ComponentDefinition<any, any>>();
  const add = (definition: ComponentDefinition<any, any>) => {
    if (visited.has(definition)) return;
    visited.add(definition);
    if (definition.kind === 'function') {
      const known = registry.get(definition.name);
      if (known && known !== definition && known.run.toString() !== definition.run.toString()) {
        throw new LocalRunError(
          `two different function components are named '${definition.name}'; the compiled pipeline could not tell ` +
            'which one a task runs. Give them distinct names.',
        );
      }
      if (!known) registry.set(definition.name, definition as FunctionComponentDefinition);
    } else if (definition.kind === 'pipeline') {
      for (const task of (definition as PipelineDefinition).graph.tasks)
        add(task.component as ComponentDefinition<any, any>);
    }
  };
  for (const item of items) add(definitionOf(item));
  return registry;
}
