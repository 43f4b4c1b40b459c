import type { NameAllocator } from '@kfp-ts/dsl';
import type { ComponentSpec, ExecutorSpec } from '@kfp-ts/schemas';
import type { CompiledGraph } from './graph-compiler.js';

/** The outer pipeline's maps and the allocators that hand out their keys. */
export interface MergeTarget {
  readonly components: Record<string, ComponentSpec>;
  readonly executors: Record<string, ExecutorSpec>;
  readonly componentNames: NameAllocator;
  readonly executorNames: NameAllocator;
  /** Names a merge in progress has decided on (KFP also avoids the nested pipeline's own names). */
  readonly reserved: Set<string>;
}

/**
 * Copies a nested pipeline's components and executors into the outer pipeline's maps, renaming
 * clashes with `-2`, `-3`... as KFP does, and returns the nested pipeline's root component with
 * its references rewritten. The compiled nested graph itself is left untouched, so a pipeline
 * used twice is merged twice.
 */
export function mergeSubPipeline(sub: CompiledGraph, target: MergeTarget): ComponentSpec {
  const executorNames = new Map<string, string>();
  for (const [label, executor] of Object.entries(sub.executors)) {
    const renamed = target.executorNames.claim(label);
    executorNames.set(label, renamed);
    target.executors[renamed] = executor;
  }
  // A new name must differ from the outer names and from every name decided so far, old and new,
  // so that one rename cannot collide with another.
  const componentNames = new Map<string, string>();
  target.reserved.clear();
  for (const name of Object.keys(sub.components)) {
    const renamed = target.componentNames.claim(name);
    componentNames.set(name, renamed);
    target.reserved.add(name);
    target.reserved.add(renamed);
  }
  target.reserved.clear();
  const rename = (spec: ComponentSpec): ComponentSpec => {
    const copy = structuredClone(spec) as ComponentSpec & { executorLabel?: string };
    if (copy.executorLabel) copy.executorLabel = executorNames.get(copy.executorLabel) ?? copy.executorLabel;
    for (const task of Object.values(copy.dag?.tasks ?? {})) {
      task.componentRef.name = componentNames.get(task.componentRef.name) ?? task.componentRef.name;
    }
    return copy;
  };
  for (const [name, spec] of Object.entries(sub.components))
    target.components[componentNames.get(name)!] = rename(spec);
  return rename(sub.root);
}
