/**
 * Type-level views derived from one declaration of a component's inputs and outputs:
 * what a caller may pass (`TaskArgs`), what a task exposes (`TaskOutputs`), and what the
 * component's function receives and returns (`RunInputs`, `RunOutputArtifacts`, `RunResult`).
 */
import type { GenericArtifactTitle } from './artifact-types.js';
import type { ArtifactRef, ParamRef, RefKind } from './refs.js';
import type { ArtifactSpec, IOSpecs, ParamKind, ParamSpec } from './specs.js';

/** Flattens intersections so editor tooltips and error messages show plain object types. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * Reference kinds accepted by an input of kind `K`: the same kind (as KFP), plus the lossless
 * int -> float, plus numbers whose integer-ness the compiler checks (items of literal lists).
 */
export type AcceptedRefKinds<K extends ParamKind> = K extends 'NUMBER_DOUBLE'
  ? 'NUMBER_DOUBLE' | 'NUMBER_INTEGER' | 'NUMBER'
  : K extends 'NUMBER_INTEGER'
    ? 'NUMBER_INTEGER' | 'NUMBER'
    : K;

/** Artifact references accepted by an artifact input: the same type, or the generic `Artifact` (both ways). */
export type AcceptedArtifactRef<S extends string, L extends boolean> = string extends S
  ? ArtifactRef<string, L>
  : S extends GenericArtifactTitle
    ? ArtifactRef<string, L>
    : ArtifactRef<S, L> | ArtifactRef<GenericArtifactTitle, L>;

/** What may be passed for one input: a literal value or a reference of a compatible kind. */
export type ArgFor<S> =
  S extends ParamSpec<infer K, infer T, any>
    ? K extends 'TASK_FINAL_STATUS'
      ? never
      : T | ParamRef<AcceptedRefKinds<K>, T>
    : S extends ArtifactSpec<infer A, infer L, any>
      ? AcceptedArtifactRef<A, L>
      : never;

type OptionalKeys<I> = { [K in keyof I]: I[K] extends { readonly optional: true } ? K : never }[keyof I];
type RequiredKeys<I> = Exclude<keyof I, OptionalKeys<I>>;

/** The argument object of a component call: inputs without a default are required. */
export type TaskArgs<I extends IOSpecs> = Simplify<
  { [K in RequiredKeys<I>]: ArgFor<I[K]> } & { [K in OptionalKeys<I>]?: ArgFor<I[K]> | undefined }
>;

/** The reference a task exposes for one output. */
export type RefFor<S> =
  S extends ParamSpec<infer K, infer T, any>
    ? ParamRef<K, T>
    : S extends ArtifactSpec<infer A, infer L, any>
      ? ArtifactRef<A, L>
      : never;

export type TaskOutputs<O extends IOSpecs> = { readonly [K in keyof O]: RefFor<O[K]> };

/** `task.output`: the only output of a single-output component. */
export type SingleOutput<O extends IOSpecs> = keyof O extends infer K
  ? [K] extends [never]
    ? never
    : IsUnion<K> extends true
      ? never
      : K extends keyof O
        ? RefFor<O[K]>
        : never
  : never;

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/** An input artifact as the component's function sees it. */
export interface InputArtifact<S extends string = string> {
  readonly name: string;
  readonly schemaTitle: S;
  /** Where the artifact lives (`gs://...` on Vertex, a local path in a local run). */
  readonly uri: string;
  /** A local path to read it from (the `/gcs/` mount on Vertex). */
  readonly path: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** An output artifact: write the file at `path` and/or fill `metadata`. */
export interface OutputArtifact<S extends string = string> {
  readonly name: string;
  readonly schemaTitle: S;
  readonly uri: string;
  readonly path: string;
  metadata: Record<string, unknown>;
}

type ParamValue<S> =
  S extends ParamSpec<any, infer T, infer Opt, infer D>
    ? S extends ParamSpec<'TASK_FINAL_STATUS', any, any, any>
      ? T // the backend always fills it in
      : D extends true
        ? T
        : Opt extends true
          ? T | undefined
          : T
    : never;

/** The first argument of a component's function: parameter values and input artifacts. */
export type RunInputs<I extends IOSpecs> = Simplify<{
  readonly [K in keyof I]: I[K] extends ParamSpec<any, any, any>
    ? ParamValue<I[K]>
    : I[K] extends ArtifactSpec<infer A, infer L, infer Opt>
      ? L extends true
        ? InputArtifact<A>[]
        : Opt extends true
          ? InputArtifact<A> | undefined
          : InputArtifact<A>
      : never;
}>;

type ArtifactOutputKeys<O> = {
  [K in keyof O]: O[K] extends ArtifactSpec<any, any, any> ? K : never;
}[keyof O];
type ParamOutputKeys<O> = { [K in keyof O]: O[K] extends ParamSpec<any, any, any> ? K : never }[keyof O];

/** The second argument of a component's function: its output artifacts. */
export type RunOutputArtifacts<O extends IOSpecs> = Simplify<{
  readonly [K in ArtifactOutputKeys<O>]: O[K] extends ArtifactSpec<infer A, infer L, any>
    ? L extends true
      ? OutputArtifact<A>[]
      : OutputArtifact<A>
    : never;
}>;

/** What the function returns: every output parameter (nothing when there are none). */
export type RunResult<O extends IOSpecs> = [ParamOutputKeys<O>] extends [never]
  ? undefined | void
  : Simplify<{ [K in ParamOutputKeys<O>]: O[K] extends ParamSpec<any, infer T, any> ? T : never }>;

/** Maps a reference back to the output declaration it implies (for pipeline outputs). */
export type SpecOfRef<R> =
  R extends ParamRef<infer K, infer T>
    ? ParamSpec<K extends 'NUMBER' ? 'NUMBER_DOUBLE' : Extract<K, ParamKind>, T, false>
    : R extends ArtifactRef<infer S, infer L>
      ? ArtifactSpec<S, L, false>
      : never;

export type RefKindOf<R> = R extends ParamRef<infer K, any> ? K : never;
export type { RefKind };
