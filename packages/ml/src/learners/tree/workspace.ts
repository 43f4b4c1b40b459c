/**
 * Scratch space for growing trees on one binned data set, allocated once and reused by every
 * tree of a forest or a boosted model (boosting grows hundreds on one workspace).
 */
import type { BinnedData } from './binning.js';

/** A node's non-empty bins (global, ascending), with each feature's range of them. */
export interface BinLevel {
  bins: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** A histogram over all bins, interleaved (count, sum of a, sum of b) per bin. */
export interface HistogramSlot {
  readonly hist: Float64Array;
  /** Its non-empty bins ascending, bins[0..count), when known (count -1 when not). */
  readonly bins: Int32Array;
  count: number;
}

export class GrowWorkspace {
  /** The rows of the tree's nodes: each node owns a segment. */
  readonly samples: Int32Array;
  /** Scratch for stable partitions. */
  readonly spill: Int32Array;
  /** The shared row-wise histogram (zeroed between nodes). */
  shared: HistogramSlot;
  /** Zeroed spare histograms, for nodes that carry their histogram from the parent. */
  readonly pool: HistogramSlot[] = [];
  /**
   * Row-wise: the non-empty bins (global, ascending) of the node being searched at each depth,
   * with each feature's range of them; a node's children look for theirs among their parent's.
   */
  readonly levels: BinLevel[] = [];
  /** Column-wise histogram of one feature (local bins, interleaved count, sum of a, sum of b). */
  readonly loc: Float64Array;
  /** The same over packed integer statistics: (count, a + b * 2^15) per bin; and each row's packing. */
  readonly locPacked: Int32Array;
  readonly packed: Int32Array;
  /** Bitmap of the bins a column-wise histogram touched (kept zeroed), and a two-bin feature's sums. */
  readonly touchedWords: Int32Array;
  readonly pairSums = new Int32Array(1);
  /** The current feature's non-empty bins, ascending (one more slot for a default bin). */
  readonly list: Int32Array;
  /** Feature order for sampling (a partial Fisher-Yates shuffle). */
  readonly features: Int32Array;
  /** Per-row marks for partitioning on a feature without a column (kept zeroed). */
  readonly mark: Int32Array;
  /** Each row's leaf in the last tree, for boosting. */
  readonly leafOfRow: Int32Array;
  /**
   * Each bin's rows ascending (rows binRows[binStart[g] .. binStart[g+1]) for global bin g), for
   * the root histograms of boosting, built when a second tree on all rows is grown.
   */
  binStart: Int32Array | null = null;
  binRows: Int32Array | null = null;
  wholeDataTrees = 0;

  constructor(readonly data: BinnedData) {
    let maxBins = 1;
    for (let f = 0; f < data.features; f++) maxBins = Math.max(maxBins, data.nBins[f]!);
    this.samples = new Int32Array(data.rows);
    this.spill = new Int32Array(data.rows);
    this.shared = this.newSlot();
    this.loc = new Float64Array(3 * maxBins);
    this.locPacked = new Int32Array(2 * maxBins);
    this.packed = new Int32Array(data.rows);
    this.touchedWords = new Int32Array((maxBins + 31) >>> 5);
    this.list = new Int32Array(maxBins + 1);
    this.features = new Int32Array(data.features);
    this.mark = new Int32Array(data.rows);
    this.leafOfRow = new Int32Array(data.rows);
  }

  /** A zeroed histogram over all bins, with room to list its non-empty bins. */
  newSlot(): HistogramSlot {
    const B = this.data.binOffset[this.data.features]!;
    return { hist: new Float64Array(3 * B), bins: new Int32Array(B), count: -1 };
  }

  /**
   * The list of non-empty bins for nodes at a depth, with room for `capacity` bins (a node's are
   * among its parent's, so deep levels, whose nodes are small, stay small).
   */
  level(depth: number, capacity: number): BinLevel {
    const { data } = this;
    while (this.levels.length <= depth) {
      this.levels.push({
        bins: new Int32Array(0),
        start: new Int32Array(data.features),
        end: new Int32Array(data.features),
      });
    }
    const level = this.levels[depth]!;
    if (level.bins.length < capacity) level.bins = new Int32Array(Math.max(capacity, 2 * level.bins.length));
    return level;
  }
}
