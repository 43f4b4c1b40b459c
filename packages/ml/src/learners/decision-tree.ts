/**
 * CART decision tree classifier (binary), scikit-learn's `DecisionTreeClassifier` with the Gini
 * criterion: best split over all features (or `maxFeatures` drawn at random), `maxDepth`,
 * `minSamplesLeaf` and `minSamplesSplit`, thresholds at midpoints between training values, and
 * leaves that predict the share of positive training rows.
 *
 * With the default (exact) binning the tree is the one scikit-learn grows, up to ties between
 * equally good splits, which scikit-learn breaks by a random feature order.
 */
import type { Matrix } from '../data/matrix.js';
import { RandomState } from '../data/random-state.js';
import { binnedFor } from './tree/bin-cache.js';
import { GrowWorkspace, growTree } from './tree/grower.js';
import { checkFeatureCount, sumTrees, type Tree } from './tree/tree.js';

export type MaxFeatures = 'sqrt' | 'log2' | number | null;

export interface DecisionTreeOptions {
  /** Default: unlimited. */
  readonly maxDepth?: number | null;
  /** Default 1. */
  readonly minSamplesLeaf?: number;
  /** Default 2. */
  readonly minSamplesSplit?: number;
  /** Features tried per split: all (default), 'sqrt', 'log2', a count, or a fraction in (0, 1). */
  readonly maxFeatures?: MaxFeatures;
  /** Seed for feature sampling (only used with maxFeatures). Default 0. */
  readonly seed?: number;
  /** Bins per feature (see binning.ts). Default 4096. */
  readonly maxBins?: number;
}

export class DecisionTreeClassifier {
  constructor(
    readonly tree: Tree,
    readonly nFeatures: number,
  ) {}

  static fit(X: Matrix, y: ArrayLike<number>, options: DecisionTreeOptions = {}): DecisionTreeClassifier {
    checkLabels(X, y, 'DecisionTreeClassifier');
    const data = binnedFor(X, options.maxBins === undefined ? {} : { maxBins: options.maxBins });
    const n = X.rows;
    const a = new Float64Array(n).fill(1);
    const b = Float64Array.from(y);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const maxFeatures = resolveMaxFeatures(options.maxFeatures ?? null, X.cols);
    const { tree } = growTree(new GrowWorkspace(data), rows, a, b, {
      criterion: 'gini',
      maxDepth: depthLimit(options.maxDepth),
      minSamplesLeaf: positiveInt(options.minSamplesLeaf ?? 1, 'minSamplesLeaf'),
      minSamplesSplit: Math.max(2, positiveInt(options.minSamplesSplit ?? 2, 'minSamplesSplit')),
      minChildWeight: 0,
      lambda: 0,
      minGain: 0,
      maxFeatures,
      ...(maxFeatures < X.cols ? { rng: new RandomState(options.seed ?? 0) } : {}),
    });
    return new DecisionTreeClassifier(tree, X.cols);
  }

  /** P(y = 1) per row: the positive share of the training rows in the row's leaf. */
  predictProba(X: Matrix): Float64Array {
    checkFeatureCount(X, this.nFeatures, 'DecisionTreeClassifier');
    return sumTrees([this.tree], X, undefined);
  }
}

/** scikit-learn's reading of max_features for p features. */
export function resolveMaxFeatures(m: MaxFeatures, p: number): number {
  if (m === null) return p;
  if (m === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(p)));
  if (m === 'log2') return Math.max(1, Math.floor(Math.log2(p)));
  if (Number.isInteger(m) && m >= 1) return Math.min(m, p);
  if (m > 0 && m < 1) return Math.max(1, Math.floor(m * p));
  if (m === 1) return p;
  throw new RangeError(`maxFeatures must be 'sqrt', 'log2', a count >= 1 or a fraction in (0, 1], got ${m}`);
}

export function depthLimit(maxDepth: number | null | undefined): number {
  if (maxDepth === null || maxDepth === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(maxDepth) || maxDepth < 0)
    throw new RangeError(`maxDepth must be an integer >= 0, got ${maxDepth}`);
  return maxDepth;
}

export function positiveInt(v: number, name: string): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be an integer >= 1, got ${v}`);
  return v;
}

export function checkLabels(X: Matrix, y: ArrayLike<number>, what: string): void {
  if (X.rows !== y.length) throw new Error(`${what}: ${X.rows} rows but ${y.length} labels`);
  if (X.rows === 0) throw new Error(`${what}: no rows`);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`${what}: labels must be 0 or 1, got ${y[i]}`);
  }
}
