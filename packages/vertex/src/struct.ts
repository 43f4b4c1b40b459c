/**
 * JSON <-> google.protobuf.Struct / Value, the form the PipelineJob's `pipelineSpec` and the
 * runtime parameter values must take. A plain JSON object given where a Struct is declared is
 * silently dropped by the client (the server receives `{}`), so everything JSON-shaped goes
 * through here before it is sent.
 */
import { createRequire } from 'node:module';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** google.protobuf.Value as the client takes and returns it (`kind` is the oneof's name). */
export interface ProtoValue {
  kind?: string | null;
  nullValue?: number | string | null;
  numberValue?: number | null;
  stringValue?: string | null;
  boolValue?: boolean | null;
  structValue?: ProtoStruct | null;
  listValue?: { values?: ProtoValue[] | null } | null;
}

export interface ProtoStruct {
  fields?: Record<string, ProtoValue> | null;
}

interface AiplatformHelpers {
  toValue(value: object): ProtoValue | null | undefined;
}

let helpers: AiplatformHelpers | undefined;

/**
 * The package's own `helpers.toValue`, loaded from its file: the package index also loads the
 * v1beta1 surface and 16 MB of generated message classes, seconds of start-up a CLI can skip.
 */
function aiplatformHelpers(): AiplatformHelpers {
  helpers ??= createRequire(import.meta.url)(
    '@google-cloud/aiplatform/build/src/helpers.js',
  ) as AiplatformHelpers;
  return helpers;
}

/**
 * The Value form of a JSON value. Keys whose value is `undefined` are dropped first, as
 * `JSON.stringify` would (the helper would turn them into invalid empty Values). Non-finite
 * numbers have no JSON form and are refused.
 */
export function toProtoValue(value: JsonValue): ProtoValue {
  const clean = stripUndefined(value);
  if (clean === null || typeof clean !== 'object') {
    // toValue() only takes objects in its typings; scalars go through the same converter.
    return aiplatformHelpers().toValue(clean as unknown as object) as ProtoValue;
  }
  return aiplatformHelpers().toValue(clean) as ProtoValue;
}

/** The Struct form of a JSON object (a PipelineSpec, for example). */
export function toProtoStruct(value: { [key: string]: JsonValue } | object): ProtoStruct {
  const converted = toProtoValue(value as JsonValue);
  if (!converted.structValue) throw new TypeError('toProtoStruct: expected a JSON object');
  return converted.structValue;
}

/**
 * The JSON value a Value stands for. Works on what the client returns (`kind` set) and on
 * messages decoded without oneof names (`kind` absent), by looking at which field is present.
 */
export function fromProtoValue(value: ProtoValue | null | undefined): JsonValue {
  if (value === null || value === undefined) return null;
  const kind = value.kind ?? presentField(value);
  switch (kind) {
    case 'nullValue':
      return null;
    case 'numberValue':
      return Number(value.numberValue);
    case 'stringValue':
      return value.stringValue ?? '';
    case 'boolValue':
      return value.boolValue === true;
    case 'listValue':
      return (value.listValue?.values ?? []).map(fromProtoValue);
    case 'structValue':
      return fromProtoStruct(value.structValue);
    default:
      return null;
  }
}

export function fromProtoStruct(struct: ProtoStruct | null | undefined): { [key: string]: JsonValue } {
  const result: { [key: string]: JsonValue } = {};
  for (const [key, field] of Object.entries(struct?.fields ?? {})) result[key] = fromProtoValue(field);
  return result;
}

function presentField(value: ProtoValue): string | undefined {
  for (const field of [
    'structValue',
    'listValue',
    'stringValue',
    'numberValue',
    'boolValue',
    'nullValue',
  ] as const) {
    if (value[field] !== undefined && value[field] !== null) return field;
  }
  return undefined;
}

function stripUndefined(value: JsonValue): JsonValue {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`${value} cannot be sent as a protobuf Value (JSON has no such number)`);
  }
  if (Array.isArray(value)) return value.map((item) => stripUndefined(item === undefined ? null : item));
  if (value !== null && typeof value === 'object') {
    const result: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) result[key] = stripUndefined(item);
    }
    return result;
  }
  return value;
}
