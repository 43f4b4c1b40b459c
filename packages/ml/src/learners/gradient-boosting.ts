/**
 * Gradient-boosted trees for binary classification in XGBoost's formulation (`binary:logistic`,
 * the exact greedy tree method): each round fits a tree to the logistic loss's gradients g = p - y
 * and hessians h = p (1 - p) by maximising G_L^2/(H_L+lambda) + G_R^2/(H_R+lambda) - G^2/(H+lambda),
 * splits only when that gain exceeds max(gamma, 1e-6) and both children keep hessian >=
 * min_child_weight, grows level by level to max_depth, and adds eta * -G/(H+lambda) per leaf to the
 * margin, which starts at logit(base_score) = 0 for base_score 0.5 (XGBoost < 2.0).
 *
 * With exact binning the candidate splits are XGBoost's exact ones (midpoints between consecutive
 * values in the node), so the trees match XGBoost's up to floating-point summation order (XGBoost
 * keeps gradients in float32).
 */
import type { Matrix } from '../data/matrix.js';
import { checkLabels, depthLimit } from './decision-tree.js';
import { sigmoid } from './logistic-regression.js';
import { binnedFor } from './tree/bin-cache.js';
import { GrowWorkspace, growTree } from './tree/grower.js';
import { checkFeatureCount, sumTrees, type Tree } from './tree/tree.js';

export interface GradientBoostingOptions {
  /** Learning rate. Default 0.3. */
  readonly eta?: number;
  /** Default 6. */
  readonly maxDepth?: number;
  /** Default 1. */
  readonly minChildWeight?: number;
  /** L2 penalty on leaf weights. Default 1. */
  readonly lambda?: number;
  /** Minimum loss reduction of a split (min_split_loss). Default 0. */
  readonly gamma?: number;
  /** Boosting rounds (num_boost_round). Default 100. */
  readonly rounds?: number;
  /** Initial prediction. Default 0.5. */
  readonly baseScore?: number;
  readonly maxBins?: number;
}

/** XGBoost's kRtEps: a split must improve the loss by more than this. */
const MIN_GAIN = 1e-6;

export class GradientBoostingClassifier {
  constructor(
    readonly trees: readonly Tree[],
    readonly baseMargin: number,
    readonly nFeatures: number,
  ) {}

  static fit(
    X: Matrix,
    y: ArrayLike<number>,
    options: GradientBoostingOptions = {},
  ): GradientBoostingClassifier {
    checkLabels(X, y, 'GradientBoostingClassifier');
    const eta = options.eta ?? 0.3;
    const rounds = options.rounds ?? 100;
    const baseScore = options.baseScore ?? 0.5;
    if (!(eta > 0)) throw new RangeError(`eta must be > 0, got ${eta}`);
    if (!Number.isInteger(rounds) || rounds < 0)
      throw new RangeError(`rounds must be an integer >= 0, got ${rounds}`);
    if (!(baseScore > 0 && baseScore < 1))
      throw new RangeError(`baseScore must be in (0, 1), got ${baseScore}`);
    const data = binnedFor(X, options.maxBins === undefined ? {} : { maxBins: options.maxBins });
    const ws = new GrowWorkspace(data);
    const n = X.rows;
    const grow = {
      criterion: 'newton' as const,
      maxDepth: depthLimit(options.maxDepth ?? 6),
      minSamplesLeaf: 1,
      minSamplesSplit: 2,
      minChildWeight: options.minChildWeight ?? 1,
      lambda: options.lambda ?? 1,
      minGain: Math.max(options.gamma ?? 0, MIN_GAIN),
      maxFeatures: X.cols,
      trackLeaves: true,
    };
    const baseMargin = Math.log(baseScore / (1 - baseScore));
    const margin = new Float64Array(n).fill(baseMargin);
    const grad = new Float64Array(n);
    const hess = new Float64Array(n);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const labels = Float64Array.from(y);
    const trees: Tree[] = [];
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < n; i++) {
        const p = sigmoid(margin[i]!);
        grad[i] = p - labels[i]!;
        hess[i] = Math.max(p * (1 - p), 1e-16);
      }
      const { tree, leafOfRow } = growTree(ws, rows, hess, grad, grow);
      const value = tree.value;
      for (let k = 0; k < value.length; k++) value[k]! *= eta;
      for (let i = 0; i < n; i++) margin[i]! += value[leafOfRow![i]!]!;
      trees.push(tree);
    }
    return new GradientBoostingClassifier(trees, baseMargin, X.cols);
  }

  /** The raw margin (log-odds) per row. */
  decisionFunction(X: Matrix): Float64Array {
    checkFeatureCount(X, this.nFeatures, 'GradientBoostingClassifier');
    return sumTrees(this.trees, X, this.baseMargin);
  }

  /** P(y = 1) per row. */
  predictProba(X: Matrix): Float64Array {
    const z = this.decisionFunction(X);
    for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]!);
    return z;
  }
}
