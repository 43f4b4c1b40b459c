/**
 * Reads what a container wrote, with KFP's launcher rules: `parameterValues` of the ExecutorOutput
 * JSON win; otherwise each output parameter's file, parsed by its declared type. Artifact metadata
 * comes from the ExecutorOutput. Declared outputs are checked by the task runner, not here.
 */
import { readFile } from 'node:fs/promises';
import type { ExecutorInput, JsonValue, OutputDefinitions, RuntimeArtifact } from '@kfp-ts/schemas';
import { parseOutputText } from '../values.js';
import type { ExecutionOutputs } from './types.js';

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function readContainerOutputs(
  executorInput: ExecutorInput,
  outputs: OutputDefinitions | undefined,
): Promise<ExecutionOutputs> {
  let written: {
    parameterValues?: Record<string, JsonValue>;
    artifacts?: Record<string, { artifacts?: RuntimeArtifact[] }>;
  } = {};
  const outputFile = executorInput.outputs?.outputFile;
  const text = outputFile ? await readOptional(outputFile) : undefined;
  if (text !== undefined && text.trim() !== '') {
    try {
      written = JSON.parse(text);
    } catch (error) {
      throw new Error(`the executor output ${outputFile} is not JSON: ${(error as Error).message}`);
    }
  }
  const parameters: Record<string, JsonValue> = {};
  for (const [name, decl] of Object.entries(outputs?.parameters ?? {})) {
    const value = written.parameterValues?.[name];
    if (value !== undefined && value !== null) {
      parameters[name] = value;
      continue;
    }
    const file = executorInput.outputs?.parameters?.[name]?.outputFile;
    const fileText = file ? await readOptional(file) : undefined;
    if (fileText !== undefined) {
      parameters[name] = parseOutputText(fileText, decl.parameterType, `output parameter '${name}'`);
    }
  }
  const artifacts: Record<string, RuntimeArtifact[]> = {};
  for (const [name, list] of Object.entries(executorInput.outputs?.artifacts ?? {})) {
    const reported = written.artifacts?.[name]?.artifacts;
    artifacts[name] = (list.artifacts ?? []).map((a, i) => {
      const r = reported?.[i];
      return {
        ...a,
        ...(r?.uri ? { uri: r.uri } : {}),
        metadata: { ...(a.metadata ?? {}), ...(r?.metadata ?? {}) },
      };
    });
  }
  return { parameters, artifacts };
}
