// How protobuf well-known types and scalar kinds look in proto3 JSON, which is the form the KFP
// compiler writes (json_format.MessageToDict) and the backends read.
import { z } from 'zod';
import { oneOf, strictObject } from './zod-helpers.js';

/** Any JSON value: the proto3 JSON form of `google.protobuf.Value`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object: the proto3 JSON form of `google.protobuf.Struct`. */
export type JsonObject = { [key: string]: JsonValue };

export const JsonValueSchema: z.ZodType<JsonValue> = z.json().meta({
  id: 'JsonValue',
  description: 'Any JSON value (google.protobuf.Value).',
});

export const JsonObjectSchema: z.ZodType<JsonObject> = z.record(z.string(), JsonValueSchema).meta({
  id: 'JsonObject',
  description: 'A JSON object (google.protobuf.Struct).',
});

/**
 * `google.protobuf.Duration`: decimal seconds with an `s` suffix and at most nanosecond precision,
 * e.g. `0s`, `3600s`, `1.5s`. The KFP compiler writes retry backoffs this way.
 */
export const DurationSchema = z
  .string()
  .regex(/^-?\d+(\.\d{1,9})?s$/, {
    error: (issue) =>
      `expected a duration in seconds with an "s" suffix, such as "3600s" or "0.5s", but got ${JSON.stringify(issue.input)}`,
  })
  .meta({ id: 'Duration', description: 'google.protobuf.Duration in proto3 JSON form, e.g. "3600s".' });

/**
 * An int64 field. proto3 JSON writes 64-bit integers as decimal strings (e.g. `count: '1'`) because
 * JSON numbers cannot hold them exactly; the schema insists on that canonical form.
 */
export const Int64StringSchema = z
  .string()
  .regex(/^-?\d+$/, {
    error: (issue) =>
      `expected an int64 written as a decimal string (proto3 JSON), such as "1", but got ${JSON.stringify(issue.input)}`,
  })
  .meta({ description: 'int64 as a decimal string (proto3 JSON).' });

/** An int32 field: a plain JSON integer. */
export const Int32Schema = z.int32();

/** A non-negative int32 (counts and limits). */
export const NonNegativeInt32Schema = z.int32().nonnegative();

/**
 * `ml_pipelines.Value`, the typed scalar of schema 2.0.0 (`runtimeValue.constantValue`, the deprecated
 * `parameters` maps of ExecutorInput/ExecutorOutput). Superseded by `google.protobuf.Value`.
 */
export const LegacyValueSchema = oneOf(
  strictObject({
    intValue: Int64StringSchema.optional(),
    doubleValue: z.number().optional(),
    stringValue: z.string().optional(),
  }),
  ['intValue', 'doubleValue', 'stringValue'],
  { required: true },
).meta({ id: 'LegacyValue', description: 'ml_pipelines.Value (deprecated typed scalar of schema 2.0.0).' });
export type LegacyValue = z.infer<typeof LegacyValueSchema>;
