/**
 * A fitted binary tree in flat typed arrays (node 0 is the root), and prediction for dense or
 * sparse rows. A row goes left at a node when `x[feature] <= threshold` (scikit-learn's rule; the
 * thresholds are midpoints between training values, so XGBoost's `x < threshold` agrees on every
 * value except the midpoint itself).
 */
import type { Matrix } from '../../data/matrix.js';

export interface Tree {
  /** Split feature per node; -1 for a leaf. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Leaf output: P(y = 1) for CART trees, the (learning-rate scaled) leaf weight for boosting. */
  readonly value: Float64Array;
}

export function leafCount(tree: Tree): number {
  let n = 0;
  for (let k = 0; k < tree.feature.length; k++) if (tree.feature[k]! < 0) n++;
  return n;
}

export function treeDepth(tree: Tree): number {
  const depth = (node: number): number =>
    tree.feature[node]! < 0 ? 0 : 1 + Math.max(depth(tree.left[node]!), depth(tree.right[node]!));
  return tree.feature.length === 0 ? 0 : depth(0);
}

/** The leaf value reached by one dense row. */
export function evalTree(tree: Tree, row: ArrayLike<number>): number {
  const { feature, threshold, left, right, value } = tree;
  let node = 0;
  for (;;) {
    const f = feature[node]!;
    if (f < 0) return value[node]!;
    node = row[f]! <= threshold[node]! ? left[node]! : right[node]!;
  }
}

/**
 * Calls `visit(row, i)` with each row of X as a dense Float64Array (reused between calls), so
 * ensembles densify a sparse row once for all their trees.
 */
export function forEachDenseRow(X: Matrix, visit: (row: Float64Array, i: number) => void): void {
  if (X.kind === 'dense') {
    for (let i = 0; i < X.rows; i++) visit(X.data.subarray(i * X.cols, (i + 1) * X.cols), i);
    return;
  }
  const row = new Float64Array(X.cols);
  for (let i = 0; i < X.rows; i++) {
    const start = X.indptr[i]!;
    const end = X.indptr[i + 1]!;
    for (let k = start; k < end; k++) row[X.indices[k]!] = X.values[k]!;
    visit(row, i);
    for (let k = start; k < end; k++) row[X.indices[k]!] = 0;
  }
}

/** Checks that X has the number of features the trees were fitted on. */
export function checkFeatureCount(X: Matrix, expected: number, what: string): void {
  if (X.cols !== expected) throw new Error(`${what}: X has ${X.cols} features, the model ${expected}`);
}
