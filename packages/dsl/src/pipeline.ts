import { BuildContext, isThenable, withContext } from './build-context.js';
import type { Component, PipelineDefinition } from './component-definition.js';
import { callable } from './component-definition.js';
import { checkComponentIO } from './component-io-check.js';
import { PipelineDefinitionError } from './errors.js';
import type { SpecOfRef } from './io-types.js';
import type { PipelineGraph } from './pipeline-graph.js';
import type { AnyRef, ArtifactRef, ParamRef } from './refs.js';
import { isRef, makeArtifactRef, makeParamRef } from './refs.js';
import type { ArtifactSpec, IOSpecs, ParamSpec } from './specs.js';
import { artifact, artifactList, isParamSpec, param } from './specs.js';
import { createTask } from './task.js';

/** The references a pipeline body receives for its inputs. */
export type PipelineInputs<I extends IOSpecs> = {
  readonly [K in keyof I]: I[K] extends ParamSpec<infer Kd, infer T, any>
    ? ParamRef<Kd, T>
    : I[K] extends ArtifactSpec<infer S, infer L, any>
      ? ArtifactRef<S, L>
      : never;
};

/** What a body may return: nothing, one reference (the output `Output`), or named references. */
export type PipelineReturn = void | undefined | AnyRef | Readonly<Record<string, AnyRef>>;

/** Output declarations implied by what the body returns. */
export type OutputsOf<R> = [R] extends [void | undefined]
  ? {}
  : R extends AnyRef
    ? { Output: SpecOfRef<R> }
    : R extends Readonly<Record<string, AnyRef>>
      ? { [K in keyof R]: SpecOfRef<R[K]> }
      : {};

export interface PipelineConfig<I extends IOSpecs> {
  /** `pipelineInfo.name`: lower-case letters, digits and dashes, at most 128 characters. */
  name: string;
  description?: string;
  /** Name shown in the Vertex / KFP console. */
  displayName?: string;
  /** Where runs write artifacts unless the run says otherwise (`gs://bucket/path`). */
  pipelineRoot?: string;
  inputs?: I;
}

export type Pipeline<I extends IOSpecs = IOSpecs, O extends IOSpecs = IOSpecs> = Component<
  I,
  O,
  PipelineDefinition<I, O>
>;

/**
 * Declares a pipeline: its inputs and a synchronous body that wires tasks. The body runs once,
 * when the pipeline is first compiled or used; what it returns becomes the pipeline's outputs.
 * A pipeline is itself a component, callable inside another pipeline.
 */
export function pipeline<const I extends IOSpecs = {}, R extends PipelineReturn = void>(
  config: PipelineConfig<I>,
  body: (inputs: PipelineInputs<I>) => R,
): Pipeline<I, OutputsOf<R>> {
  const inputs = (config.inputs ?? {}) as I;
  checkComponentIO(config.name, inputs, {});
  if (typeof body !== 'function')
    throw new TypeError(`pipeline '${config.name}': the body must be a function.`);
  let graph: PipelineGraph | undefined;
  let building = false;
  const build = (): PipelineGraph => {
    if (graph) return graph;
    if (building) {
      throw new PipelineDefinitionError(`pipeline '${config.name}' uses itself.`, {
        where: config.name,
        fix: 'A pipeline cannot contain itself, directly or through another pipeline.',
      });
    }
    building = true;
    try {
      graph = buildGraph(config.name, inputs, body);
    } finally {
      building = false;
    }
    return graph;
  };
  const definition = {
    kind: 'pipeline' as const,
    name: config.name,
    inputs,
    get graph() {
      return build();
    },
    get outputs() {
      return outputSpecs(build().outputs);
    },
    ...(config.description !== undefined ? { description: config.description } : {}),
    ...(config.displayName !== undefined ? { displayName: config.displayName } : {}),
    ...(config.pipelineRoot !== undefined ? { pipelineRoot: config.pipelineRoot } : {}),
  } as PipelineDefinition<I, OutputsOf<R>>;
  return callable<I, OutputsOf<R>, PipelineDefinition<I, OutputsOf<R>>>(
    Object.freeze(definition),
    createTask,
  );
}

function buildGraph<I extends IOSpecs>(
  name: string,
  inputs: I,
  body: (inputs: PipelineInputs<I>) => PipelineReturn,
): PipelineGraph {
  const context = new BuildContext(name);
  const refs: Record<string, AnyRef> = {};
  for (const [key, spec] of Object.entries(inputs)) {
    const source = { type: 'pipeline-input', name: key } as const;
    refs[key] = isParamSpec(spec)
      ? makeParamRef(spec.kind, source, spec)
      : makeArtifactRef(spec.type, spec.isList, source);
  }
  const returned = withContext(context, () => {
    const result = body(refs as PipelineInputs<I>);
    if (isThenable(result)) {
      throw new PipelineDefinitionError('the pipeline body returned a Promise.', {
        where: name,
        fix: 'Pipeline bodies must be synchronous (no async, no await): they only wire tasks, nothing runs at definition time.',
      });
    }
    return result;
  });
  const outputs: Record<string, AnyRef> = {};
  if (isRef(returned)) {
    outputs.Output = returned;
  } else if (returned !== undefined && returned !== null) {
    if (typeof returned !== 'object') {
      throw new PipelineDefinitionError(`the pipeline body returned ${typeof returned}.`, {
        where: name,
        fix: 'Return nothing, one task output, or an object of task outputs.',
      });
    }
    for (const [key, value] of Object.entries(returned)) {
      if (!isRef(value)) {
        throw new PipelineDefinitionError(
          `pipeline output '${key}' is not a task output or pipeline input.`,
          {
            where: name,
            fix: 'Pipeline outputs must be references such as task.outputs.x (literals have no task to produce them).',
          },
        );
      }
      outputs[key] = value;
    }
  }
  return Object.freeze({
    root: context.root,
    tasks: Object.freeze([...context.tasks]),
    outputs: Object.freeze(outputs),
    context,
  });
}

function outputSpecs(outputs: Record<string, AnyRef>): IOSpecs {
  const specs: IOSpecs = {};
  for (const [key, ref] of Object.entries(outputs)) {
    if ('kind' in ref) {
      const kind = ref.kind as ParamSpec['kind'];
      specs[key] = { ...param.string(), kind } as ParamSpec;
    } else {
      specs[key] = ref.isList ? artifactList(ref.type) : artifact(ref.type);
    }
  }
  return specs;
}
