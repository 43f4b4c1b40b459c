/**
 * The hot loops of tree growing, kept as small top-level functions over typed arrays: V8 optimises
 * each on its own, where a loop inside a large method gets on-stack-replaced and deoptimised again
 * and again. Also the scratch space they share (histograms are kept zeroed between nodes).
 */
import type { BinnedData } from './binning.js';

/** Reusable scratch space for one binned data set (histograms are kept zeroed between nodes). */
export class GrowWorkspace {
  readonly samples: Int32Array;
  /**
   * Row-wise histograms over all global bins, interleaved (count, a, b) so one update touches one
   * cache line, with the list of bins touched.
   */
  hist: Float64Array;
  readonly touched: Int32Array;
  /** Zeroed spare histograms (3 x bins), for nodes that carry their histogram from the parent. */
  readonly pool: Float64Array[] = [];
  readonly featStart: Int32Array;
  readonly featEnd: Int32Array;
  /** Column-wise histogram of one feature (local bins, interleaved likewise), with the bins touched. */
  readonly loc: Float64Array;
  readonly locTouched: Int32Array;
  /** The current feature's non-empty bins, ascending, with their sums. */
  readonly gBin: Int32Array;
  readonly gC: Float64Array;
  readonly gA: Float64Array;
  readonly gB: Float64Array;
  readonly features: Int32Array;
  /** Per-row marks for partitioning on a feature without a column (kept zeroed). */
  readonly mark: Int32Array;

  constructor(readonly data: BinnedData) {
    let maxBins = 1;
    for (let f = 0; f < data.features; f++) maxBins = Math.max(maxBins, data.nBins[f]!);
    const B = data.binOffset[data.features]!;
    this.samples = new Int32Array(data.rows);
    this.hist = new Float64Array(3 * B);
    this.touched = new Int32Array(B);
    this.featStart = new Int32Array(data.features);
    this.featEnd = new Int32Array(data.features);
    this.loc = new Float64Array(3 * maxBins);
    this.locTouched = new Int32Array(maxBins);
    this.gBin = new Int32Array(maxBins + 1);
    this.gC = new Float64Array(maxBins + 1);
    this.gA = new Float64Array(maxBins + 1);
    this.gB = new Float64Array(maxBins + 1);
    this.features = new Int32Array(data.features);
    this.mark = new Int32Array(data.rows);
  }
}

/** In-place partition of samples[start..end) by a column of codes: code <= bin first. */
export function partitionByColumn(
  samples: Int32Array,
  codes: Uint16Array,
  base: number,
  bin: number,
  start: number,
  end: number,
): number {
  let i = start;
  let j = end - 1;
  while (i <= j) {
    if (codes[base + samples[i]!]! <= bin) i++;
    else {
      const t = samples[i]!;
      samples[i] = samples[j]!;
      samples[j--] = t;
    }
  }
  return i;
}

/** The same by marks (bin + 1; 0 = the default bin `defMark` - 1). */
export function partitionByMark(
  samples: Int32Array,
  mark: Int32Array,
  defMark: number,
  binMark: number,
  start: number,
  end: number,
): number {
  let i = start;
  let j = end - 1;
  while (i <= j) {
    const m = mark[samples[i]!]!;
    if ((m === 0 ? defMark : m) <= binMark) i++;
    else {
      const t = samples[i]!;
      samples[i] = samples[j]!;
      samples[j--] = t;
    }
  }
  return i;
}

/** Adds the node rows' dense bins and sparse entries to a histogram over all global bins. */
export function scatterRows(
  hist: Float64Array,
  ws: GrowWorkspace,
  data: BinnedData,
  a: Float64Array,
  b: Float64Array,
  start: number,
  end: number,
): void {
  const { samples } = ws;
  const { sparsePtr, sparseBin, rowBins } = data;
  const pd = data.denseFeatures.length;
  for (let k = start; k < end; k++) {
    const i = samples[k]!;
    const ai = a[i]!;
    const bi = b[i]!;
    const base = i * pd;
    for (let j = 0; j < pd; j++) {
      const g = 3 * rowBins[base + j]!;
      hist[g]!++;
      hist[g + 1]! += ai;
      hist[g + 2]! += bi;
    }
    const stop = sparsePtr[i + 1]!;
    for (let e = sparsePtr[i]!; e < stop; e++) {
      const g = 3 * sparseBin[e]!;
      hist[g]!++;
      hist[g + 1]! += ai;
      hist[g + 2]! += bi;
    }
  }
}

/** `scatterRows`, also listing the bins touched; returns their number. */
export function scatterRowsTouched(
  ws: GrowWorkspace,
  data: BinnedData,
  a: Float64Array,
  b: Float64Array,
  start: number,
  end: number,
): number {
  const { samples, hist, touched } = ws;
  const { sparsePtr, sparseBin, rowBins } = data;
  const pd = data.denseFeatures.length;
  let t = 0;
  for (let k = start; k < end; k++) {
    const i = samples[k]!;
    const ai = a[i]!;
    const bi = b[i]!;
    const base = i * pd;
    for (let j = 0; j < pd; j++) {
      const bin = rowBins[base + j]!;
      const g = 3 * bin;
      if (hist[g] === 0) touched[t++] = bin;
      hist[g]!++;
      hist[g + 1]! += ai;
      hist[g + 2]! += bi;
    }
    const stop = sparsePtr[i + 1]!;
    for (let e = sparsePtr[i]!; e < stop; e++) {
      const bin = sparseBin[e]!;
      const g = 3 * bin;
      if (hist[g] === 0) touched[t++] = bin;
      hist[g]!++;
      hist[g + 1]! += ai;
      hist[g + 2]! += bi;
    }
  }
  return t;
}

