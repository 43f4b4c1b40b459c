/**
 * Finds the function component named by `--function_to_execute` among what a bundle exports.
 */
import type { ComponentDefinition, FunctionComponentDefinition, PipelineDefinition } from '@kfp-ts/dsl';
import { isComponent } from '@kfp-ts/dsl';

/**
 * Where components are looked up: an array or a map of components (or of their definitions), or
 * a module namespace (`import * as m`), whose exported function components and the function
 * components used by its exported pipelines (nested pipelines included) count.
 */
export type ComponentSource =
  | readonly unknown[]
  | ReadonlyMap<string, unknown>
  | Readonly<Record<string, unknown>>;

/**
 * The function component with this name, or a sentence saying why there is none. Exported
 * components are looked at first; pipelines are walked only when needed, because building a
 * pipeline's graph runs its body.
 */
export function findFunctionComponent(
  source: ComponentSource,
  name: string,
): { ok: true; definition: FunctionComponentDefinition<any, any> } | { ok: false; problem: string } {
  const values = valuesOf(source);
  const direct = new Set<FunctionComponentDefinition<any, any>>();
  const pipelines: PipelineDefinition[] = [];
  for (const value of values) {
    const definition = definitionOf(value);
    if (definition?.kind === 'function') direct.add(definition);
    else if (definition?.kind === 'pipeline') pipelines.push(definition);
  }
  let matches = [...direct].filter((d) => d.name === name);
  let all = direct;
  if (matches.length === 0 && pipelines.length) {
    all = new Set(direct);
    const seen = new Set<PipelineDefinition>();
    for (const pipeline of pipelines) collectFromPipeline(pipeline, all, seen);
    matches = [...all].filter((d) => d.name === name);
  }
  if (matches.length === 1) return { ok: true, definition: matches[0]! };
  if (matches.length > 1) {
    return {
      ok: false,
      problem: `${matches.length} different function components are named '${name}'; give each a unique name`,
    };
  }
  const known = [...new Set([...all].map((d) => d.name))].sort();
  return {
    ok: false,
    problem: `no function component named '${name}' in this bundle (${known.length ? `found: ${known.join(', ')}` : 'it exports none'}); export it from the module that defines it`,
  };
}

function valuesOf(source: ComponentSource): unknown[] {
  if (Array.isArray(source)) return [...source];
  if (source instanceof Map) return [...source.values()];
  const values = Object.values(source as Record<string, unknown>);
  // A CommonJS module seen through `import *` may carry its exports under `default`.
  const fallback = (source as Record<string, unknown>).default;
  if (fallback && typeof fallback === 'object' && !isComponent(fallback))
    values.push(...Object.values(fallback));
  return values;
}

function definitionOf(value: unknown): ComponentDefinition | undefined {
  if (isComponent(value)) return value.definition as ComponentDefinition;
  const candidate = value as Partial<ComponentDefinition> | null;
  if (candidate && typeof candidate === 'object' && typeof candidate.name === 'string') {
    if (
      candidate.kind === 'function' &&
      typeof (candidate as FunctionComponentDefinition).run === 'function'
    ) {
      return candidate as FunctionComponentDefinition;
    }
    if (candidate.kind === 'pipeline') return candidate as PipelineDefinition;
  }
  return undefined;
}

function collectFromPipeline(
  pipeline: PipelineDefinition,
  out: Set<FunctionComponentDefinition<any, any>>,
  seen: Set<PipelineDefinition>,
): void {
  if (seen.has(pipeline)) return;
  seen.add(pipeline);
  for (const task of pipeline.graph.tasks) {
    const definition = task.component as ComponentDefinition;
    if (definition.kind === 'function') out.add(definition);
    else if (definition.kind === 'pipeline') collectFromPipeline(definition, out, seen);
  }
}
