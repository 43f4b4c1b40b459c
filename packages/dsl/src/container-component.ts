import type {
  Component,
  ContainerComponentDefinition,
  IrPipelineDefinition,
} from './component-definition.js';
import { callable } from './component-definition.js';
import { checkComponentIO } from './component-io-check.js';
import type { ContainerArg } from './placeholders.js';
import { inputArtifact, inputValue, outputArtifact, outputParameterPath } from './placeholders.js';
import type { ArtifactSpec, IOSpecs, ParamSpec } from './specs.js';
import { isParamSpec } from './specs.js';
import { createTask } from './task.js';

interface ArtifactPlaceholders {
  readonly path: string;
  readonly uri: string;
  readonly metadata: string;
  /** The whole list of a list-of-artifacts input or output, as JSON. */
  readonly list: string;
}

/** What a container's command and args can refer to, as placeholder strings. */
export type InputPlaceholders<I extends IOSpecs> = {
  readonly [K in keyof I]: I[K] extends ParamSpec<any, any, any> ? string : ArtifactPlaceholders;
};
export type OutputPlaceholders<O extends IOSpecs> = {
  readonly [K in keyof O]: O[K] extends ArtifactSpec<any, any, any> ? ArtifactPlaceholders : string;
};

type ArgsSpec<I extends IOSpecs, O extends IOSpecs> =
  | readonly ContainerArg[]
  | ((inputs: InputPlaceholders<I>, outputs: OutputPlaceholders<O>) => readonly ContainerArg[]);

export interface ContainerComponentConfig<I extends IOSpecs, O extends IOSpecs> {
  name: string;
  description?: string;
  inputs?: I;
  outputs?: O;
  image: string;
  /** The entrypoint; a list, or a function of the input/output placeholders. */
  command?: ArgsSpec<I, O>;
  args?: ArgsSpec<I, O>;
  env?: Record<string, string>;
}

/**
 * Declares a component that runs any container. Command and args may use the placeholders of
 * inputs and outputs, in template strings too:
 *
 * ```ts
 * containerComponent({
 *   name: 'say', image: 'alpine', inputs: { text: param.string() }, outputs: { out: artifact(Dataset) },
 *   command: ['sh', '-c', 'echo "$0" > "$1"'],
 *   args: (i, o) => [i.text, o.out.path],
 * });
 * ```
 * Output parameters are files to write: `o.count` is the path of the file that holds `count`.
 */
export function containerComponent<const I extends IOSpecs = {}, const O extends IOSpecs = {}>(
  config: ContainerComponentConfig<I, O>,
): Component<I, O, ContainerComponentDefinition<I, O>> {
  const inputs = (config.inputs ?? {}) as I;
  const outputs = (config.outputs ?? {}) as O;
  checkComponentIO(config.name, inputs, outputs);
  if (typeof config.image !== 'string' || config.image.trim() === '') {
    throw new TypeError(`container component '${config.name}' needs an image.`);
  }
  const inputPlaceholders = Object.fromEntries(
    Object.entries(inputs).map(([k, spec]) => [k, isParamSpec(spec) ? inputValue(k) : inputArtifact(k)]),
  ) as InputPlaceholders<I>;
  const outputPlaceholders = Object.fromEntries(
    Object.entries(outputs).map(([k, spec]) => [
      k,
      isParamSpec(spec) ? outputParameterPath(k) : outputArtifact(k),
    ]),
  ) as OutputPlaceholders<O>;
  const resolve = (spec: ArgsSpec<I, O> | undefined) =>
    Object.freeze([
      ...(typeof spec === 'function' ? spec(inputPlaceholders, outputPlaceholders) : (spec ?? [])),
    ]);
  const definition: ContainerComponentDefinition<I, O> = Object.freeze({
    kind: 'container' as const,
    name: config.name,
    inputs,
    outputs,
    image: config.image,
    command: resolve(config.command),
    args: resolve(config.args),
    ...(config.description !== undefined ? { description: config.description } : {}),
    ...(config.env !== undefined ? { env: Object.freeze({ ...config.env }) } : {}),
  });
  return callable<I, O, ContainerComponentDefinition<I, O>>(definition, createTask);
}

/**
 * Wraps a ready definition (for example one loaded from a KFP component or pipeline YAML) as a
 * component. Types are as loose as the definition: use `containerComponent` for typed ones.
 */
export function componentFromDefinition<D extends ContainerComponentDefinition | IrPipelineDefinition>(
  definition: D,
): Component<IOSpecs, IOSpecs, D> {
  checkComponentIO(definition.name, definition.inputs, definition.outputs);
  return callable<IOSpecs, IOSpecs, D>(Object.freeze(definition), createTask);
}
