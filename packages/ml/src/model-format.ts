/**
 * Fitted models as versioned JSON, the form a pipeline's Model artifact stores:
 *
 *   { "format": "kfp-ts.model", "version": 1, "kind": "logistic-regression",
 *     "features": ["contract=month-to-month", ..., "tenure"], "params": { ... }, "metadata": { ... } }
 *
 * `features` names the model's input columns in order (DictVectorizer names, or any names the
 * caller used); `params` depends on `kind` (see packages/ml/README.md); `metadata` is free-form
 * (metrics, hyperparameters, provenance). Numbers are written in JavaScript's shortest round-trip
 * form, so a saved model predicts exactly what the fitted one did.
 *
 * Version policy: readers accept their own version and older ones; a change that an older reader
 * would misread bumps `version`.
 */
import { DictVectorizer } from './data/dict-vectorizer.js';
import type { Cell } from './data/frame.js';
import { Frame } from './data/frame.js';
import { fromRows, type Matrix } from './data/matrix.js';
import { DecisionTreeClassifier } from './learners/decision-tree.js';
import { GradientBoostingClassifier } from './learners/gradient-boosting.js';
import { LinearRegression } from './learners/linear-regression.js';
import { LogisticRegression } from './learners/logistic-regression.js';
import { RandomForestClassifier } from './learners/random-forest.js';
import type { Tree } from './learners/tree/tree.js';

export const MODEL_FORMAT = 'kfp-ts.model';
export const MODEL_FORMAT_VERSION = 1;

export type ModelKind =
  | 'logistic-regression'
  | 'linear-regression'
  | 'decision-tree'
  | 'random-forest'
  | 'gradient-boosting';

export interface TreeJson {
  /** Split feature per node (index into `features`), -1 for a leaf. */
  readonly feature: number[];
  /** A row goes left when x[feature] <= threshold. */
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  /** Leaf outputs (P(y = 1) for decision trees and forests, margin contributions for boosting). */
  readonly value: number[];
}

export interface LinearParams {
  readonly coef: number[];
  readonly intercept: number;
}

export interface ModelParamsByKind {
  'logistic-regression': LinearParams;
  'linear-regression': LinearParams;
  'decision-tree': { readonly tree: TreeJson };
  'random-forest': { readonly trees: TreeJson[] };
  'gradient-boosting': { readonly baseMargin: number; readonly trees: TreeJson[] };
}

export interface ModelJson<K extends ModelKind = ModelKind> {
  readonly format: typeof MODEL_FORMAT;
  readonly version: number;
  readonly kind: K;
  readonly features: string[];
  readonly params: ModelParamsByKind[K];
  readonly metadata?: Record<string, unknown>;
}

export type FittedModel =
  | LogisticRegression
  | LinearRegression
  | DecisionTreeClassifier
  | RandomForestClassifier
  | GradientBoostingClassifier;

export class ModelFormatError extends Error {
  constructor(message: string) {
    super(`kfp-ts.model: ${message}`);
    this.name = 'ModelFormatError';
  }
}

const treeJson = (t: Tree): TreeJson => ({
  feature: Array.from(t.feature),
  threshold: Array.from(t.threshold),
  left: Array.from(t.left),
  right: Array.from(t.right),
  value: Array.from(t.value),
});

/** The JSON document of a fitted model; `features` must match its input columns. */
export function toModelJson(
  model: FittedModel,
  features: readonly string[],
  metadata?: Record<string, unknown>,
): ModelJson {
  const expect = (n: number): void => {
    if (features.length !== n)
      throw new ModelFormatError(`${features.length} feature names for a model of ${n} features`);
  };
  const base = {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    features: [...features],
  } satisfies Partial<ModelJson>;
  const meta = metadata === undefined ? {} : { metadata };
  if (model instanceof LogisticRegression || model instanceof LinearRegression) {
    expect(model.coef.length);
    const kind = model instanceof LogisticRegression ? 'logistic-regression' : 'linear-regression';
    return { ...base, kind, params: { coef: Array.from(model.coef), intercept: model.intercept }, ...meta };
  }
  expect(model.nFeatures);
  if (model instanceof DecisionTreeClassifier) {
    return { ...base, kind: 'decision-tree', params: { tree: treeJson(model.tree) }, ...meta };
  }
  if (model instanceof RandomForestClassifier) {
    return { ...base, kind: 'random-forest', params: { trees: model.trees.map(treeJson) }, ...meta };
  }
  return {
    ...base,
    kind: 'gradient-boosting',
    params: { baseMargin: model.baseMargin, trees: model.trees.map(treeJson) },
    ...meta,
  };
}

/** `JSON.stringify` of `toModelJson`. */
export function saveModel(
  model: FittedModel,
  features: readonly string[],
  metadata?: Record<string, unknown>,
): string {
  return JSON.stringify(toModelJson(model, features, metadata));
}

export interface LoadedModel {
  readonly kind: ModelKind;
  readonly features: readonly string[];
  readonly model: FittedModel;
  readonly metadata: Record<string, unknown>;
  /** Regression models predict values; classifiers P(y = 1). */
  readonly output: 'value' | 'probability';
}

