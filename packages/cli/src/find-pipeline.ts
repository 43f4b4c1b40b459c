import { isComponent, type Pipeline } from '@kfp-ts/dsl';
import { UsageError } from './errors.js';

/** A pipeline a module exports, with the name it is exported under. */
export interface ExportedPipeline {
  exportName: string;
  pipeline: Pipeline;
}

export function isPipeline(value: unknown): value is Pipeline {
  return isComponent(value) && (value.definition as { kind?: unknown }).kind === 'pipeline';
}

/**
 * The pipelines among a module's exports, each once: `export default churn` next to
 * `export { churn }` is one pipeline (listed under its named export).
 */
export function exportedPipelines(exports: Record<string, unknown>): ExportedPipeline[] {
  const found = new Map<Pipeline, string>();
  for (const [exportName, value] of Object.entries(exports)) {
    if (!isPipeline(value)) continue;
    const known = found.get(value);
    if (known === undefined || known === 'default') found.set(value, exportName);
  }
  // Sorted, as native module namespaces are, so listings do not depend on the loader (vitest keeps source order).
  return [...found]
    .map(([pipeline, exportName]) => ({ exportName, pipeline }))
    .sort((a, b) => compare(a.exportName, b.exportName));
}

/**
 * The pipeline to compile: the only one the module exports, or the one `requested` names (by
 * export name or by pipeline name). Anything else is a UsageError that lists the choices.
 */
export function selectPipeline(
  exports: Record<string, unknown>,
  file: string,
  requested?: string,
): ExportedPipeline {
  const pipelines = exportedPipelines(exports);
  if (requested !== undefined) {
    const value = exports[requested];
    if (isPipeline(value)) return { exportName: requested, pipeline: value };
    const byName = pipelines.filter((p) => p.pipeline.definition.name === requested);
    if (byName.length === 1) return byName[0]!;
    const what =
      value === undefined ? 'no export' : `export '${requested}' is ${describeValue(value)}, not a pipeline;`;
    const choices =
      pipelines.length > 0 ? `its pipelines: ${listPipelines(pipelines)}` : 'it exports no pipeline';
    throw new UsageError(
      value === undefined
        ? `${file}: ${what} or pipeline named '${requested}'; ${choices}.`
        : `${file}: ${what} ${choices}.`,
    );
  }
  if (pipelines.length === 1) return pipelines[0]!;
  if (pipelines.length > 1) {
    throw new UsageError(
      `${file} exports ${pipelines.length} pipelines: ${listPipelines(pipelines)}; choose one with --pipeline <name>.`,
    );
  }
  const names = Object.keys(exports).sort(compare);
  const contents =
    names.length === 0
      ? 'it exports nothing'
      : `it exports ${names.map((n) => `${n} (${describeValue(exports[n])})`).join(', ')}`;
  throw new UsageError(`${file}: no exported pipeline; ${contents}. Export the result of pipeline(...).`);
}

function listPipelines(pipelines: readonly ExportedPipeline[]): string {
  return pipelines
    .map(({ exportName, pipeline }) =>
      exportName === pipeline.definition.name ? exportName : `${exportName} ('${pipeline.definition.name}')`,
    )
    .join(', ');
}

/** What an export is, for messages: `component 'train'`, `a function`, `a number`. */
function describeValue(value: unknown): string {
  if (isComponent(value)) {
    const definition = value.definition as { kind?: string; name?: string };
    const kind =
      definition.kind === 'function' || definition.kind === undefined
        ? 'component'
        : `${definition.kind} component`;
    return `${kind} '${definition.name}'`;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
