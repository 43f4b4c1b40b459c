import type { ComponentSpec, ExecutorSpec } from '@kfp-ts/schemas';
import type { CompiledGraph } from './graph-compiler.js';
import { uniqueKey } from './unique-key.js';

/**
 * Copies a nested pipeline's components and executors into the outer pipeline's maps, renaming
 * clashes with `-2`, `-3`... as KFP does, and returns the nested pipeline's root component with
 * its references rewritten. The compiled nested graph itself is left untouched, so a pipeline
 * used twice is merged twice.
 */
export function mergeSubPipeline(
  sub: CompiledGraph,
  components: Record<string, ComponentSpec>,
  executors: Record<string, ExecutorSpec>,
): ComponentSpec {
  const executorNames = new Map<string, string>();
  for (const [label, executor] of Object.entries(sub.executors)) {
    const renamed = uniqueKey(label, executors);
    executorNames.set(label, renamed);
    executors[renamed] = executor;
  }
  // Names are decided against the outer names and every name already decided (old and new),
  // so that one rename cannot collide with another.
  const componentNames = new Map<string, string>();
  const decided: Record<string, true> = {};
  for (const name of Object.keys(sub.components)) {
    const renamed = uniqueKey(name, { ...components, ...decided });
    componentNames.set(name, renamed);
    decided[name] = true;
    decided[renamed] = true;
  }
  const rename = (spec: ComponentSpec): ComponentSpec => {
    const copy = structuredClone(spec) as ComponentSpec & { executorLabel?: string };
    if (copy.executorLabel) copy.executorLabel = executorNames.get(copy.executorLabel) ?? copy.executorLabel;
    for (const task of Object.values(copy.dag?.tasks ?? {})) {
      task.componentRef.name = componentNames.get(task.componentRef.name) ?? task.componentRef.name;
    }
    return copy;
  };
  for (const [name, spec] of Object.entries(sub.components))
    components[componentNames.get(name)!] = rename(spec);
  return rename(sub.root);
}
