/**
 * The one implementation of KFP's executor contract for TypeScript components, used by the
 * container entry point (`executorMain`), the local runner's in-process mode and unit tests:
 * executor input in, function called, output files and ExecutorOutput written.
 */
import type {
  ArtifactSpec,
  FunctionComponentDefinition,
  IOSpecs,
  JsonValue,
  ParamSpec,
  RunContext,
} from '@kfp-ts/dsl';
import { isArtifactSpec, isParamSpec } from '@kfp-ts/dsl';
import type { ProducedArtifact } from './artifacts.js';
import { inputArtifactValue, outputArtifactValue, producedArtifacts } from './artifacts.js';
import { writeFileAtomic } from './atomic-write.js';
import { ComponentError, messageOf } from './errors.js';
import type { ExecutorInputView } from './executor-input.js';
import { parseExecutorInput } from './executor-input.js';
import { withExitGuard } from './exit-guard.js';
import { inputParameterValue, outputParameterValues, parameterFileText } from './parameters.js';
import type { PathForUri } from './uri-path.js';
import { kfpPathForUri } from './uri-path.js';

export interface ExecuteOptions {
  /**
   * Maps an artifact URI to the local path the function reads or writes. Default: KFP's mapping
   * (`gs://b/k` -> `/gcs/b/k`, `minio://` -> `/minio/`, `s3://` -> `/s3/`, other URIs as they are);
   * a local runner maps to its own folders.
   */
  readonly pathForUri?: PathForUri;
  /** What the function sees as its context (the executor input does not carry it). */
  readonly context?: Partial<RunContext>;
}

export type ExecutionResult =
  | {
      readonly ok: true;
      readonly outputParameters: Readonly<Record<string, JsonValue>>;
      /** Per output: the artifact (a list for `artifactList` outputs) with its final metadata. */
      readonly outputArtifacts: Readonly<Record<string, ProducedArtifact | ProducedArtifact[]>>;
    }
  | { readonly ok: false; readonly error: ComponentError };

/**
 * Runs one function component against an executor input (the `--executor_input` JSON text or
 * object), in this process. Steps, each of which fails with a ComponentError naming the component
 * (and the input or output) and leaves the executor output file unwritten:
 *
 * 1. validate the executor input; 2. check every input parameter against its declared kind and
 * schema, applying defaults (the function is not called when one is wrong); 3. build the input
 * and output artifacts (output folders created); 4. call `run`; 5. check the returned output
 * parameters and the output artifacts; 6. write each output parameter file, then the
 * ExecutorOutput JSON, each atomically.
 *
 * The function shares this process: a `process.exit` call inside it throws instead (see
 * exit-guard.ts) and fails the component; an exit from a detached callback still ends the
 * process, so isolate untrusted code with the subprocess mode, where `executorMain` turns an early
 * exit into a failed task.
 */
export async function executeComponent(
  definition: FunctionComponentDefinition<any, any>,
  executorInput: unknown,
  options: ExecuteOptions = {},
): Promise<ExecutionResult> {
  try {
    return { ok: true, ...(await execute(definition, executorInput, options)) };
  } catch (error) {
    const failure =
      error instanceof ComponentError
        ? error
        : new ComponentError(`component '${definition.name}' failed: ${messageOf(error)}`, {
            component: definition.name,
            phase: 'output',
            cause: error,
          });
    return { ok: false, error: failure };
  }
}

async function execute(
  definition: FunctionComponentDefinition<any, any>,
  executorInput: unknown,
  options: ExecuteOptions,
) {
  const component = definition.name;
  const parsed = parseExecutorInput(executorInput);
  if (!parsed.ok) {
    throw new ComponentError(`component '${component}': the executor input is not valid: ${parsed.problem}`, {
      component,
      phase: 'executor-input',
    });
  }
  const input: ExecutorInputView = parsed.value;
  const pathForUri = options.pathForUri ?? kfpPathForUri;
  const { params: inputParams, artifacts: inputArtifactSpecs } = split(definition.inputs);
  const { params: outputParams, artifacts: outputArtifactSpecs } = split(definition.outputs);

  // Parameters first: a bad value fails before any folder is created.
  const inputs: Record<string, unknown> = {};
  const values = input.inputs?.parameterValues ?? {};
  for (const [name, spec] of Object.entries(inputParams)) {
    inputs[name] = inputParameterValue(component, name, spec, values[name]);
  }
  for (const [name, spec] of Object.entries(inputArtifactSpecs)) {
    inputs[name] = inputArtifactValue(
      component,
      name,
      spec,
      input.inputs?.artifacts?.[name]?.artifacts,
      pathForUri,
    );
  }
  const outputArtifacts: Record<string, any> = {};
  for (const [name, spec] of Object.entries(outputArtifactSpecs)) {
    outputArtifacts[name] = await outputArtifactValue(
      component,
      name,
      spec,
      input.outputs?.artifacts?.[name]?.artifacts,
      pathForUri,
    );
  }

  const context: RunContext = {
    taskName: options.context?.taskName ?? '',
    pipelineJobName: options.context?.pipelineJobName ?? '',
  };
  let returned: unknown;
  try {
    returned = await withExitGuard(async () =>
      definition.run(inputs as never, outputArtifacts as never, context),
    );
  } catch (error) {
    throw new ComponentError(`component '${component}' failed: ${messageOf(error)}`, {
      component,
      phase: 'run',
      cause: error,
    });
  }

  const outputParameters = outputParameterValues(
    component,
    outputParams,
    Object.keys(outputArtifactSpecs),
    returned,
  );
  const produced: Record<string, ProducedArtifact | ProducedArtifact[]> = {};
  for (const [name, spec] of Object.entries(outputArtifactSpecs)) {
    const list = producedArtifacts(component, name, outputArtifacts[name]);
    produced[name] = spec.isList ? list : list[0]!;
  }

  for (const [name, value] of Object.entries(outputParameters)) {
    const file = input.outputs?.parameters?.[name]?.outputFile;
    if (file !== undefined) await writeFileAtomic(file, parameterFileText(outputParams[name]!.kind, value));
  }
  // Written last: its presence means every other output is in place.
  const outputFile = input.outputs?.outputFile;
  if (outputFile !== undefined) {
    await writeFileAtomic(outputFile, `${JSON.stringify(executorOutput(outputParameters, produced))}\n`);
  }
  return { outputParameters, outputArtifacts: produced };
}

/**
 * The ExecutorOutput document as KFP's Python executor writes it: native JSON parameter values
 * (the backend prefers them to the parameter files) and, per output artifact, name, uri and
 * metadata.
 */
function executorOutput(
  parameterValues: Record<string, JsonValue>,
  produced: Record<string, ProducedArtifact | ProducedArtifact[]>,
): Record<string, unknown> {
  const artifacts: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(produced)) {
    const list = Array.isArray(value) ? value : [value];
    artifacts[name] = { artifacts: list.map((a) => ({ name: a.name, uri: a.uri, metadata: a.metadata })) };
  }
  const document: Record<string, unknown> = {};
  if (Object.keys(parameterValues).length) document.parameterValues = parameterValues;
  if (Object.keys(artifacts).length) document.artifacts = artifacts;
  return document;
}

function split(specs: IOSpecs): {
  params: Record<string, ParamSpec>;
  artifacts: Record<string, ArtifactSpec>;
} {
  const params: Record<string, ParamSpec> = {};
  const artifacts: Record<string, ArtifactSpec> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (isParamSpec(spec)) params[name] = spec;
    else if (isArtifactSpec(spec)) artifacts[name] = spec;
  }
  return { params, artifacts };
}
