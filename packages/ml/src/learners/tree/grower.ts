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
 * Both note which bins they touch, so a small node of a feature with a thousand values costs its
 * rows, not the thousand bins; a sparse feature's default bin is the node's total minus the rest.
 * Row-wise, a large node's children get their histograms by subtraction: the smaller child's
 * from its rows, the larger one's as parent minus smaller.
 */
import type { RandomState } from '../../data/random-state.js';
import type { BinnedData } from './binning.js';
import {
  columnGroups,
  compactRange,
  copyTouched,
  GrowWorkspace,
  insertDefault,
  partitionByColumn,
  partitionByMark,
  scatterRows,
  scatterRowsTouched,
  sortRange,
  subtract,
} from './histogram.js';
import type { Tree } from './tree.js';

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
  /** With `trackLeaves`: leaf node of each training row that took part (-1 for rows outside `rows`). */
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

interface Split {
  score: number;
  feature: number;
  /** Last bin (feature-local) that goes left. */
  bin: number;
  threshold: number;
  /** Sums of a and b over the rows going left. */
  leftA: number;
  leftB: number;
}

class Grower {
  private readonly data: BinnedData;
  private readonly gini: boolean;
  /** Whether node histograms are built row-wise (else per tried feature, column-wise). */
  private readonly rowWise: boolean;
  private readonly nodesFeature: number[] = [];
  private readonly nodesThreshold: number[] = [];
  private readonly nodesLeft: number[] = [];
  private readonly nodesRight: number[] = [];
  private readonly nodesValue: number[] = [];
  /** Row-wise state of the current node: bins touched, and whether they were sorted. */
  private touchedCount = 0;
  private linearScan = false;
  /** Whether ws.hist holds a node's counts that still need clearing. */
  private dirty = false;
  /** The current node's row-wise histogram: ws.hist, or a histogram the node inherited. */
  private cur: Float64Array;
  /** Histograms handed to nodes not yet processed (by node id). */
  private readonly nodeHist: (Float64Array | undefined)[] = [];
  private readonly rowCost: number;
  private readonly totalBins: number;

  constructor(
    private readonly ws: GrowWorkspace,
    private readonly a: Float64Array,
    private readonly b: Float64Array,
    private readonly o: GrowOptions,
  ) {
    const data = ws.data;
    this.data = data;
    this.gini = o.criterion === 'gini';
    if (o.maxFeatures < data.features && !o.rng) throw new Error('growTree: feature sampling needs an rng');
    // Cost per node row: row-wise touches every dense feature and sparse entry of the row;
    // column-wise touches each tried feature (a sampled forest also tries some constant ones).
    // Measured on the course data, these pick the faster way for each learner; a third way
    // (sparse entries row-wise, tried dense features column-wise) was no faster on either data set.
    const rowCost = data.denseFeatures.length + data.sparsePtr[data.rows]! / Math.max(1, data.rows);
    const colCost = o.maxFeatures >= data.features ? data.features : 1.5 * o.maxFeatures;
    // Column-wise needs every feature's column, which wide data does not keep.
    this.rowWise = rowCost <= colCost || !data.allColumns;
    this.rowCost = rowCost;
    this.totalBins = data.binOffset[data.features]!;
    this.cur = ws.hist;
  }

