// Messages shared by several parts of the IR: artifact type references and constant-or-parameter
// values. Component definitions, executors and the executor contract all use them.
import { z } from 'zod';
import { JsonValueSchema, LegacyValueSchema } from './proto-json.js';
import { oneOf, strictObject } from './zod-helpers.js';

/**
 * `ArtifactTypeSchema`: which artifact type an input, output, importer or runtime artifact has. The
 * compiler always writes `schemaTitle` (e.g. `system.Dataset`) together with `schemaVersion` (`0.0.1`).
 */
export const ArtifactTypeSchema = oneOf(
  strictObject({
    schemaTitle: z
      .string()
      .describe('Artifact type name, e.g. system.Dataset or google.VertexModel.')
      .optional(),
    schemaUri: z.string().describe('Deprecated: URI of a schema file.').optional(),
    instanceSchema: z.string().describe('Inline schema of the artifact properties.').optional(),
    schemaVersion: z.string().describe('Version of the type schema, e.g. 0.0.1.').optional(),
  }),
  ['schemaTitle', 'schemaUri', 'instanceSchema'],
  { required: true },
).meta({ id: 'ArtifactTypeSchema', description: 'The type of an artifact.' });
export type ArtifactType = z.infer<typeof ArtifactTypeSchema>;

/**
 * `ValueOrRuntimeParameter`: a value fixed at compile time (`constant`, any JSON value) or the name of a
 * runtime parameter (`runtimeParameter`, used by importer URIs). `constantValue` is the schema 2.0.0 form.
 */
export const ValueOrRuntimeParameterSchema = oneOf(
  strictObject({
    constant: JsonValueSchema.optional(),
    runtimeParameter: z
      .string()
      .describe('Name of an input parameter of the component that supplies the value at run time.')
      .optional(),
    constantValue: LegacyValueSchema.optional(),
  }),
  ['constant', 'runtimeParameter', 'constantValue'],
  { required: true },
).meta({ id: 'ValueOrRuntimeParameter' });
export type ValueOrRuntimeParameter = z.infer<typeof ValueOrRuntimeParameterSchema>;

/** The deprecated `properties` / `customProperties` maps of output artifacts and importers. */
export const LegacyPropertiesSchema = z
  .record(z.string(), ValueOrRuntimeParameterSchema)
  .describe('Deprecated: use metadata instead.');
