import type { ArtifactType } from './artifact-types.js';
import type { ImporterDefinition } from './component-definition.js';
import { PipelineDefinitionError } from './errors.js';
import type { ParamRef } from './refs.js';
import { isParamRef } from './refs.js';
import type { ArtifactSpec, JsonValue, ParamSpec } from './specs.js';
import { artifact, param } from './specs.js';
import type { PipelineTask } from './task.js';
import { createTask } from './task.js';

export interface ImporterOptions<S extends string> {
  /** The artifact's URI: a literal (`gs://bucket/data.csv`) or a string input/output. */
  artifactUri: string | ParamRef<'STRING', any>;
  /** Its type, e.g. `Dataset`. */
  artifactClass: ArtifactType<S>;
  /** Register a new artifact even if one with this URI exists (default false). */
  reimport?: boolean;
  /** Metadata recorded with the artifact. */
  metadata?: Record<string, JsonValue>;
}

/**
 * Brings an existing URI into the pipeline as an artifact (KFP's `dsl.importer`); its output is
 * `task.outputs.artifact`.
 */
export function importer<S extends string>(
  options: ImporterOptions<S>,
): PipelineTask<{ artifact: ArtifactSpec<S, false, false> }> {
  const { artifactUri, artifactClass } = options;
  if (typeof artifactUri !== 'string' && !isParamRef(artifactUri)) {
    throw new PipelineDefinitionError('importer: artifactUri must be a string or a string parameter.');
  }
  const definition: ImporterDefinition<S> = Object.freeze({
    kind: 'importer' as const,
    name: 'importer',
    inputs: { uri: param.string() as ParamSpec },
    outputs: { artifact: artifact(artifactClass) },
    artifactType: artifactClass,
    reimport: options.reimport ?? false,
    ...(options.metadata !== undefined ? { metadata: Object.freeze({ ...options.metadata }) } : {}),
    ...(typeof artifactUri === 'string' ? { constantUri: artifactUri } : {}),
  });
  return createTask(definition, { uri: artifactUri }) as PipelineTask<any>;
}
