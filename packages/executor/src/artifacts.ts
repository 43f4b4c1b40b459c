/**
 * Artifacts at the container boundary: the runtime artifacts of the executor input become the
 * `InputArtifact`/`OutputArtifact` objects the function sees, and after it ran, the output
 * artifacts become the `artifacts` of the ExecutorOutput (their metadata is how metrics reach
 * the consoles).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { ArtifactSpec, InputArtifact, OutputArtifact } from '@kfp-ts/dsl';
import { ComponentError } from './errors.js';
import type { RuntimeArtifactView } from './executor-input.js';
import { nonJson } from './parameters.js';
import type { PathForUri } from './uri-path.js';

/** An output artifact as the result reports it. */
export interface ProducedArtifact {
  readonly name: string;
  readonly uri: string;
  readonly path: string;
  readonly metadata: Record<string, unknown>;
}

/** The function's view of one input artifact (a list for `artifactList` inputs, undefined when left out). */
export function inputArtifactValue(
  component: string,
  name: string,
  spec: ArtifactSpec,
  runtime: readonly RuntimeArtifactView[] | undefined,
  pathForUri: PathForUri,
): InputArtifact | InputArtifact[] | undefined {
  const given = runtime ?? [];
  if (spec.isList) return given.map((artifact) => artifactView(component, name, spec, artifact, pathForUri));
  const first = given[0];
  if (first === undefined) {
    if (spec.optional) return undefined;
    throw new ComponentError(
      `input artifact '${name}' of component '${component}' is required, but the executor input has none`,
      { component, phase: 'input', io: name },
    );
  }
  return artifactView(component, name, spec, first, pathForUri);
}

/**
 * The output artifacts the function fills, with their parent folders created (as KFP's Python
 * executor does), so the function can write `artifact.path` directly.
 */
export async function outputArtifactValue(
  component: string,
  name: string,
  spec: ArtifactSpec,
  runtime: readonly RuntimeArtifactView[] | undefined,
  pathForUri: PathForUri,
): Promise<OutputArtifact | OutputArtifact[]> {
  const given = runtime ?? [];
  if (given.length === 0) {
    throw new ComponentError(
      `the executor input has no output artifact '${name}' for component '${component}'`,
      { component, phase: 'executor-input', io: name },
    );
  }
  const views = (spec.isList ? given : given.slice(0, 1)).map((artifact) =>
    artifactView(component, name, spec, artifact, pathForUri),
  );
  for (const view of views) await mkdir(path.dirname(view.path), { recursive: true });
  return spec.isList ? views : views[0]!;
}

/**
 * Checks what the function produced for one output artifact. KFP itself does not require the
 * file, but an output artifact with neither a file (or folder) at its path nor any metadata is
 * almost always a forgotten write, which would only surface in a later task as a missing file;
 * so kfp-ts reports it here. Metadata must be JSON (NaN or a Date would silently change).
 */
export function producedArtifacts(
  component: string,
  name: string,
  value: OutputArtifact | OutputArtifact[],
): ProducedArtifact[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((artifact) => {
    const fail = (message: string) => new ComponentError(message, { component, phase: 'output', io: name });
    const metadata = artifact.metadata;
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw fail(`output artifact '${name}' of component '${component}': metadata must be an object`);
    }
    const problem = nonJson(metadata, 'metadata');
    if (problem)
      throw fail(
        `output artifact '${name}' of component '${component}' has metadata that is not JSON: ${problem}`,
      );
    if (!existsSync(artifact.path) && Object.keys(metadata).length === 0) {
      throw fail(
        `output artifact '${name}' of component '${component}' was not produced: write a file or folder at ${name}.path (${artifact.path}) or set ${name}.metadata`,
      );
    }
    return { name: artifact.name, uri: artifact.uri, path: artifact.path, metadata };
  });
}

function artifactView(
  component: string,
  name: string,
  spec: ArtifactSpec,
  artifact: RuntimeArtifactView,
  pathForUri: PathForUri,
): InputArtifact & OutputArtifact {
  if (artifact.uri === undefined) {
    throw new ComponentError(
      `artifact '${name}' of component '${component}' has no uri in the executor input`,
      {
        component,
        phase: 'executor-input',
        io: name,
      },
    );
  }
  return {
    name: artifact.name ?? '',
    schemaTitle: artifact.type?.schemaTitle ?? spec.type.schemaTitle,
    uri: artifact.uri,
    // KFP 2.15+: a custom path set by the backend overrides the one derived from the URI.
    path: artifact.customPath ?? artifact.custom_path ?? pathForUri(artifact.uri),
    metadata: structuredClone(artifact.metadata ?? {}),
  };
}
