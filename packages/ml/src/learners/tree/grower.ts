/**
 * The tree-growing core shared by the decision tree, the random forest and gradient boosting.
 *
 * Every row carries two statistics, `a` and `b`, and a node's best split maximises a score of the
 * left and right sums:
 *
 * - `gini` (CART classification): a = sample weight, b = weight * label. The score is
 *   scikit-learn's Gini proxy, sum over children of (b^2 + (a - b)^2) / a, whose maximum is the
 *   largest impurity decrease. Leaves hold b / a = P(y = 1).
 * - `newton` (XGBoost's second-order boosting): a = hessian, b = gradient. The score is
 *   G_L^2 / (H_L + lambda) + G_R^2 / (H_R + lambda); a split must gain more than `minGain` over the
 *   parent's G^2 / (H + lambda). Leaves hold -G / (H + lambda).
 *
 * A node's split search needs, per candidate feature, its non-empty bins in order with their sums.
 * Two ways to get them, chosen per tree by expected cost:
 *
 * - row-wise: one pass over the node's rows adds each row's dense-feature bins and sparse entries
 *   to histograms over all features at once (decision trees and boosting, which try every feature;
 *   forests on wide one-hot data, where most sampled features are constant in a node);
 * - column-wise: a histogram of just the feature being tried (forests on narrow data, which try
 *   few features per node).
 *
 * Row-wise histograms (row-histograms.ts) come with the list of the node's non-empty bins, so a
 * feature with a thousand values costs the node's values, not the thousand bins; a large node's
 * children get their histograms by subtraction.
 *
 * Floating-point sums depend on the order of their terms, so the results depend on the order of
 * each node's rows and on which histograms come from subtraction. Both are kept as they have
 * always been (partition.ts, and the rule in `grow`), except where the statistics are integers
 * (CART's weights and labels): then every sum is exact, rows are partitioned by a faster stable
 * method, and column-wise histograms add packed integers (column.ts).
 */
import type { RandomState } from '../../data/random-state.js';
import type { BinnedData } from './binning.js';
import {
  clearLocal,
  columnGroups,
  columnGroupsPacked,
  columnPairPacked,
  PACKED_LIMIT,
  packedA,
  packedB,
} from './column.js';
import {
  leavesByColumn,
  leavesByMark,
  partitionByMark,
  partitionByMarkStable,
  partitionHoare,
  partitionStable,
} from './partition.js';
import { RowHistograms } from './row-histograms.js';
import { BestSplit, type NodeSums, type SplitRules, scanFeature, scanList, scanTwo } from './split.js';
import type { Tree } from './tree.js';
import { GrowWorkspace } from './workspace.js';

export interface GrowOptions {
  readonly criterion: 'gini' | 'newton';
  /** Levels of splits at most (Infinity for none). */
  readonly maxDepth: number;
  /** Fewest distinct rows in a child (scikit-learn's min_samples_leaf). */
  readonly minSamplesLeaf: number;
  /** Fewest distinct rows in a node that may be split (scikit-learn's min_samples_split). */
  readonly minSamplesSplit: number;
  /** Fewest `a` (weight or hessian) in a child (XGBoost's min_child_weight). */
  readonly minChildWeight: number;
  /** L2 penalty on leaf weights (newton). */
  readonly lambda: number;
  /** A newton split must gain more than this. */
  readonly minGain: number;
  /** Features tried per node; fewer than all draws them at random, skipping constant ones. */
  readonly maxFeatures: number;
  /** Random source for feature sampling (required when maxFeatures < features). */
  readonly rng?: RandomState;
  /** Report each training row's leaf (boosting updates its margins from them). */
  readonly trackLeaves?: boolean;
}

export interface GrownTree {
  readonly tree: Tree;
  /**
   * With `trackLeaves`: leaf node of each training row that took part (-1 for rows outside
   * `rows`). The workspace's array: valid until it grows another tree.
   */
  readonly leafOfRow: Int32Array | null;
}

/** Grows one tree on the given rows (each listed once; weights live in `a`). */
export function growTree(
  ws: GrowWorkspace,
  rows: ArrayLike<number>,
  a: Float64Array,
  b: Float64Array,
  options: GrowOptions,
): GrownTree {
  return new Grower(ws, a, b, options).grow(rows);
}

