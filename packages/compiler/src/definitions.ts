import type { ArtifactType, IOSpecs, JsonValue } from '@kfp-ts/dsl';
import { isParamSpec, PipelineDefinitionError } from '@kfp-ts/dsl';
import type { InputDefinitions, OutputDefinitions } from '@kfp-ts/schemas';
import type { ChannelType } from './channels.js';

export const artifactTypeOf = (type: ArtifactType) => ({
  schemaTitle: type.schemaTitle,
  schemaVersion: type.schemaVersion,
});

/** `inputDefinitions` of a component from its declarations (defaults make inputs optional, as in KFP). */
export function inputDefinitions(
  inputs: IOSpecs,
  overrides: Readonly<Record<string, JsonValue>> = {},
  where = '',
): InputDefinitions | undefined {
  const parameters: Record<string, any> = {};
  const artifacts: Record<string, any> = {};
  for (const [name, spec] of Object.entries(inputs)) {
    if (isParamSpec(spec)) {
      const entry: Record<string, unknown> = { parameterType: spec.kind };
      const value =
        name in overrides ? overrides[name] : spec.hasDefault ? (spec.default as JsonValue) : undefined;
      if (value !== undefined && value !== null) entry.defaultValue = value;
      // An overriding default (KFP's pipeline_parameters) does not make an input optional.
      if (spec.optional) entry.isOptional = true;
      if (spec.description) entry.description = spec.description;
      parameters[name] = entry;
    } else {
      if (name in overrides) {
        throw new PipelineDefinitionError(`artifact input '${name}' cannot have a default value.`, { where });
      }
      const entry: Record<string, unknown> = { artifactType: artifactTypeOf(spec.type) };
      if (spec.isList) entry.isArtifactList = true;
      if (spec.optional) entry.isOptional = true;
      if (spec.description) entry.description = spec.description;
      artifacts[name] = entry;
    }
  }
  return nonEmpty({ parameters, artifacts });
}

export function outputDefinitions(outputs: IOSpecs): OutputDefinitions | undefined {
  const parameters: Record<string, any> = {};
  const artifacts: Record<string, any> = {};
  for (const [name, spec] of Object.entries(outputs)) {
    if (isParamSpec(spec)) {
      parameters[name] = {
        parameterType: spec.kind,
        ...(spec.description ? { description: spec.description } : {}),
      };
    } else {
      artifacts[name] = {
        artifactType: artifactTypeOf(spec.type),
        ...(spec.isList ? { isArtifactList: true } : {}),
        ...(spec.description ? { description: spec.description } : {}),
      };
    }
  }
  return nonEmpty({ parameters, artifacts });
}

/** Definitions for a group's injected inputs or surfaced outputs. */
export function channelDefinitions(entries: Iterable<[string, ChannelType]>): InputDefinitions | undefined {
  const parameters: Record<string, any> = {};
  const artifacts: Record<string, any> = {};
  for (const [name, type] of entries) {
    if (type.artifact) {
      artifacts[name] = {
        artifactType: artifactTypeOf(type.type),
        ...(type.isList ? { isArtifactList: true } : {}),
      };
    } else {
      parameters[name] = { parameterType: type.kind };
    }
  }
  return nonEmpty({ parameters, artifacts });
}

/** Drops empty maps, as protobuf's JSON form does. */
export function nonEmpty<T extends Record<string, Record<string, unknown>>>(value: T): T | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (Object.keys(inner).length) out[key] = inner;
  return Object.keys(out).length ? (out as T) : undefined;
}