/** Parses and validates a model document (a JSON string or the parsed object). */
export function loadModel(json: string | unknown): LoadedModel {
  const doc: unknown = typeof json === 'string' ? parseJson(json) : json;
  if (!isObject(doc)) throw new ModelFormatError('not an object');
  if (doc.format !== MODEL_FORMAT) throw new ModelFormatError(`format is ${JSON.stringify(doc.format)}`);
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) {
    throw new ModelFormatError(`version is ${JSON.stringify(doc.version)}`);
  }
  if (doc.version > MODEL_FORMAT_VERSION) {
    throw new ModelFormatError(`version ${doc.version} is newer than this reader (${MODEL_FORMAT_VERSION})`);
  }
  if (!Array.isArray(doc.features) || !doc.features.every((f) => typeof f === 'string')) {
    throw new ModelFormatError('features must be an array of strings');
  }
  const features = doc.features as string[];
  const p = features.length;
  const params = doc.params;
  if (!isObject(params)) throw new ModelFormatError('params must be an object');
  const metadata = isObject(doc.metadata) ? doc.metadata : {};
  const kind = doc.kind;
  const done = (model: FittedModel, output: LoadedModel['output']): LoadedModel => ({
    kind: kind as ModelKind,
    features,
    model,
    metadata,
    output,
  });
  switch (kind) {
    case 'logistic-regression':
    case 'linear-regression': {
      const coef = numbers(params.coef, 'params.coef');
      if (coef.length !== p)
        throw new ModelFormatError(`params.coef has ${coef.length} values for ${p} features`);
      const intercept = finite(params.intercept, 'params.intercept');
      return kind === 'logistic-regression'
        ? done(new LogisticRegression(Float64Array.from(coef), intercept), 'probability')
        : done(new LinearRegression(Float64Array.from(coef), intercept), 'value');
    }
    case 'decision-tree':
      return done(new DecisionTreeClassifier(readTree(params.tree, p, 'params.tree'), p), 'probability');
    case 'random-forest':
      return done(new RandomForestClassifier(readTrees(params.trees, p, false), p), 'probability');
    case 'gradient-boosting':
      return done(
        new GradientBoostingClassifier(
          readTrees(params.trees, p, true),
          finite(params.baseMargin, 'params.baseMargin'),
          p,
        ),
        'probability',
      );
    default:
      throw new ModelFormatError(`unknown kind ${JSON.stringify(kind)}`);
  }
}

/** Rows to predict on: a feature matrix, number arrays in `features` order, records or a Frame. */
export type PredictInput =
  | Matrix
  | Frame
  | readonly (readonly number[])[]
  | readonly Readonly<Record<string, Cell | boolean | undefined>>[];

/**
 * Predictions of a saved or loaded model: P(y = 1) for classifiers, the value for regression.
 * Records and Frames are vectorised by the model's feature names with DictVectorizer semantics
 * (`column=value` for strings, `column` for numbers; unknown values are ignored).
 */
export function predict(model: LoadedModel | ModelJson | string, rows: PredictInput): Float64Array {
  const loaded = isLoaded(model) ? model : loadModel(model);
  const X = toMatrix(loaded.features, rows);
  const m = loaded.model;
  return m instanceof LinearRegression ? m.predict(X) : m.predictProba(X);
}

function toMatrix(features: readonly string[], rows: PredictInput): Matrix {
  if (rows instanceof Frame) return DictVectorizer.fromFeatureNames(features).transform(rows);
  if (!Array.isArray(rows)) return rows as Matrix;
  const list = rows as readonly unknown[];
  if (list.length === 0 || Array.isArray(list[0])) return fromRows(list as number[][], features.length);
  return DictVectorizer.fromFeatureNames(features).transformRecords(
    list as Readonly<Record<string, Cell | boolean | undefined>>[],
  );
}

function isLoaded(m: unknown): m is LoadedModel {
  return isObject(m) && 'model' in m && 'output' in m;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ModelFormatError(`not JSON (${(e as Error).message})`);
  }
}

function finite(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ModelFormatError(`${what} must be a finite number`);
  return v;
}

function numbers(v: unknown, what: string): number[] {
  if (!Array.isArray(v)) throw new ModelFormatError(`${what} must be an array of numbers`);
  for (const x of v) finite(x, what);
  return v as number[];
}

/** A forest needs a tree; boosting with 0 rounds is its base margin alone. */
function readTrees(v: unknown, p: number, allowEmpty: boolean): Tree[] {
  if (!Array.isArray(v) || (v.length === 0 && !allowEmpty)) {
    throw new ModelFormatError(`params.trees must be ${allowEmpty ? 'an' : 'a non-empty'} array`);
  }
  return v.map((t, i) => readTree(t, p, `params.trees[${i}]`));
}

function readTree(v: unknown, p: number, what: string): Tree {
  if (!isObject(v)) throw new ModelFormatError(`${what} must be an object`);
  const feature = numbers(v.feature, `${what}.feature`);
  const m = feature.length;
  const arr = (key: string): number[] => {
    const a = numbers(v[key], `${what}.${key}`);
    if (a.length !== m)
      throw new ModelFormatError(`${what}.${key} has ${a.length} entries, feature has ${m}`);
    return a;
  };
  const threshold = arr('threshold');
  const left = arr('left');
  const right = arr('right');
  const value = arr('value');
  if (m === 0) throw new ModelFormatError(`${what} has no nodes`);
  // Children must point forward (no cycles) and inside the tree; features inside the model.
  for (let k = 0; k < m; k++) {
    const f = feature[k]!;
    if (f === -1) continue;
    if (!Number.isInteger(f) || f < 0 || f >= p)
      throw new ModelFormatError(`${what}: node ${k} splits on feature ${f} of ${p}`);
    for (const c of [left[k]!, right[k]!]) {
      if (!Number.isInteger(c) || c <= k || c >= m)
        throw new ModelFormatError(`${what}: node ${k} has child ${c}`);
    }
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}