class Grower {
  private readonly data: BinnedData;
  private readonly gini: boolean;
  private readonly rules: SplitRules;
  /** Row-wise histograms, or null for column-wise search. */
  private hists: RowHistograms | null = null;
  /** Expected histogram entries per row, row-wise (dense features plus sparse entries). */
  private readonly rowCost: number;
  private readonly rowWise: boolean;
  /** Whether every a and b is an integer (then sums are exact in any order). */
  private stableOrder = false;
  /** Whether column-wise histograms use packed integer statistics (ws.packed). */
  private packed = false;
  private readonly nodesFeature: number[] = [];
  private readonly nodesThreshold: number[] = [];
  private readonly nodesLeft: number[] = [];
  private readonly nodesRight: number[] = [];
  private readonly nodesValue: number[] = [];
  private readonly best = new BestSplit();
  private readonly node: NodeSums = { count: 0, sumA: 0, sumB: 0 };

  constructor(
    private readonly ws: GrowWorkspace,
    private readonly a: Float64Array,
    private readonly b: Float64Array,
    private readonly o: GrowOptions,
  ) {
    const data = ws.data;
    this.data = data;
    this.gini = o.criterion === 'gini';
    this.rules = {
      gini: this.gini,
      minLeaf: o.minSamplesLeaf,
      minWeight: o.minChildWeight,
      lambda: o.lambda,
    };
    if (o.maxFeatures < data.features && !o.rng) throw new Error('growTree: feature sampling needs an rng');
    // Cost per node row: row-wise touches every dense feature and sparse entry of the row;
    // column-wise touches each tried feature (a sampled forest also tries some constant ones).
    // Measured on the course data, these pick the faster way for each learner; a third way
    // (sparse entries row-wise, tried dense features column-wise) was no faster on either data set.
    this.rowCost = data.denseFeatures.length + data.sparsePtr[data.rows]! / Math.max(1, data.rows);
    const colCost = o.maxFeatures >= data.features ? data.features : 1.5 * o.maxFeatures;
    // Column-wise needs every feature's column, which wide data does not keep.
    this.rowWise = this.rowCost <= colCost || !data.allColumns;
  }

