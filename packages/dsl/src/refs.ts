import type { ArtifactType } from './artifact-types.js';
import { BRAND, hasBrand } from './brand.js';
import { kindOfSchema } from './schema-kind.js';
import type { ParamKind, ParamSpec } from './specs.js';
import type { PipelineTask } from './task.js';
import type { TasksGroup } from './tasks-group.js';

/**
 * The type-level kind of a parameter reference. `NUMBER` is a number whose integer-ness is only
 * known when the pipeline compiles (an item of a literal list like `[1, 2.5]`): TypeScript lets
 * it into both `int` and `float` inputs and the compiler checks the actual values.
 */
export type RefKind = ParamKind | 'NUMBER';

/** Where the value behind a reference comes from. */
export type RefSource =
  | { readonly type: 'pipeline-input'; readonly name: string }
  | { readonly type: 'task-output'; readonly task: PipelineTask<any>; readonly output: string }
  | { readonly type: 'loop-item'; readonly loop: TasksGroup; readonly selector: readonly string[] }
  | { readonly type: 'collected'; readonly inner: AnyRef; readonly loop: TasksGroup }
  | {
      readonly type: 'one-of';
      readonly refs: readonly AnyRef[];
      readonly branches: TasksGroup;
      readonly id: number;
    };

/**
 * A handle to a parameter value that exists only when the pipeline runs: a pipeline input, a
 * task output, a loop item. `K` is its kind and `T` its TypeScript type, so wiring a string
 * into a number input fails to compile.
 */
export interface ParamRef<K extends RefKind = RefKind, T = unknown> {
  readonly [BRAND]: 'param-ref';
  /** The IR kind (for a `NUMBER` reference: the kind the values turned out to have). */
  readonly kind: K;
  readonly source: RefSource;
  /** Type-only: the value's TypeScript type. */
  readonly __value?: T;
  /**
   * A field of a struct value (loop items over a list of objects):
   * `item.field('lr')` compiles to KFP's `parseJson(string_value)["lr"]` selector.
   */
  field<F extends FieldNames<T>>(name: F): ParamRef<KindOfValue<FieldValue<T, F>>, FieldValue<T, F>>;
  /** A channel token, so a reference can sit inside a template string (`gs://${p.bucket}/x`). */
  toString(): string;
}

/** A handle to an artifact (or a list of artifacts) that exists only when the pipeline runs. */
export interface ArtifactRef<S extends string = string, L extends boolean = boolean> {
  readonly [BRAND]: 'artifact-ref';
  readonly schemaTitle: S;
  readonly isList: L;
  readonly type: ArtifactType<S>;
  readonly source: RefSource;
}

export type AnyRef = ParamRef<any, any> | ArtifactRef<any, any>;

type FieldNames<T> = T extends readonly unknown[] ? never : T extends object ? keyof T & string : never;
type FieldValue<T, F extends string> = T extends object ? (F extends keyof T ? T[F] : never) : never;

/** The reference kind TypeScript gives a value type. */
export type KindOfValue<T> = [T] extends [string]
  ? 'STRING'
  : [T] extends [number]
    ? 'NUMBER'
    : [T] extends [boolean]
      ? 'BOOLEAN'
      : [T] extends [readonly unknown[]]
        ? 'LIST'
        : [T] extends [object]
          ? 'STRUCT'
          : RefKind;

export function isParamRef(value: unknown): value is ParamRef {
  return hasBrand(value, 'param-ref');
}
export function isArtifactRef(value: unknown): value is ArtifactRef {
  return hasBrand(value, 'artifact-ref');
}
export function isRef(value: unknown): value is AnyRef {
  return isParamRef(value) || isArtifactRef(value);
}

// Template strings: `${ref}` becomes a token the compiler turns back into the reference.
const TOKEN_PREFIX = '{{kfp-ts.ref:';
const TOKEN_PATTERN = /\{\{kfp-ts\.ref:(\d+)\}\}/g;
/**
 * Token -> reference, shared through `globalThis` under a `Symbol.for` key: a pipeline module may
 * load another copy of this package than the compiler (a bundled library, sources next to a
 * build), and the compiler must still find the references inside template strings.
 */
interface TokenTable {
  readonly refs: Map<number, ParamRef>;
  next: number;
}
const TOKEN_TABLE = Symbol.for('kfp-ts.ref-tokens');
const tokenTable: TokenTable = sharedTokenTable();
function sharedTokenTable(): TokenTable {
  const global = globalThis as Record<symbol, TokenTable | undefined>;
  const table = global[TOKEN_TABLE] ?? { refs: new Map(), next: 1 };
  global[TOKEN_TABLE] = table;
  return table;
}
const tokenRefs = tokenTable.refs;

class ParamRefImpl implements ParamRef<any, any> {
  readonly [BRAND] = 'param-ref' as const;
  #token: number | undefined;
  constructor(
    readonly kind: ParamKind,
    readonly source: RefSource,
    /** The declaration behind the value, when there is one (element schemas of lists). */
    readonly spec?: ParamSpec,
  ) {}

  field(name: string): ParamRef<any, any> {
    if (this.kind !== 'STRUCT' && this.source.type !== 'loop-item') {
      throw new TypeError(
        `field(${JSON.stringify(name)}) needs a struct value; this reference is ${this.kind}.`,
      );
    }
    if (this.source.type !== 'loop-item') {
      throw new TypeError(
        `field(${JSON.stringify(name)}): KFP can only select fields of parallel-for items. ` +
          'Pass the whole struct to the component and read the field there.',
      );
    }
    const fieldSchema = (this.spec?.schema as { shape?: Record<string, unknown> } | undefined)?.shape?.[name];
    const kind = fieldSchema ? kindOfSchema(fieldSchema as never) : 'STRING';
    return new ParamRefImpl(kind, { ...this.source, selector: [...this.source.selector, name] });
  }

  toString(): string {
    if (this.#token === undefined) {
      this.#token = tokenTable.next++;
      tokenRefs.set(this.#token, this as unknown as ParamRef);
    }
    return `${TOKEN_PREFIX}${this.#token}}}`;
  }
}

class ArtifactRefImpl implements ArtifactRef<any, any> {
  readonly [BRAND] = 'artifact-ref' as const;
  constructor(
    readonly type: ArtifactType,
    readonly isList: boolean,
    readonly source: RefSource,
  ) {}
  get schemaTitle(): string {
    return this.type.schemaTitle;
  }
  toString(): string {
    throw new TypeError(
      `An artifact (${this.type.schemaTitle}) cannot be put into a string; pass it to an artifact input.`,
    );
  }
}

/** @internal */
export function makeParamRef(kind: ParamKind, source: RefSource, spec?: ParamSpec): ParamRef<any, any> {
  return new ParamRefImpl(kind, source, spec);
}
/** @internal */
export function makeArtifactRef(
  type: ArtifactType,
  isList: boolean,
  source: RefSource,
): ArtifactRef<any, any> {
  return new ArtifactRefImpl(type, isList, source);
}

/** @internal Splits a string into literal parts and the references embedded by template strings. */
export function splitTemplate(text: string): Array<string | ParamRef> {
  const parts: Array<string | ParamRef> = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const ref = tokenRefs.get(Number(match[1]));
    if (!ref) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(ref);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** @internal */
export function hasTemplateRefs(text: string): boolean {
  return text.includes(TOKEN_PREFIX);
}
