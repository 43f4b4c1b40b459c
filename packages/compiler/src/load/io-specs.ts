/**
 * DSL input/output declarations from what a file says about them (an IR parameter type, an
 * artifact type title), for both loaders.
 */
import type { ArtifactSpec, ArtifactType, JsonValue, ParamKind, ParamSpec } from '@kfp-ts/dsl';
import {
  Artifact,
  artifact,
  artifactList,
  ClassificationMetrics,
  Dataset,
  defineArtifactType,
  google,
  HTML,
  Markdown,
  Metrics,
  Model,
  param,
  SlicedClassificationMetrics,
} from '@kfp-ts/dsl';

export interface ParamDetails {
  readonly default?: JsonValue | undefined;
  readonly optional?: boolean | undefined;
  readonly description?: string | undefined;
}

/** A parameter declaration of IR type `kind`. */
export function paramSpecOf(kind: ParamKind, details: ParamDetails = {}): ParamSpec {
  // Only the keys that are set: the DSL treats a present `default` key as a declared default.
  // The default's type is the file's business (the IR schema checked it fits `kind`), hence `any`.
  const options: { default?: any; optional?: boolean; description?: string } = {};
  if (details.default !== undefined) options.default = details.default;
  if (details.optional) options.optional = true;
  if (details.description !== undefined) options.description = details.description;
  switch (kind) {
    case 'STRING':
      return param.string(options);
    case 'NUMBER_INTEGER':
      return param.int(options);
    case 'NUMBER_DOUBLE':
      return param.float(options);
    case 'BOOLEAN':
      return param.bool(options);
    case 'LIST':
      return param.list(undefined, options);
    case 'STRUCT':
      return param.struct(undefined, options);
    case 'TASK_FINAL_STATUS':
      return param.taskFinalStatus(
        details.description !== undefined ? { description: details.description } : {},
      );
  }
}

export interface ArtifactDetails {
  readonly isList?: boolean | undefined;
  readonly optional?: boolean | undefined;
  readonly description?: string | undefined;
}

/** An artifact declaration. */
export function artifactSpecOf(type: ArtifactType, details: ArtifactDetails = {}): ArtifactSpec {
  const options: { optional?: boolean; description?: string } = {};
  if (details.optional) options.optional = true;
  if (details.description !== undefined) options.description = details.description;
  return details.isList ? artifactList(type, options) : artifact(type, options);
}

/** The DSL's own type objects, so that a loaded `system.Dataset` is the `Dataset` users import. */
const KNOWN_TYPES: readonly ArtifactType[] = [
  Artifact,
  Dataset,
  Model,
  Metrics,
  ClassificationMetrics,
  SlicedClassificationMetrics,
  HTML,
  Markdown,
  ...Object.values(google),
];

/** The artifact type with this title and version (a DSL constant when there is one). */
export function artifactTypeOf(schemaTitle: string, schemaVersion: string): ArtifactType {
  const known = KNOWN_TYPES.find((t) => t.schemaTitle === schemaTitle && t.schemaVersion === schemaVersion);
  return known ?? defineArtifactType(schemaTitle, schemaVersion);
}
