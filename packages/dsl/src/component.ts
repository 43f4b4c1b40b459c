import { callerFile } from './caller-file.js';
import type { Component, FunctionComponentDefinition, RunFunction } from './component-definition.js';
import { callable } from './component-definition.js';
import { checkComponentIO } from './component-io-check.js';
import type { IOSpecs } from './specs.js';
import { createTask } from './task.js';

export interface ComponentConfig<I extends IOSpecs, O extends IOSpecs> {
  /** Name of the component (`train`, `read-csv`); task and component keys derive from it. */
  name: string;
  description?: string;
  inputs?: I;
  outputs?: O;
  /** Container image for this component (a Node.js image); the compiler's default otherwise. */
  image?: string;
  /**
   * The code. Receives the parameter values and input artifacts, then the output artifacts
   * (write `path`, fill `metadata`); returns the output parameters.
   */
  run: RunFunction<I, O>;
}

/**
 * Declares a TypeScript function component. Inputs and outputs are declared once; the function's
 * argument and return types, the call signature used in pipelines and the IR all derive from them.
 *
 * ```ts
 * export const train = component({
 *   name: 'train',
 *   inputs: { data: artifact(Dataset), c: param.float({ default: 1 }) },
 *   outputs: { model: artifact(Model), auc: param.float() },
 *   async run({ data, c }, { model }) { ...; return { auc }; },
 * });
 * ```
 */
export function component<const I extends IOSpecs = {}, const O extends IOSpecs = {}>(
  config: ComponentConfig<I, O>,
): Component<I, O, FunctionComponentDefinition<I, O>> {
  const inputs = (config.inputs ?? {}) as I;
  const outputs = (config.outputs ?? {}) as O;
  checkComponentIO(config.name, inputs, outputs);
  if (typeof config.run !== 'function') {
    throw new TypeError(`component '${config.name}': run must be a function.`);
  }
  const file = callerFile();
  const definition: FunctionComponentDefinition<I, O> = Object.freeze({
    kind: 'function' as const,
    name: config.name,
    inputs,
    outputs,
    run: config.run,
    ...(config.description !== undefined ? { description: config.description } : {}),
    ...(config.image !== undefined ? { image: config.image } : {}),
    ...(file !== undefined ? { source: Object.freeze({ file }) } : {}),
  });
  return callable<I, O, FunctionComponentDefinition<I, O>>(definition, createTask);
}