  grow(rows: ArrayLike<number>): GrownTree {
    const { ws, data } = this;
    const samples = ws.samples;
    const n = rows.length;
    for (let i = 0; i < n; i++) samples[i] = rows[i]!;
    for (let f = 0; f < data.features; f++) ws.features[f] = f;
    const leafOfRow = this.o.trackLeaves ? new Int32Array(data.rows).fill(-1) : null;
    let rootA = 0;
    let rootB = 0;
    for (let k = 0; k < n; k++) {
      const i = samples[k]!;
      rootA += this.a[i]!;
      rootB += this.b[i]!;
    }
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
      const inherited = this.nodeHist[node];
      this.nodeHist[node] = undefined;
      const split = this.canSplit(end - start, sumA, sumB, depth)
        ? this.findSplit(start, end, sumA, sumB, inherited)
        : null;
      if (split === null) {
        if (this.rowWise) this.doneWithHistogram(inherited);
        if (leafOfRow) for (let k = start; k < end; k++) leafOfRow[samples[k]!] = node;
        continue;
      }
      const mid = this.partition(start, end, split);
      const left = this.newNode();
      const right = this.newNode();
      this.nodesFeature[node] = split.feature;
      this.nodesThreshold[node] = split.threshold;
      this.nodesLeft[node] = left;
      this.nodesRight[node] = right;
      if (this.rowWise) {
        const childSums = [split.leftA, split.leftB, sumA - split.leftA, sumB - split.leftB] as const;
        this.handOn(inherited, left, right, start, mid, end, depth + 1, childSums);
      }
      stack.push(right, mid, end, depth + 1, sumA - split.leftA, sumB - split.leftB);
      stack.push(left, start, mid, depth + 1, split.leftA, split.leftB);
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

  /**
   * Histogram subtraction: when the larger child will be split again and is big enough, build the
   * smaller child's histogram from its rows and get the larger one as parent minus smaller (the
   * bins, not the rows, cost). Both children then inherit theirs. Otherwise the parent's
   * histogram is cleared.
   */
  private handOn(
    inherited: Float64Array | undefined,
    left: number,
    right: number,
    start: number,
    mid: number,
    end: number,
    depth: number,
    sums: readonly [number, number, number, number],
  ): void {
    const { ws } = this;
    const leftSmaller = mid - start <= end - mid;
    const largeCount = leftSmaller ? end - mid : mid - start;
    const largeA = leftSmaller ? sums[2] : sums[0];
    const largeB = leftSmaller ? sums[3] : sums[1];
    if (
      !this.linearScan ||
      largeCount * this.rowCost <= this.totalBins ||
      !this.canSplit(largeCount, largeA, largeB, depth)
    ) {
      this.doneWithHistogram(inherited);
      return;
    }
    const parent = this.cur;
    const small = this.acquire();
    const smallStart = leftSmaller ? start : mid;
    const smallEnd = leftSmaller ? mid : end;
    scatterRows(small, ws, this.data, this.a, this.b, smallStart, smallEnd);
    subtract(parent, small);
    if (parent === ws.hist) {
      ws.hist = this.acquire();
      this.dirty = false;
    }
    this.nodeHist[leftSmaller ? right : left] = parent;
    const smallA = leftSmaller ? sums[0] : sums[2];
    const smallB = leftSmaller ? sums[1] : sums[3];
    if (this.canSplit(smallEnd - smallStart, smallA, smallB, depth))
      this.nodeHist[leftSmaller ? left : right] = small;
    else this.release(small);
  }

  /** Clears the current node's histogram (the shared one) or releases an inherited one. */
  private doneWithHistogram(inherited: Float64Array | undefined): void {
    if (inherited) this.release(inherited);
    else this.clearRowHistograms();
  }

  private acquire(): Float64Array {
    return this.ws.pool.pop() ?? new Float64Array(3 * this.totalBins);
  }

  private release(h: Float64Array): void {
    h.fill(0);
    this.ws.pool.push(h);
  }

  private findSplit(
    start: number,
    end: number,
    sumA: number,
    sumB: number,
    inherited: Float64Array | undefined,
  ): Split | null {
    const { ws, data, o } = this;
    const p = data.features;
    const best: Split = {
      score: Number.NEGATIVE_INFINITY,
      feature: -1,
      bin: -1,
      threshold: 0,
      leftA: 0,
      leftB: 0,
    };
    const count = end - start;
    if (this.rowWise) {
      if (inherited) {
        this.cur = inherited;
        this.linearScan = true;
      } else {
        this.cur = ws.hist;
        this.dirty = true;
        this.buildRowHistograms(start, end);
      }
    }
    if (o.maxFeatures >= p) {
      for (let f = 0; f < p; f++) {
        const groups = this.groups(f, start, end, sumA, sumB);
        if (groups >= 2) this.scan(f, groups, count, sumA, sumB, best);
      }
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
        const groups = this.groups(f, start, end, sumA, sumB);
        if (groups < 2) continue;
        found++;
        this.scan(f, groups, count, sumA, sumB, best);
      }
    }
    if (best.feature < 0) return null;
    if (!this.gini) {
      const parent = (sumB * sumB) / (sumA + o.lambda);
      if (!(best.score - parent > o.minGain)) return null;
    }
    return best;
  }

