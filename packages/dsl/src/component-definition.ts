import type { ArtifactType } from './artifact-types.js';
import { BRAND, hasBrand } from './brand.js';
import type {
  InputArtifact,
  OutputArtifact,
  RunInputs,
  RunOutputArtifacts,
  RunResult,
  TaskArgs,
} from './io-types.js';
import type { PipelineGraph } from './pipeline-graph.js';
import type { ContainerArg } from './placeholders.js';
import type { ParamRef } from './refs.js';
import type { IOSpecs, JsonValue } from './specs.js';
import type { PipelineTask } from './task.js';

interface DefinitionBase<I extends IOSpecs, O extends IOSpecs> {
  /** The component's name; task, component and executor keys derive from it (`train` -> `comp-train`). */
  readonly name: string;
  readonly description?: string;
  readonly inputs: I;
  readonly outputs: O;
}

/** What a component's function gets besides its inputs and outputs. */
export interface RunContext {
  /** The task's name in the running pipeline (`train-2`). */
  readonly taskName: string;
  /** The pipeline job's name, when known. */
  readonly pipelineJobName: string;
}

export type RunFunction<I extends IOSpecs = any, O extends IOSpecs = any> = (
  inputs: RunInputs<I>,
  outputs: RunOutputArtifacts<O>,
  context: RunContext,
) => RunResult<O> | Promise<RunResult<O>>;

/** A TypeScript function run by kfp-ts's executor inside a Node.js container. */
export interface FunctionComponentDefinition<I extends IOSpecs = any, O extends IOSpecs = any>
  extends DefinitionBase<I, O> {
  readonly kind: 'function';
  readonly run: RunFunction<I, O>;
  /** Container image to run on; the compiler's default when absent. */
  readonly image?: string;
  /**
   * @internal Where `component()` was called: the module the compiler bundles to ship the
   * function into its container. Absent when unknown (e.g. defined in a REPL).
   */
  readonly source?: { readonly file: string };
}

/** Any container: image, command and arguments with placeholders for inputs and outputs. */
export interface ContainerComponentDefinition<I extends IOSpecs = IOSpecs, O extends IOSpecs = IOSpecs>
  extends DefinitionBase<I, O> {
  readonly kind: 'container';
  readonly image: string;
  readonly command: readonly ContainerArg[];
  readonly args: readonly ContainerArg[];
  readonly env?: Readonly<Record<string, string>>;
}

/** KFP's importer: brings an existing URI into the pipeline as an artifact. */
export interface ImporterDefinition<S extends string = string> extends DefinitionBase<IOSpecs, IOSpecs> {
  readonly kind: 'importer';
  readonly artifactType: ArtifactType<S>;
  readonly reimport: boolean;
  readonly metadata?: Readonly<Record<string, JsonValue>>;
  /** A literal URI (compiled into the executor) or undefined when the URI is a runtime value. */
  readonly constantUri?: string;
}

/** A pipeline, usable as a component inside another pipeline. */
export interface PipelineDefinition<I extends IOSpecs = IOSpecs, O extends IOSpecs = IOSpecs>
  extends DefinitionBase<I, O> {
  readonly kind: 'pipeline';
  readonly displayName?: string;
  readonly pipelineRoot?: string;
  /** Runs the body (once, on first use) and returns the task graph. */
  readonly graph: PipelineGraph;
}

/**
 * A pipeline that exists only as compiled IR (loaded from a YAML file written by kfp-ts or the
 * Python SDK), usable as a nested pipeline. `spec` is the whole PipelineSpec document.
 */
export interface IrPipelineDefinition<I extends IOSpecs = IOSpecs, O extends IOSpecs = IOSpecs>
  extends DefinitionBase<I, O> {
  readonly kind: 'ir-pipeline';
  readonly spec: Readonly<Record<string, unknown>>;
}

export type ComponentDefinition<I extends IOSpecs = IOSpecs, O extends IOSpecs = IOSpecs> =
  | FunctionComponentDefinition<I, O>
  | ContainerComponentDefinition<I, O>
  | ImporterDefinition
  | PipelineDefinition<I, O>
  | IrPipelineDefinition<I, O>;

/** Arguments are optional altogether when no input is required. */
export type CallArgs<I extends IOSpecs> = {} extends TaskArgs<I> ? [args?: TaskArgs<I>] : [args: TaskArgs<I>];

/**
 * A component: call it inside a pipeline body with its inputs to add a task. The definition
 * (inputs, outputs, how it runs) is under `.definition`.
 */
export interface Component<
  I extends IOSpecs = IOSpecs,
  O extends IOSpecs = IOSpecs,
  D = ComponentDefinition<I, O>,
> {
  (...args: CallArgs<I>): PipelineTask<O>;
  readonly [BRAND]: 'component';
  readonly definition: D;
}

export function isComponent(value: unknown): value is Component<any, any, any> {
  return hasBrand(value, 'component');
}

/** @internal Wraps a definition as a callable component. */
export function callable<I extends IOSpecs, O extends IOSpecs, D extends ComponentDefinition<I, O>>(
  definition: D,
  createTask: (definition: D, args: Record<string, unknown> | undefined) => PipelineTask<O>,
): Component<I, O, D> {
  const fn = (args?: Record<string, unknown>) => createTask(definition, args);
  Object.defineProperty(fn, BRAND, { value: 'component' });
  Object.defineProperty(fn, 'definition', { value: definition, enumerable: true });
  // Function names are read-only; defineProperty shows the component's name in stack traces.
  Object.defineProperty(fn, 'name', { value: definition.name });
  return fn as unknown as Component<I, O, D>;
}

export type { InputArtifact, OutputArtifact, ParamRef };
