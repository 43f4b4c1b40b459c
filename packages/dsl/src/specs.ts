import type { z } from 'zod';
import type { ArtifactType } from './artifact-types.js';
import { isArtifactType } from './artifact-types.js';
import { BRAND, hasBrand } from './brand.js';

/** The IR's parameter types (`parameterType` in input/output definitions). */
export type ParamKind =
  | 'STRING'
  | 'NUMBER_INTEGER'
  | 'NUMBER_DOUBLE'
  | 'BOOLEAN'
  | 'LIST'
  | 'STRUCT'
  | 'TASK_FINAL_STATUS';

/** JSON values a parameter can hold (protobuf `Value`). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What a task's final status looks like at run time (KFP's `PipelineTaskFinalStatus`). */
export interface TaskFinalStatus {
  state: 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | (string & {});
  pipelineJobResourceName: string;
  pipelineTaskName: string;
  error: { code?: number; message?: string };
}

/**
 * Declares one parameter input or output. `K` is its IR kind, `T` its TypeScript value type and
 * `O` whether a caller may leave it out (it has a default or is marked optional).
 */
export interface ParamSpec<
  K extends ParamKind = ParamKind,
  T = unknown,
  O extends boolean = boolean,
  D extends boolean = boolean,
> {
  readonly [BRAND]: 'param-spec';
  readonly kind: K;
  readonly optional: O;
  /** Whether a default is declared (then the function always receives a value). */
  readonly hasDefault: D;
  readonly default?: T;
  readonly description?: string;
  /** zod schema of the value (lists, structs), checked by the executor before the function runs. */
  readonly schema?: z.ZodType;
  /** Type-only: the TypeScript value type. */
  readonly __value?: T;
}

/** Declares one artifact input or output (a list of artifacts when `L` is true). */
export interface ArtifactSpec<
  S extends string = string,
  L extends boolean = boolean,
  O extends boolean = boolean,
> {
  readonly [BRAND]: 'artifact-spec';
  readonly type: ArtifactType<S>;
  readonly isList: L;
  readonly optional: O;
  readonly description?: string;
}

export type IOSpec = ParamSpec | ArtifactSpec;
export type IOSpecs = Record<string, IOSpec>;

export function isParamSpec(value: unknown): value is ParamSpec {
  return hasBrand(value, 'param-spec');
}
export function isArtifactSpec(value: unknown): value is ArtifactSpec {
  return hasBrand(value, 'artifact-spec');
}

interface CommonOptions {
  description?: string;
  /** May be left out by the caller although it has no default (the function receives `undefined`). */
  optional?: boolean;
}
export interface ParamOptions<T> extends CommonOptions {
  default?: T;
}

/** Optional-ness computed from the options literal: a default or `optional: true` make it optional. */
type OptionalFrom<O> = O extends { default: any } ? true : O extends { optional: true } ? true : false;
type DefaultFrom<O> = O extends { default: any } ? true : false;

function paramSpec<K extends ParamKind, T, O extends boolean, D extends boolean>(
  kind: K,
  options: ParamOptions<T> | undefined,
  schema?: z.ZodType,
): ParamSpec<K, T, O, D> {
  const hasDefault = options !== undefined && 'default' in options && options.default !== undefined;
  const spec: {
    -readonly [k in keyof ParamSpec<K, T, O, D>]: ParamSpec<K, T, O, D>[k];
  } = {
    [BRAND]: 'param-spec',
    kind,
    optional: (hasDefault || options?.optional === true) as O,
    hasDefault: hasDefault as D,
  };
  if (hasDefault) spec.default = options.default;
  if (options?.description !== undefined) spec.description = options.description;
  if (schema !== undefined) spec.schema = schema;
  return Object.freeze(spec);
}

/**
 * Parameter declarations. Each takes optional `{ default, optional, description }`:
 *
 * ```ts
 * inputs: { lr: param.float({ default: 0.01 }), tags: param.list(z.string()), cfg: param.struct(Cfg) }
 * ```
 */