  grow(rows: ArrayLike<number>): GrownTree {
    const { ws, data, a, b } = this;
    const samples = ws.samples;
    const n = rows.length;
    let rootA = 0;
    let rootB = 0;
    let integral = true;
    let negative = false;
    let magnitude = 0;
    for (let k = 0; k < n; k++) {
      const i = rows[k]!;
      const ai = a[i]!;
      const bi = b[i]!;
      samples[k] = i;
      rootA += ai;
      rootB += bi;
      if (integral) {
        // (Whole numbers beyond int32 count as fractional: only a missed shortcut.)
        if (ai !== (ai | 0) || bi !== (bi | 0)) integral = false;
        if (ai < 0 || bi < 0) negative = true;
        magnitude += Math.abs(ai) + Math.abs(bi);
      }
    }
    // Sums of integers are exact whatever the order of their terms while every partial sum
    // stays below 2^53.
    this.stableOrder = integral && magnitude < 2 ** 53;
    if (this.rowWise) {
      // A tree on every row in order (boosting's): its root's rows are 0..n-1.
      let wholeData = n === data.rows;
      for (let k = 0; k < n && wholeData; k++) if (samples[k] !== k) wholeData = false;
      if (wholeData) ws.wholeDataTrees++;
      this.hists = new RowHistograms(ws, a, b, this.rowCost, wholeData);
    } else {
      this.packed = this.stableOrder && !negative && rootA < PACKED_LIMIT && rootB < PACKED_LIMIT;
      if (this.packed) {
        const packed = ws.packed;
        for (let k = 0; k < n; k++) packed[samples[k]!] = a[samples[k]!]! + b[samples[k]!]! * PACKED_LIMIT;
      }
    }
    for (let f = 0; f < data.features; f++) ws.features[f] = f;
    const leafOfRow = this.o.trackLeaves ? ws.leafOfRow.fill(-1) : null;
    // Depth-first, left child first (scikit-learn's order). Each entry: node id, start, end,
    // depth, and the node's sums of a and b (a child's come from its parent's split scan).
    const stack: number[] = [this.newNode(), 0, n, 0, rootA, rootB];
    while (stack.length > 0) {
      const sumB = stack.pop()!;
      const sumA = stack.pop()!;
      const depth = stack.pop()!;
      const end = stack.pop()!;
      const start = stack.pop()!;
      const node = stack.pop()!;
      this.nodesValue[node] = this.leafValue(sumA, sumB);
      if (!this.canSplit(end - start, sumA, sumB, depth)) {
        if (leafOfRow) for (let k = start; k < end; k++) leafOfRow[samples[k]!] = node;
        continue;
      }
      this.hists?.open(node, depth, start, end);
      if (!this.findSplit(start, end, sumA, sumB)) {
        this.hists?.close();
        if (leafOfRow) for (let k = start; k < end; k++) leafOfRow[samples[k]!] = node;
        continue;
      }
      const { feature, bin, leftCount, leftA, leftB } = this.best;
      const left = this.newNode();
      const right = this.newNode();
      this.nodesFeature[node] = feature;
      this.nodesThreshold[node] = this.best.threshold;
      this.nodesLeft[node] = left;
      this.nodesRight[node] = right;
      const rightCount = end - start - leftCount;
      const leftSplits = this.canSplit(leftCount, leftA, leftB, depth + 1);
      const rightSplits = this.canSplit(rightCount, sumA - leftA, sumB - leftB, depth + 1);
      if (!leftSplits && !rightSplits) {
        // Both children are leaves: their rows need not move, only learn their leaf.
        this.nodesValue[left] = this.leafValue(leftA, leftB);
        this.nodesValue[right] = this.leafValue(sumA - leftA, sumB - leftB);
        this.hists?.close();
        if (leafOfRow) this.assignLeaves(leafOfRow, start, end, feature, bin, left, right);
        continue;
      }
      const mid = this.partition(start, end, feature, bin);
      if (this.hists) {
        // Subtraction pays when the larger child is split again and has more entries than bins.
        const leftSmaller = leftCount <= rightCount;
        const largeCount = leftSmaller ? rightCount : leftCount;
        const subtract =
          largeCount * this.rowCost > this.hists.totalBins && (leftSmaller ? rightSplits : leftSplits);
        this.hists.handOn(
          subtract,
          leftSmaller ? leftSplits : rightSplits,
          leftSmaller ? left : right,
          leftSmaller ? right : left,
          leftSmaller ? start : mid,
          leftSmaller ? mid : end,
        );
      }
      stack.push(right, mid, end, depth + 1, sumA - leftA, sumB - leftB);
      stack.push(left, start, mid, depth + 1, leftA, leftB);
    }
    return {
      tree: {
        feature: Int32Array.from(this.nodesFeature),
        threshold: Float64Array.from(this.nodesThreshold),
        left: Int32Array.from(this.nodesLeft),
        right: Int32Array.from(this.nodesRight),
        value: Float64Array.from(this.nodesValue),
      },
      leafOfRow,
    };
  }

  private newNode(): number {
    this.nodesFeature.push(-1);
    this.nodesThreshold.push(0);
    this.nodesLeft.push(-1);
    this.nodesRight.push(-1);
    this.nodesValue.push(0);
    return this.nodesFeature.length - 1;
  }

  private leafValue(sumA: number, sumB: number): number {
    if (this.gini) return sumA > 0 ? sumB / sumA : 0;
    // XGBoost's CalcWeight: no weight when the node is below min_child_weight.
    if (sumA < this.o.minChildWeight || sumA <= 0) return 0;
    return -sumB / (sumA + this.o.lambda);
  }

  private canSplit(count: number, sumA: number, sumB: number, depth: number): boolean {
    const o = this.o;
    if (depth >= o.maxDepth) return false;
    if (count < o.minSamplesSplit || count < 2 * o.minSamplesLeaf) return false;
    if (sumA < 2 * o.minChildWeight) return false;
    // A pure node (scikit-learn's impurity <= EPSILON) is a leaf.
    if (this.gini && (sumB <= 1e-12 * sumA || sumA - sumB <= 1e-12 * sumA)) return false;
    return true;
  }

