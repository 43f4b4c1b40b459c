/**
 * Row-wise histograms of one tree's nodes: each searched node gets a histogram over all bins,
 * built from its rows or inherited from its parent, and the list of its non-empty bins (global,
 * ascending) at its depth in ws.levels, which its split search walks feature by feature.
 *
 * - The root's histogram comes from its rows (for boosting's trees on all rows, from the bins'
 *   row lists), its list from all bins.
 * - Histogram subtraction: when the larger child will be split again and is big enough, the
 *   smaller child's histogram is built from its rows and the larger one's is the parent's minus
 *   it (the parent's non-empty bins, not the rows, cost), which also lists its bins. Both
 *   children inherit theirs.
 * - Other nodes build theirs from their rows into the shared ws.shared: a few rows list the bins
 *   they touch (then sort the list), more rows look for their bins among their parent's.
 *
 * Histograms are zeroed again over their lists when done with, and pooled.
 */
import {
  binListHistogram,
  clearListed,
  listBinRows,
  listNonEmpty,
  listNonEmptyAmong,
  rangesByFeature,
  scatterRows,
  scatterRowsTouched,
  subtractListed,
} from './histogram.js';
import { sortRange } from './sort.js';
import type { BinLevel, GrowWorkspace, HistogramSlot } from './workspace.js';

export class RowHistograms {
  /** Histograms handed to nodes not yet searched (by node id). */
  private readonly nodeHist: (HistogramSlot | undefined)[] = [];
  /** The open node: its histogram, its depth and its number of non-empty bins. */
  private cur: HistogramSlot;
  private depth = 0;
  private listed = 0;
  /** The length of the open list at each depth. */
  private readonly levelCount: number[] = [];
  readonly totalBins: number;

  constructor(
    private readonly ws: GrowWorkspace,
    private readonly a: Float64Array,
    private readonly b: Float64Array,
    /** Expected histogram entries per row (dense features plus sparse entries). */
    readonly rowCost: number,
    /** Whether the tree grows on all rows in order, so that the root's rows are 0..n-1. */
    private readonly wholeData: boolean,
  ) {
    this.totalBins = ws.data.binOffset[ws.data.features]!;
    this.cur = ws.shared;
  }

  /** The open node's histogram. */
  get hist(): Float64Array {
    return this.cur.hist;
  }

  /** The open node's non-empty bins (global, ascending), with each feature's range of them. */
  get bins(): BinLevel {
    return this.ws.levels[this.depth]!;
  }

  /** Gets the histogram of the node samples[start..end) at a depth, and lists its non-empty bins. */
  open(nodeId: number, depth: number, start: number, end: number): void {
    const inherited = this.nodeHist[nodeId];
    this.nodeHist[nodeId] = undefined;
    this.depth = depth;
    this.cur = inherited ?? this.ws.shared;
    this.listed = this.list(depth, start, end, inherited);
    this.levelCount[depth] = this.listed;
  }

  /** Builds the open node's histogram unless inherited, and lists its non-empty bins; returns their number. */
  private list(depth: number, start: number, end: number, inherited: HistogramSlot | undefined): number {
    const { ws } = this;
    const data = ws.data;
    // A node's non-empty bins are among its parent's.
    const out = ws.level(depth, depth === 0 ? this.totalBins : this.levelCount[depth - 1]!);
    const hist = this.cur.hist;
    if (inherited && inherited.count >= 0) {
      // Listed when subtracted.
      const n = inherited.count;
      const bins = out.bins;
      const from = inherited.bins;
      for (let k = 0; k < n; k++) bins[k] = from[k]!;
      rangesByFeature(data, out, n);
      return n;
    }
    if (depth === 0) {
      if (this.wholeData && ws.wholeDataTrees > 1) {
        if (!ws.binStart) listBinRows(ws);
        binListHistogram(hist, ws.binStart!, ws.binRows!, this.a, this.b);
      } else {
        scatterRows(hist, ws.samples, data, this.a, this.b, start, end);
      }
      return listNonEmpty(hist, data, out);
    }
    if (!inherited && (end - start) * this.rowCost * 16 <= this.totalBins) {
      // A few rows: list the bins they touch, sorted.
      const t = scatterRowsTouched(hist, out.bins, ws.samples, data, this.a, this.b, start, end);
      sortRange(out.bins, 0, t);
      rangesByFeature(data, out, t);
      return t;
    }
    if (!inherited) scatterRows(hist, ws.samples, data, this.a, this.b, start, end);
    return listNonEmptyAmong(hist, data, ws.levels[depth - 1]!, this.levelCount[depth - 1]!, out);
  }

  /**
   * After the open node's split: hands histograms on to its children by subtraction (see above;
   * `keepSmall` when the smaller child will be searched), or is done with the node's histogram.
   */
  handOn(
    subtract: boolean,
    keepSmall: boolean,
    small: number,
    large: number,
    smallStart: number,
    smallEnd: number,
  ): void {
    if (!subtract) {
      this.close();
      return;
    }
    const { ws } = this;
    const list = ws.levels[this.depth]!.bins;
    const parent = this.cur;
    const smallSlot = this.acquire();
    scatterRows(smallSlot.hist, ws.samples, ws.data, this.a, this.b, smallStart, smallEnd);
    parent.count = subtractListed(parent.hist, smallSlot.hist, list, this.listed, parent.bins);
    if (parent === ws.shared) ws.shared = this.acquire();
    this.nodeHist[large] = parent;
    if (keepSmall) this.nodeHist[small] = smallSlot;
    else this.release(smallSlot, list, this.listed);
  }

  /** Done with the open node's histogram: zeroes it (and pools it if inherited). */
  close(): void {
    const list = this.ws.levels[this.depth]!.bins;
    if (this.cur === this.ws.shared) clearListed(this.cur.hist, list, this.listed);
    else this.release(this.cur, list, this.listed);
  }

  private acquire(): HistogramSlot {
    return this.ws.pool.pop() ?? this.ws.newSlot();
  }

  /** Zeroes a histogram over a list of bins that holds all its non-zero ones, and pools it. */
  private release(slot: HistogramSlot, list: Int32Array, n: number): void {
    clearListed(slot.hist, list, n);
    slot.count = -1;
    this.ws.pool.push(slot);
  }
}
