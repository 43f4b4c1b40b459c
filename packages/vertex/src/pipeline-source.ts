/**
 * What a submission starts from: a compiled PipelineSpec (an object, as `compile` returns it or
 * as read from YAML) or a pipeline made with @kfp-ts/dsl, compiled here. Either way the spec is
 * valid before anything is sent: a compiled one is validated by the compiler, a given one here.
 */
import type { PipelineSpec } from '@kfp-ts/schemas';
import { usageError } from './errors.js';
import type { StagedAsset } from './staging.js';
import type { JsonValue } from './struct.js';

export interface ResolvedPipeline {
  spec: PipelineSpec;
  /** Bundles the spec refers to as `kfp-ts-asset:` (from the compiler, or given). */
  assets: StagedAsset[];
  name: string;
}

/** A compiled spec: has `pipelineInfo` and `root`. */
export function isPipelineSpecObject(value: unknown): value is PipelineSpec {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { pipelineInfo?: { name?: unknown } }).pipelineInfo?.name === 'string' &&
    typeof (value as { root?: unknown }).root === 'object'
  );
}

function isDslPipeline(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  const definition = (value as unknown as { definition?: { kind?: unknown } }).definition;
  return typeof definition === 'object' && definition !== null && definition.kind === 'pipeline';
}

type CompileResultLike = { spec: PipelineSpec; assets?: readonly StagedAsset[] };

/**
 * The spec (and assets) of `pipeline`. A DSL pipeline is compiled with `compileWithAssets` when
 * the compiler has it (its staged bundles come back with the spec), else with `compile`.
 */
export async function resolvePipeline(
  pipeline: unknown,
  options: { assets?: readonly StagedAsset[]; pipelineParameters?: Record<string, JsonValue> } = {},
): Promise<ResolvedPipeline> {
  if (isPipelineSpecObject(pipeline)) {
    const { validatePipelineSpec } = await import('@kfp-ts/schemas');
    const result = validatePipelineSpec(pipeline);
    if (!result.ok) {
      const first = result.issues.slice(0, 3).map((i) => `${i.pathText}: ${i.message}`);
      const more = result.issues.length > 3 ? ` (and ${result.issues.length - 3} more)` : '';
      throw usageError(
        `the pipeline spec is not valid: ${first.join('; ')}${more}. Run kfp-ts validate for the full list.`,
      );
    }
    return { spec: result.spec, assets: [...(options.assets ?? [])], name: result.spec.pipelineInfo.name };
  }
  if (isDslPipeline(pipeline)) {
    const compiler = (await import('@kfp-ts/compiler')) as Record<string, unknown>;
    const compileOptions = options.pipelineParameters
      ? { pipelineParameters: options.pipelineParameters }
      : {};
    const withAssets = compiler.compileWithAssets as
      | ((p: unknown, o: unknown) => CompileResultLike)
      | undefined;
    const result: CompileResultLike = withAssets
      ? withAssets(pipeline, compileOptions)
      : { spec: (compiler.compile as (p: unknown, o: unknown) => PipelineSpec)(pipeline, compileOptions) };
    return {
      spec: result.spec,
      assets: [...(result.assets ?? []), ...(options.assets ?? [])],
      name: result.spec.pipelineInfo.name,
    };
  }
  throw usageError('expected a compiled PipelineSpec object or a pipeline made with @kfp-ts/dsl.');
}

/**
 * `enable_caching` of the Python SDK: sets `cachingOptions.enableCache` of every task of every
 * DAG (root and nested components), overriding what the pipeline says.
 */
export function withCaching<T extends PipelineSpec>(spec: T, enableCache: boolean): T {
  const copy = structuredClone(spec);
  const dags: Array<{ tasks?: Record<string, { cachingOptions?: Record<string, unknown> }> } | undefined> = [
    (copy.root as { dag?: any }).dag,
    ...Object.values((copy.components ?? {}) as Record<string, { dag?: any }>).map((c) => c.dag),
  ];
  for (const dag of dags) {
    for (const task of Object.values(dag?.tasks ?? {})) {
      task.cachingOptions = { ...(task.cachingOptions ?? {}), enableCache };
    }
  }
  return copy;
}
