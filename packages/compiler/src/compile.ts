import type {
  Component,
  ComponentDefinition,
  IOSpecs,
  IrPipelineDefinition,
  JsonValue,
  PipelineDefinition,
  PipelineTask,
} from '@kfp-ts/dsl';
import {
  isComponent,
  PIPELINE_NAME_PATTERN,
  PipelineDefinitionError,
  pipeline,
  sanitizeName,
} from '@kfp-ts/dsl';
import type { PipelineSpec } from '@kfp-ts/schemas';
import { validatePipelineSpec } from '@kfp-ts/schemas';
import type {
  CompiledAsset,
  FunctionExecutorSession,
  FunctionExecutorStrategy,
  ShippingOptions,
} from './function-executor.js';
import {
  bundledExecutor,
  createFunctionExecutorSession,
  DEFAULT_NODE_IMAGE,
  defaultFunctionExecutor,
} from './function-executor.js';
import type { CompiledGraph, GraphCompileContext } from './graph-compiler.js';
import { compileGraph } from './graph-compiler.js';

/** Written as `sdkVersion`, so a reader can tell which compiler wrote a document. */
export const SDK_VERSION = 'kfp-ts-0.1.0';

export interface CompileOptions {
  /** Override the defaults of pipeline inputs (KFP's `compile(pipeline_parameters=...)`). */
  pipelineParameters?: Readonly<Record<string, JsonValue>>;
  /** Override `pipelineInfo.name`. */
  pipelineName?: string;
  /** Override `pipelineInfo.displayName`. */
  displayName?: string;
  /** Image for TypeScript function components that name none (default `node:20-slim`). */
  defaultImage?: string;
  /** Caching of tasks that do not set it (default true, as KFP). */
  cachingDefault?: boolean;
  /**
   * How TypeScript function components are shipped into their containers (default: bundled,
   * embedded in the command when small, staged as an asset when large). Ignored when
   * `functionExecutor` is given.
   */
  shipping?: ShippingOptions;
  /** How TypeScript function components are started in their container (overrides `shipping`). */
  functionExecutor?: FunctionExecutorStrategy;
}

/** A compiled pipeline and the files its YAML refers to. */
export interface CompileResult {
  readonly spec: PipelineSpec;
  /**
   * Staged component bundles, named in commands as `kfp-ts-asset:sha256/<fileName>`: write them
   * to `<out>.assets/<fileName>` next to the YAML (submit uploads them to the pipeline root).
   */
  readonly assets: readonly CompiledAsset[];
  /** Things the user should know, e.g. a component that could not be bundled from its source. */
  readonly notes: readonly string[];
}

/**
 * Compiles a pipeline (or a single component) to a KFP v2 PipelineSpec object. The spec alone is
 * incomplete when it stages bundles: use `compileWithAssets` to get them too.
 */
export function compile(target: Component<any, any, any>, options: CompileOptions = {}): PipelineSpec {
  return compileWithAssets(target, options).spec;
}

/** Compiles like `compile` and also returns the staged bundles the spec refers to. */
export function compileWithAssets(
  target: Component<any, any, any>,
  options: CompileOptions = {},
): CompileResult {
  if (!isComponent(target)) {
    throw new PipelineDefinitionError('compile() needs a pipeline or a component made with kfp-ts.');
  }
  const definition = asPipeline(target);
  const name = options.pipelineName ?? definition.name;
  if (!PIPELINE_NAME_PATTERN.test(name)) {
    const suggestion = sanitizeName(name).slice(0, 128);
    throw new PipelineDefinitionError(`pipeline name '${name}' is not valid.`, {
      where: name,
      fix: `Names are lower-case letters, digits and dashes, starting with a letter or digit, at most 128 characters${suggestion ? ` (e.g. '${suggestion}')` : ''}.`,
    });
  }
  const overrides = options.pipelineParameters ?? {};
  for (const key of Object.keys(overrides)) {
    if (!(key in definition.inputs)) {
      throw new PipelineDefinitionError(`pipeline parameter '${key}' does not match any input.`, {
        where: name,
        fix: `Inputs are: ${Object.keys(definition.inputs).join(', ') || '(none)'}.`,
      });
    }
  }
  const session = createFunctionExecutorSession();
  const context = compileContext(options, session);
  const compiled = compileGraph(definition.graph, definition.inputs, definition.outputs, context, overrides);
  const pipelineInfo: Record<string, string> = { name };
  const displayName = options.displayName ?? definition.displayName;
  if (displayName) pipelineInfo.displayName = displayName;
  if (definition.description) pipelineInfo.description = definition.description;
  const spec: Record<string, unknown> = {
    pipelineInfo,
    root: compiled.root,
    components: compiled.components,
    deploymentSpec: { executors: compiled.executors },
    schemaVersion: '2.1.0',
    sdkVersion: SDK_VERSION,
  };
  if (definition.pipelineRoot) spec.defaultPipelineRoot = definition.pipelineRoot;
  if (Object.keys(compiled.components).length === 0) delete spec.components;
  if (Object.keys(compiled.executors).length === 0) delete spec.deploymentSpec;
  const result = validatePipelineSpec(spec);
  if (!result.ok) {
    // The compiler wrote something the IR schema rejects: a bug in kfp-ts, not in the pipeline.
    const issues = result.issues.map((i) => `  ${i.pathText}: ${i.message}`).join('\n');
    throw new Error(`kfp-ts internal error: the compiled IR of '${name}' is invalid:\n${issues}`);
  }
  return { spec: result.spec, assets: [...session.assets.values()], notes: [...session.notes] };
}

function compileContext(options: CompileOptions, session: FunctionExecutorSession): GraphCompileContext {
  const strategy =
    options.functionExecutor ??
    (options.shipping ? bundledExecutor(options.shipping) : defaultFunctionExecutor);
  const nested = new WeakMap<ComponentDefinition, CompiledGraph>();
  const context: GraphCompileContext = {
    cachingDefault: options.cachingDefault ?? true,
    defaultImage: options.defaultImage ?? DEFAULT_NODE_IMAGE,
    functionExecutor: (component, image) => strategy(component, image, session),
    compileNested(task: PipelineTask<any>) {
      const inner = task.component as PipelineDefinition | IrPipelineDefinition;
      let compiled = nested.get(inner);
      if (!compiled) {
        compiled =
          inner.kind === 'ir-pipeline'
            ? compiledFromSpec(inner)
            : compileGraph(inner.graph, inner.inputs, inner.outputs, context);
        nested.set(inner, compiled);
      }
      return compiled;
    },
  };
  return context;
}

/** A pipeline loaded from IR is merged as it is. */
function compiledFromSpec(definition: IrPipelineDefinition): CompiledGraph {
  const spec = structuredClone(definition.spec) as unknown as PipelineSpec;
  return {
    root: spec.root,
    components: { ...(spec.components ?? {}) },
    executors: {
      ...((spec.deploymentSpec as { executors?: CompiledGraph['executors'] } | undefined)?.executors ?? {}),
    },
  };
}

/** A single component compiles as a pipeline of one task that exposes all its outputs (as KFP). */
function asPipeline(target: Component<any, any, any>): PipelineDefinition {
  const definition = target.definition as ComponentDefinition;
  if (definition.kind === 'pipeline') return definition;
  const inputs = definition.inputs as IOSpecs;
  const wrapper = pipeline({ name: sanitizeName(definition.name), inputs }, (p: Record<string, unknown>) => {
    const task = target(p);
    return Object.keys(definition.outputs).length ? task.outputs : undefined;
  });
  return wrapper.definition as PipelineDefinition;
}
