/**
 * KFP v1 type names in KFP v2 terms, by the rules of KFP 2's loader (`type_utils`):
 *
 * - parameter type names, case-insensitive: Integer/Int, Float/Double, String/Str/Text,
 *   Bool/Boolean, Dict/JsonObject (STRUCT), List/JsonArray (LIST); `typing.` prefixes and generic
 *   arguments are ignored (`typing.List[str]` is List);
 * - `PipelineTaskFinalStatus` is the task-final-status parameter;
 * - the artifact names Artifact, Model, Dataset, Metrics, ClassificationMetrics,
 *   SlicedClassificationMetrics, HTML and Markdown (case-insensitive) and `google.<Name>`;
 * - anything else (no type, `GCSPath`, `{GCSPath: {...}}`, `CSV`, ...) is not known: KFP makes it
 *   a `system.Artifact`.
 */
import type { ArtifactType, JsonValue, ParamKind } from '@kfp-ts/dsl';
import {
  Artifact,
  ClassificationMetrics,
  Dataset,
  HTML,
  Markdown,
  Metrics,
  Model,
  SlicedClassificationMetrics,
} from '@kfp-ts/dsl';
import type { V1TypeSpec } from '@kfp-ts/schemas';
import { pythonFloatRepr } from '../yaml/python-float.js';
import { artifactTypeOf } from './io-specs.js';

/** What a v1 type name declares, before the command line is looked at. */
export type V1DeclaredType =
  | { readonly kind: 'parameter'; readonly parameterType: ParamKind }
  | { readonly kind: 'artifact'; readonly artifactType: ArtifactType }
  | { readonly kind: 'unknown' };

const PARAMETER_TYPES: Readonly<Record<string, ParamKind>> = {
  integer: 'NUMBER_INTEGER',
  int: 'NUMBER_INTEGER',
  double: 'NUMBER_DOUBLE',
  float: 'NUMBER_DOUBLE',
  string: 'STRING',
  str: 'STRING',
  text: 'STRING',
  bool: 'BOOLEAN',
  boolean: 'BOOLEAN',
  dict: 'STRUCT',
  jsonobject: 'STRUCT',
  list: 'LIST',
  jsonarray: 'LIST',
};

const ARTIFACT_TYPES: Readonly<Record<string, ArtifactType>> = {
  artifact: Artifact,
  model: Model,
  dataset: Dataset,
  metrics: Metrics,
  classificationmetrics: ClassificationMetrics,
  slicedclassificationmetrics: SlicedClassificationMetrics,
  html: HTML,
  markdown: Markdown,
};

/** Google Cloud Pipeline Components' types; KFP gives them all version 0.0.1. */
const GOOGLE_TYPE = /^google\.[A-Za-z]+$/;

/** `typing.List[str]` -> `List`: KFP keeps only the outer name of list and dict generics. */
function canonicalName(name: string): string {
  const bare = name.startsWith('typing.') ? name.slice('typing.'.length) : name;
  const lower = bare.toLowerCase();
  return lower.startsWith('list') || lower.startsWith('dict') ? bare.split('[')[0]! : bare;
}

/** What a v1 `type:` declares (structured types such as `{GCSPath: {...}}` are not known). */
export function declaredType(type: V1TypeSpec | undefined): V1DeclaredType {
  if (typeof type !== 'string') return { kind: 'unknown' };
  const name = canonicalName(type);
  if (name === 'PipelineTaskFinalStatus') return { kind: 'parameter', parameterType: 'TASK_FINAL_STATUS' };
  const parameterType = PARAMETER_TYPES[name.toLowerCase()];
  if (parameterType) return { kind: 'parameter', parameterType };
  if (GOOGLE_TYPE.test(name)) return { kind: 'artifact', artifactType: artifactTypeOf(name, '0.0.1') };
  const artifactType = ARTIFACT_TYPES[name.toLowerCase()];
  return artifactType ? { kind: 'artifact', artifactType } : { kind: 'unknown' };
}

/** A v1 default as written (YAML gives a string, a number or a boolean). */
export type V1Default = string | number | boolean;

/** Outcome of reading a default: the value, or why it does not fit the type. */
export type DefaultResult = { ok: true; value: JsonValue } | { ok: false; reason: string };

const TRUE_WORDS = new Set(['y', 'yes', 't', 'true', 'on', '1']);
const FALSE_WORDS = new Set(['n', 'no', 'f', 'false', 'off', '0']);

/**
 * A v1 default as a value of the parameter type. v1 files often write every default as text
 * (`default: '10'`); KFP casts it (`int('10')`, `strtobool`, `json.loads`), and so does this.
 * Where KFP's cast would silently change a value (`int(2.5)` is 2) or keep a value the IR type
 * cannot hold (a list default that is not JSON), this reports it instead.
 */
export function parameterDefault(kind: ParamKind, value: V1Default): DefaultResult {
  switch (kind) {
    case 'STRING':
      return { ok: true, value: pythonStr(value) };
    case 'NUMBER_INTEGER': {
      if (typeof value === 'number' && Number.isInteger(value)) return { ok: true, value };
      if (typeof value === 'string' && /^\s*[-+]?\d(?:_?\d)*\s*$/.test(value)) {
        return { ok: true, value: Number.parseInt(value.replace(/_/g, ''), 10) };
      }
      return { ok: false, reason: 'is not a whole number' };
    }
    case 'NUMBER_DOUBLE': {
      if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : Number.NaN;
      return Number.isFinite(number)
        ? { ok: true, value: number }
        : { ok: false, reason: 'is not a finite number' };
    }
    case 'BOOLEAN': {
      if (typeof value === 'boolean') return { ok: true, value };
      const word = String(value).toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, reason: 'is not a boolean (true/false, yes/no, on/off, 1/0)' };
    }
    case 'LIST':
    case 'STRUCT': {
      const parsed = typeof value === 'string' ? parseJson(value) : undefined;
      const fits = kind === 'LIST' ? Array.isArray(parsed) : isObject(parsed);
      return fits
        ? { ok: true, value: parsed as JsonValue }
        : { ok: false, reason: `is not a JSON ${kind === 'LIST' ? 'list' : 'object'}` };
    }
    case 'TASK_FINAL_STATUS':
      return { ok: false, reason: 'cannot be given: the pipeline fills in a task final status' };
  }
}

/** Python's `str()` of a YAML scalar, which is what KFP makes of a default for a text input. */
export function pythonStr(value: V1Default): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloatRepr(value);
  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