  /** Row-wise histograms of every feature over the node's rows. */
  private buildRowHistograms(start: number, end: number): void {
    const { ws, data } = this;
    const B = data.binOffset[data.features]!;
    // A large node touches most bins: read each feature's bin range afterwards. A small one
    // lists the bins it touches, sorts the list and splits it by feature (global bins are in
    // feature order, then bin order).
    const entries = (end - start) * this.rowCost;
    this.linearScan = entries * 4 > B;
    if (this.linearScan) {
      scatterRows(ws.hist, ws, data, this.a, this.b, start, end);
      return;
    }
    const t = scatterRowsTouched(ws, data, this.a, this.b, start, end);
    this.touchedCount = t;
    if (t * 8 > B) {
      this.linearScan = true;
      return;
    }
    const { touched, featStart, featEnd } = ws;
    const binFeature = data.binFeature;
    sortRange(touched, 0, t);
    featStart.fill(0);
    featEnd.fill(0);
    for (let k = 0; k < t; k++) {
      const f = binFeature[touched[k]!]!;
      if (k === 0 || binFeature[touched[k - 1]!] !== f) featStart[f] = k;
      featEnd[f] = k + 1;
    }
  }

  private clearRowHistograms(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const { hist, touched } = this.ws;
    if (this.linearScan) {
      hist.fill(0);
      return;
    }
    for (let k = 0; k < this.touchedCount; k++) {
      const g = 3 * touched[k]!;
      hist[g] = 0;
      hist[g + 1] = 0;
      hist[g + 2] = 0;
    }
  }

  /** Fills the group arrays with feature f's non-empty bins in the node; returns their number. */
  private groups(f: number, start: number, end: number, sumA: number, sumB: number): number {
    const { ws, data } = this;
    let g: number;
    if (this.rowWise) {
      const off = data.binOffset[f]!;
      g = this.linearScan
        ? compactRange(ws, this.cur, off, data.nBins[f]!)
        : copyTouched(ws, ws.featStart[f]!, ws.featEnd[f]!, off);
      // A sparse feature's default bin holds the node's rows without an entry.
      if (data.sparse[f]) g = insertDefault(ws, g, data.defaultBin[f]!, end - start, sumA, sumB);
      return g;
    }
    return columnGroups(ws, data, f, this.a, this.b, start, end);
  }

  /** Scans feature f's groups for the best split, updating `best`. */
  private scan(f: number, groups: number, count: number, sumA: number, sumB: number, best: Split): void {
    const { ws, data, o } = this;
    const { gBin, gC, gA, gB } = ws;
    const minLeaf = o.minSamplesLeaf;
    const minWeight = o.minChildWeight;
    const lambda = o.lambda;
    const gini = this.gini;
    let cL = 0;
    let aL = 0;
    let bL = 0;
    for (let g = 0; g < groups - 1; g++) {
      cL += gC[g]!;
      aL += gA[g]!;
      bL += gB[g]!;
      if (count - cL < minLeaf) break;
      if (cL < minLeaf) continue;
      const aR = sumA - aL;
      if (aL < minWeight || aR < minWeight) continue;
      const bR = sumB - bL;
      let score: number;
      if (gini) {
        if (!(aL > 0 && aR > 0)) continue;
        const nL = aL - bL;
        const nR = aR - bR;
        score = (bL * bL + nL * nL) / aL + (bR * bR + nR * nR) / aR;
      } else {
        score = (bL * bL) / (aL + lambda) + (bR * bR) / (aR + lambda);
      }
      if (score > best.score) {
        const off = data.binOffset[f]!;
        best.score = score;
        best.feature = f;
        best.bin = gBin[g]!;
        best.threshold = (data.binMax[off + gBin[g]!]! + data.binMin[off + gBin[g + 1]!]!) / 2;
        best.leftA = aL;
        best.leftB = bL;
      }
    }
  }

  /** Moves the node's rows going left to the front of its segment; returns the boundary. */
  private partition(start: number, end: number, split: Split): number {
    const { ws, data } = this;
    const f = split.feature;
    const base = data.colOffset[f]!;
    if (base >= 0) return partitionByColumn(ws.samples, data.codes, base, split.bin, start, end);
    // No column (a sparse feature of wide data): mark the feature's non-default rows, partition
    // by the marks (unmarked rows are in the default bin), then clear them.
    const { mark } = ws;
    const { cscPtr, cscRows, cscBin } = data;
    for (let k = cscPtr[f]!; k < cscPtr[f + 1]!; k++) mark[cscRows[k]!] = cscBin[k]! + 1;
    const mid = partitionByMark(ws.samples, mark, data.defaultBin[f]! + 1, split.bin + 1, start, end);
    for (let k = cscPtr[f]!; k < cscPtr[f + 1]!; k++) mark[cscRows[k]!] = 0;
    return mid;
  }
}

export { GrowWorkspace, sortRange };
