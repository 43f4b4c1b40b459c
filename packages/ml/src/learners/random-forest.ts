/**
 * Random forest classifier (binary), scikit-learn's `RandomForestClassifier`: each tree is a CART
 * tree grown on a bootstrap sample (drawn with replacement, as row weights), trying `maxFeatures`
 * random features per split ('sqrt' by default); the forest predicts the average of the trees'
 * leaf probabilities.
 *
 * The bootstrap samples are scikit-learn's own: tree seeds are `randint(2**31 - 1, size=n_trees)`
 * from `RandomState(seed)`, and tree t draws `RandomState(seed_t).randint(0, n, n)`. The per-split
 * feature draws use the same generator afterwards, where scikit-learn's Cython splitter has a
 * private one, so forests agree in distribution, not tree for tree.
 */
import type { Matrix } from '../data/matrix.js';
import { RandomState } from '../data/random-state.js';
import {
  checkLabels,
  depthLimit,
  type MaxFeatures,
  positiveInt,
  resolveMaxFeatures,
} from './decision-tree.js';
import { binnedFor } from './tree/bin-cache.js';
import { GrowWorkspace, growTree } from './tree/grower.js';
import { checkFeatureCount, sumTrees, type Tree } from './tree/tree.js';

export interface RandomForestOptions {
  /** Default 100. */
  readonly nEstimators?: number;
  readonly maxDepth?: number | null;
  /** Default 1. */
  readonly minSamplesLeaf?: number;
  /** Default 2. */
  readonly minSamplesSplit?: number;
  /** Default 'sqrt'. */
  readonly maxFeatures?: MaxFeatures;
  /** Default true. */
  readonly bootstrap?: boolean;
  /** scikit-learn's random_state. Default 0. */
  readonly seed?: number;
  readonly maxBins?: number;
}

/** numpy's int32 maximum: scikit-learn's bound for the trees' seeds. */
const MAX_INT = 2147483647;

export class RandomForestClassifier {
  constructor(
    readonly trees: readonly Tree[],
    readonly nFeatures: number,
  ) {}

  static fit(X: Matrix, y: ArrayLike<number>, options: RandomForestOptions = {}): RandomForestClassifier {
    checkLabels(X, y, 'RandomForestClassifier');
    const nEstimators = positiveInt(options.nEstimators ?? 100, 'nEstimators');
    const data = binnedFor(X, options.maxBins === undefined ? {} : { maxBins: options.maxBins });
    const ws = new GrowWorkspace(data);
    const n = X.rows;
    const maxFeatures = resolveMaxFeatures(
      options.maxFeatures === undefined ? 'sqrt' : options.maxFeatures,
      X.cols,
    );
    const grow = {
      criterion: 'gini' as const,
      maxDepth: depthLimit(options.maxDepth),
      minSamplesLeaf: positiveInt(options.minSamplesLeaf ?? 1, 'minSamplesLeaf'),
      minSamplesSplit: Math.max(2, positiveInt(options.minSamplesSplit ?? 2, 'minSamplesSplit')),
      minChildWeight: 0,
      lambda: 0,
      minGain: 0,
      maxFeatures,
    };
    const seeds = new RandomState(options.seed ?? 0).randints(0, MAX_INT, nEstimators);
    const counts = new Float64Array(n);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const trees: Tree[] = [];
    for (let t = 0; t < nEstimators; t++) {
      const rng = new RandomState(seeds[t]!);
      if (options.bootstrap === false) counts.fill(1);
      else {
        counts.fill(0);
        for (let k = 0; k < n; k++) counts[rng.interval(n - 1)]!++;
      }
      let m = 0;
      for (let i = 0; i < n; i++) if (counts[i]! > 0) m++;
      const rows = new Int32Array(m);
      m = 0;
      for (let i = 0; i < n; i++) {
        const c = counts[i]!;
        a[i] = c;
        b[i] = c * y[i]!;
        if (c > 0) rows[m++] = i;
      }
      trees.push(growTree(ws, rows, a, b, { ...grow, rng }).tree);
    }
    return new RandomForestClassifier(trees, X.cols);
  }

  /** P(y = 1) per row: the mean of the trees' leaf probabilities. */
  predictProba(X: Matrix): Float64Array {
    checkFeatureCount(X, this.nFeatures, 'RandomForestClassifier');
    const out = sumTrees(this.trees, X, 0);
    for (let i = 0; i < out.length; i++) out[i]! /= this.trees.length;
    return out;
  }
}