/** target -= other, element by element. */
export function subtract(target: Float64Array, other: Float64Array): void {
  for (let k = 0; k < target.length; k++) target[k]! -= other[k]!;
}

/** Non-empty bins of an interleaved histogram range [off, off + nb), as local bins, into the group arrays. */
export function compactRange(ws: GrowWorkspace, hist: Float64Array, off: number, nb: number): number {
  const { gBin, gC, gA, gB } = ws;
  let g = 0;
  for (let c = 0; c < nb; c++) {
    const h = 3 * (off + c);
    const count = hist[h]!;
    if (count > 0) {
      gBin[g] = c;
      gC[g] = count;
      gA[g] = hist[h + 1]!;
      gB[g++] = hist[h + 2]!;
    }
  }
  return g;
}

/**
 * `compactRange` of a local histogram [0, nb) that also zeroes it on the way (a TypedArray
 * `fill` call costs more than the few bins of a one-hot feature).
 */
export function compactAndClear(ws: GrowWorkspace, hist: Float64Array, nb: number): number {
  const { gBin, gC, gA, gB } = ws;
  let g = 0;
  for (let c = 0; c < nb; c++) {
    const h = 3 * c;
    const count = hist[h]!;
    if (count > 0) {
      gBin[g] = c;
      gC[g] = count;
      gA[g] = hist[h + 1]!;
      gB[g++] = hist[h + 2]!;
      hist[h] = 0;
      hist[h + 1] = 0;
      hist[h + 2] = 0;
    }
  }
  return g;
}

/** The sorted touched bins touched[s..e) (global, of one feature) into the group arrays. */
export function copyTouched(ws: GrowWorkspace, s: number, e: number, off: number): number {
  const { touched, hist, gBin, gC, gA, gB } = ws;
  let g = 0;
  for (let k = s; k < e; k++) {
    const bin = touched[k]!;
    const h = 3 * bin;
    gBin[g] = bin - off;
    gC[g] = hist[h]!;
    gA[g] = hist[h + 1]!;
    gB[g++] = hist[h + 2]!;
  }
  return g;
}

/** Inserts a sparse feature's default bin (the node's rows not in the other groups) in order. */
export function insertDefault(
  ws: GrowWorkspace,
  groups: number,
  def: number,
  count: number,
  sumA: number,
  sumB: number,
): number {
  const { gBin, gC, gA, gB } = ws;
  let restC = count;
  let restA = sumA;
  let restB = sumB;
  let at = groups;
  for (let g = groups - 1; g >= 0; g--) {
    restC -= gC[g]!;
    restA -= gA[g]!;
    restB -= gB[g]!;
    if (gBin[g]! > def) at = g;
  }
  if (restC <= 0) return groups;
  for (let g = groups; g > at; g--) {
    gBin[g] = gBin[g - 1]!;
    gC[g] = gC[g - 1]!;
    gA[g] = gA[g - 1]!;
    gB[g] = gB[g - 1]!;
  }
  gBin[at] = def;
  gC[at] = restC;
  gA[at] = restA;
  gB[at] = restB;
  return groups + 1;
}

/** Column-wise: one feature's histogram over the node's rows, into the group arrays. */
export function columnGroups(
  ws: GrowWorkspace,
  data: BinnedData,
  f: number,
  a: Float64Array,
  b: Float64Array,
  start: number,
  end: number,
): number {
  const { samples, loc, locTouched } = ws;
  const codes = data.codes;
  const base = data.colOffset[f]!;
  const nb = data.nBins[f]!;
  if ((end - start) * 8 > nb) {
    // Most bins will be hit: accumulate without listing them, then read the whole range.
    for (let k = start; k < end; k++) {
      const i = samples[k]!;
      const h = 3 * codes[base + i]!;
      loc[h]!++;
      loc[h + 1]! += a[i]!;
      loc[h + 2]! += b[i]!;
    }
    return compactAndClear(ws, loc, nb);
  }
  let t = 0;
  for (let k = start; k < end; k++) {
    const i = samples[k]!;
    const c = codes[base + i]!;
    const h = 3 * c;
    if (loc[h] === 0) locTouched[t++] = c;
    loc[h]!++;
    loc[h + 1]! += a[i]!;
    loc[h + 2]! += b[i]!;
  }
  sortRange(locTouched, 0, t);
  const { gBin, gC, gA, gB } = ws;
  for (let k = 0; k < t; k++) {
    const c = locTouched[k]!;
    const h = 3 * c;
    gBin[k] = c;
    gC[k] = loc[h]!;
    gA[k] = loc[h + 1]!;
    gB[k] = loc[h + 2]!;
    loc[h] = 0;
    loc[h + 1] = 0;
    loc[h + 2] = 0;
  }
  return t;
}

/**
 * Sorts a[lo..hi) ascending in place: insertion sort for short ranges, quicksort (median of three)
 * above. Hand-written because sorting a typed-array subarray allocates a view per call, and split
 * search sorts once per node.
 */
export function sortRange(a: Int32Array, lo: number, hi: number): void {
  while (hi - lo > 24) {
    const mid = (lo + hi) >>> 1;
    // Median of the first, middle and last values.
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi - 1]!;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    // Recurse into the smaller part, loop on the larger (bounded stack depth).
    if (j - lo < hi - 1 - i) {
      sortRange(a, lo, j + 1);
      lo = i;
    } else {
      sortRange(a, i, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}