  /** Finds the node's best split into this.best; false when there is none worth making. */
  private findSplit(start: number, end: number, sumA: number, sumB: number): boolean {
    const { ws, data, o, best, node } = this;
    const p = data.features;
    best.reset();
    node.count = end - start;
    node.sumA = sumA;
    node.sumB = sumB;
    if (o.maxFeatures >= p) {
      for (let f = 0; f < p; f++) this.tryFeature(f, start, end);
    } else {
      // scikit-learn's sampling: draw features without replacement until maxFeatures
      // non-constant ones have been evaluated (constant ones do not count).
      const feats = ws.features;
      const rng = o.rng!;
      let found = 0;
      for (let k = 0; k < p && found < o.maxFeatures; k++) {
        const j = k + rng.interval(p - 1 - k);
        const f = feats[j]!;
        feats[j] = feats[k]!;
        feats[k] = f;
        if (this.tryFeature(f, start, end)) found++;
      }
    }
    if (best.feature < 0) return false;
    if (!this.gini) {
      const parent = (sumB * sumB) / (sumA + o.lambda);
      if (!(best.score - parent > o.minGain)) return false;
    }
    return true;
  }

  /** Searches feature f's splits in the node; returns whether it is not constant there. */
  private tryFeature(f: number, start: number, end: number): boolean {
    const { ws, data, best, rules, node, hists } = this;
    if (hists) {
      const { bins, start: from, end: to } = hists.bins;
      const s = from[f]!;
      const e = to[f]!;
      // A sparse feature without entries in the node is constant (a dense one has some).
      if (s === e) return false;
      return scanFeature(best, rules, node, data, ws, hists.hist, f, bins, s, e) >= 2;
    }
    if (this.packed && data.nBins[f] === 2) {
      const c1 = columnPairPacked(ws, data, f, ws.packed, start, end);
      const p1 = ws.pairSums[0]!;
      const a0 = node.sumA - packedA(p1);
      const b0 = node.sumB - packedB(p1);
      return scanTwo(best, rules, node, data, f, end - start - c1, a0, b0, c1) >= 2;
    }
    const g = this.packed
      ? columnGroupsPacked(ws, data, f, ws.packed, start, end)
      : columnGroups(ws, data, f, this.a, this.b, start, end);
    if (g >= 2) scanList(best, rules, node, data, f, ws.loc, ws.list, 0, g, 0);
    clearLocal(ws, g);
    return g >= 2;
  }

  /** Moves the node's rows going left to the front of its segment; returns the boundary. */
  private partition(start: number, end: number, f: number, bin: number): number {
    const { ws, data } = this;
    const base = data.colOffset[f]!;
    if (base >= 0) {
      return this.stableOrder
        ? partitionStable(ws.samples, ws.spill, data.codes, base, bin, start, end)
        : partitionHoare(ws.samples, data.codes, base, bin, start, end);
    }
    // No column (a sparse feature of wide data): partition by marks (see setMarks).
    const defMark = this.setMarks(f, true);
    const mid = this.stableOrder
      ? partitionByMarkStable(ws.samples, ws.spill, ws.mark, defMark, bin + 1, start, end)
      : partitionByMark(ws.samples, ws.mark, defMark, bin + 1, start, end);
    this.setMarks(f, false);
    return mid;
  }

  /** Sets the leaf of the node's rows, for a split whose children are both leaves. */
  private assignLeaves(
    leafOfRow: Int32Array,
    start: number,
    end: number,
    f: number,
    bin: number,
    left: number,
    right: number,
  ): void {
    const { ws, data } = this;
    const base = data.colOffset[f]!;
    if (base >= 0) {
      leavesByColumn(leafOfRow, ws.samples, data.codes, base, bin, start, end, left, right);
      return;
    }
    const defMark = this.setMarks(f, true);
    leavesByMark(leafOfRow, ws.samples, ws.mark, defMark, bin + 1, start, end, left, right);
    this.setMarks(f, false);
  }

  /**
   * For a feature without a column (a sparse feature of wide data): marks its non-default rows
   * with their bin + 1 (unmarked rows are in the default bin, whose mark is returned), or clears
   * the marks again.
   */
  private setMarks(f: number, on: boolean): number {
    const { mark } = this.ws;
    const { cscPtr, cscRows, cscBin } = this.data;
    for (let k = cscPtr[f]!; k < cscPtr[f + 1]!; k++) mark[cscRows[k]!] = on ? cscBin[k]! + 1 : 0;
    return this.data.defaultBin[f]! + 1;
  }
}

export { GrowWorkspace };
