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
 * For each row of X: `init` plus the leaf values of the trees, added in order (the same sum as
 * calling `evalTree` per tree), in one tight loop; a sparse row is densified once for all trees.
 * With `init` undefined, a single tree's value as is.
 */
export function sumTrees(trees: readonly Tree[], X: Matrix, init: number | undefined): Float64Array {
  const out = new Float64Array(X.rows);
  const cols = X.cols;
  let x: Float64Array;
  if (X.kind === 'dense') x = X.data;
  else x = new Float64Array(cols);
  for (let i = 0; i < X.rows; i++) {
    let base = i * cols;
    if (X.kind === 'csr') {
      base = 0;
      for (let k = X.indptr[i]!; k < X.indptr[i + 1]!; k++) x[X.indices[k]!] = X.values[k]!;
    }
    if (init === undefined) out[i] = leafValueAt(trees[0]!, x, base);
    else {
      let s = init;
      for (let t = 0; t < trees.length; t++) s += leafValueAt(trees[t]!, x, base);
      out[i] = s;
    }
    if (X.kind === 'csr') for (let k = X.indptr[i]!; k < X.indptr[i + 1]!; k++) x[X.indices[k]!] = 0;
  }
  return out;
}

/** `evalTree` of the row whose feature f is x[base + f]. */
function leafValueAt(tree: Tree, x: Float64Array, base: number): number {
  const { feature, threshold, left, right, value } = tree;
  let node = 0;
  for (;;) {
    const f = feature[node]!;
    if (f < 0) return value[node]!;
    node = x[base + f]! <= threshold[node]! ? left[node]! : right[node]!;
  }
}

/** Checks that X has the number of features the trees were fitted on. */
export function checkFeatureCount(X: Matrix, expected: number, what: string): void {
  if (X.cols !== expected) throw new Error(`${what}: X has ${X.cols} features, the model ${expected}`);
}