export const param = {
  string<const O extends ParamOptions<string> = {}>(
    options?: O,
  ): ParamSpec<'STRING', string, OptionalFrom<O>, DefaultFrom<O>> {
    return paramSpec('STRING', options);
  },
  /** A whole number (`NUMBER_INTEGER`); the executor rejects 2.5. */
  int<const O extends ParamOptions<number> = {}>(
    options?: O,
  ): ParamSpec<'NUMBER_INTEGER', number, OptionalFrom<O>, DefaultFrom<O>> {
    return paramSpec('NUMBER_INTEGER', options);
  },
  float<const O extends ParamOptions<number> = {}>(
    options?: O,
  ): ParamSpec<'NUMBER_DOUBLE', number, OptionalFrom<O>, DefaultFrom<O>> {
    return paramSpec('NUMBER_DOUBLE', options);
  },
  bool<const O extends ParamOptions<boolean> = {}>(
    options?: O,
  ): ParamSpec<'BOOLEAN', boolean, OptionalFrom<O>, DefaultFrom<O>> {
    return paramSpec('BOOLEAN', options);
  },
  /**
   * A JSON list. Pass the element's zod schema to type (and check) the items:
   * `param.list(z.string())` is a `string[]`; a loop over it yields `string` items.
   */
  list<E extends z.ZodType = z.ZodType<JsonValue>, const O extends ParamOptions<z.output<E>[]> = {}>(
    element?: E,
    options?: O,
  ): ParamSpec<'LIST', z.output<E>[], OptionalFrom<O>, DefaultFrom<O>> {
    return paramSpec('LIST', options, element);
  },
  /** A JSON object. Pass a zod object schema to type (and check) its fields. */
  struct<
    S extends z.ZodType<Record<string, unknown>> = z.ZodType<{ [key: string]: JsonValue }>,
    const O extends ParamOptions<z.output<S>> = {},
  >(schema?: S, options?: O): ParamSpec<'STRUCT', z.output<S>, OptionalFrom<O>, DefaultFrom<O>> {
    return paramSpec('STRUCT', options, schema);
  },
  /**
   * The final status of the tasks an exit handler guards. The pipeline fills it in; a caller
   * never passes it.
   */
  taskFinalStatus(options?: {
    description?: string;
  }): ParamSpec<'TASK_FINAL_STATUS', TaskFinalStatus, true, false> {
    return paramSpec('TASK_FINAL_STATUS', { ...options, optional: true });
  },
} as const;

/** An artifact input or output of the given type: `artifact(Dataset)`. */
export function artifact<S extends string, const O extends CommonOptions = {}>(
  type: ArtifactType<S>,
  options?: O,
): ArtifactSpec<S, false, O extends { optional: true } ? true : false> {
  return artifactSpec(type, false, options);
}

/** A list of artifacts, e.g. the fan-in of a parallel-for: `artifactList(Model)`. */
export function artifactList<S extends string, const O extends CommonOptions = {}>(
  type: ArtifactType<S>,
  options?: O,
): ArtifactSpec<S, true, O extends { optional: true } ? true : false> {
  return artifactSpec(type, true, options);
}

function artifactSpec<S extends string, L extends boolean, O extends boolean>(
  type: ArtifactType<S>,
  isList: L,
  options: CommonOptions | undefined,
): ArtifactSpec<S, L, O> {
  if (!isArtifactType(type)) {
    throw new TypeError(
      `artifact() expects an artifact type such as Dataset or Model, got ${String(type)}. ` +
        'Declare custom types with defineArtifactType().',
    );
  }
  const spec: { -readonly [k in keyof ArtifactSpec<S, L, O>]: ArtifactSpec<S, L, O>[k] } = {
    [BRAND]: 'artifact-spec',
    type,
    isList,
    optional: (options?.optional === true) as O,
  };
  if (options?.description !== undefined) spec.description = options.description;
  return Object.freeze(spec);
}
