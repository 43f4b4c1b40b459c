/**
 * The hot loops of row-wise histograms, kept as small top-level functions over typed arrays (V8
 * optimises each on its own, where a loop inside a large method gets on-stack-replaced and
 * deoptimised again and again).
 *
 * A histogram covers all global bins, interleaved (count, sum of a, sum of b) so one update
 * touches one cache line. Each bin's sums add the node's rows in their order in `samples`, so a
 * histogram is the same bit for bit however it is built, as long as that order is.
 *
 * Most functions take a list of bins: a node's non-empty bins are among its parent's, so
 * subtracting, listing and clearing need only visit those (a node of a few hundred rows fills a
 * fifth of the bins of the credit data's 1,107-value feature).
 */
import type { BinnedData } from './binning.js';
import type { BinLevel, GrowWorkspace } from './workspace.js';

/** Adds the rows samples[start..end) (dense bins and sparse entries) to a histogram over all bins. */
export function scatterRows(
  hist: Float64Array,
  samples: Int32Array,
  data: BinnedData,
  a: Float64Array,
  b: Float64Array,
  start: number,
  end: number,
): void {
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

/** Lists each bin's rows, ascending, into ws.binStart and ws.binRows (a counting sort). */
export function listBinRows(ws: GrowWorkspace): void {
  const data = ws.data;
  const { sparsePtr, sparseBin, rowBins } = data;
  const n = data.rows;
  const pd = data.denseFeatures.length;
  const B = data.binOffset[data.features]!;
  const start = new Int32Array(B + 1);
  for (let k = 0; k < n * pd; k++) start[rowBins[k]! + 1]!++;
  for (let e = 0; e < sparsePtr[n]!; e++) start[sparseBin[e]! + 1]!++;
  for (let g = 0; g < B; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, B);
  const rows = new Int32Array(start[B]!);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < pd; j++) rows[fill[rowBins[i * pd + j]!]!++] = i;
    for (let e = sparsePtr[i]!; e < sparsePtr[i + 1]!; e++) rows[fill[sparseBin[e]!]!++] = i;
  }
  ws.binStart = start;
  ws.binRows = rows;
}

/**
 * The histogram of all rows in order (a root), bin by bin from the bins' row lists: the same sums
 * as `scatterRows` (each bin's rows are added in the same order), kept in registers instead of
 * being loaded and stored for every row. `hist` must be zeroed.
 */
export function binListHistogram(
  hist: Float64Array,
  binStart: Int32Array,
  binRows: Int32Array,
  a: Float64Array,
  b: Float64Array,
): void {
  const B = binStart.length - 1;
  for (let g = 0; g < B; g++) {
    const s = binStart[g]!;
    const e = binStart[g + 1]!;
    if (s === e) continue;
    let sa = 0;
    let sb = 0;
    for (let k = s; k < e; k++) {
      const i = binRows[k]!;
      sa += a[i]!;
      sb += b[i]!;
    }
    hist[3 * g] = e - s;
    hist[3 * g + 1] = sa;
    hist[3 * g + 2] = sb;
  }
}

/**
 * `scatterRows` into a zeroed histogram, also listing the bins it touches into `out` (in order of
 * first touch); returns their number.
 */
export function scatterRowsTouched(
  hist: Float64Array,
  out: Int32Array,
  samples: Int32Array,
  data: BinnedData,
  a: Float64Array,
  b: Float64Array,
  start: number,
  end: number,
): number {
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
      if (hist[g] === 0) out[t++] = bin;
      hist[g]!++;
      hist[g + 1]! += ai;
      hist[g + 2]! += bi;
    }
    const stop = sparsePtr[i + 1]!;
    for (let e = sparsePtr[i]!; e < stop; e++) {
      const bin = sparseBin[e]!;
      const g = 3 * bin;
      if (hist[g] === 0) out[t++] = bin;
      hist[g]!++;
      hist[g + 1]! += ai;
      hist[g + 2]! += bi;
    }
  }
  return t;
}

/** Lists the non-empty bins of a histogram over all bins into `out`; returns their number. */
export function listNonEmpty(hist: Float64Array, data: BinnedData, out: BinLevel): number {
  const { bins, start, end } = out;
  const offsets = data.binOffset;
  let n = 0;
  for (let f = 0; f < data.features; f++) {
    start[f] = n;
    const stop = offsets[f + 1]!;
    for (let g = offsets[f]!; g < stop; g++) if (hist[3 * g]! > 0) bins[n++] = g;
    end[f] = n;
  }
  return n;
}

/**
 * Lists the non-empty bins of a histogram among its parent's (parent.bins[0..parentCount)) into
 * `out`; returns their number. Narrow data goes feature by feature; wide data (hundreds of one-hot
 * features, most without bins in the parent) goes through the parent's list in one pass.
 */
export function listNonEmptyAmong(
  hist: Float64Array,
  data: BinnedData,
  parent: BinLevel,
  parentCount: number,
  out: BinLevel,
): number {
  const { bins, start, end } = out;
  const from = parent.bins;
  const p = data.features;
  let n = 0;
  if (p * 8 <= parentCount) {
    for (let f = 0; f < p; f++) {
      start[f] = n;
      const stop = parent.end[f]!;
      for (let k = parent.start[f]!; k < stop; k++) {
        const g = from[k]!;
        if (hist[3 * g]! > 0) bins[n++] = g;
      }
      end[f] = n;
    }
    return n;
  }
  const binFeature = data.binFeature;
  start.fill(0);
  end.fill(0);
  let prev = -1;
  for (let k = 0; k < parentCount; k++) {
    const g = from[k]!;
    if (hist[3 * g]! > 0) {
      bins[n] = g;
      const f = binFeature[g]!;
      if (f !== prev) {
        start[f] = n;
        prev = f;
      }
      end[f] = ++n;
    }
  }
  return n;
}

/** Splits a sorted list of bins out.bins[0..n) by feature (global bins are in feature order). */
export function rangesByFeature(data: BinnedData, out: BinLevel, n: number): void {
  const { bins, start, end } = out;
  const binFeature = data.binFeature;
  start.fill(0);
  end.fill(0);
  let prev = -1;
  for (let k = 0; k < n; k++) {
    const f = binFeature[bins[k]!]!;
    if (f !== prev) start[f] = k;
    end[f] = k + 1;
    prev = f;
  }
}

/**
 * target -= other over the listed bins (all others are zero in `other`), listing the bins that
 * keep rows into `out`; returns their number. A bin that keeps no rows is set to zero:
 * subtraction would leave rounding residue in its sums (about 1e-17), never read since the bin is
 * empty, and without it the histogram's non-zero bins are exactly its listed ones, which is what
 * clearing it relies on.
 */
export function subtractListed(
  target: Float64Array,
  other: Float64Array,
  list: Int32Array,
  n: number,
  out: Int32Array,
): number {
  let kept = 0;
  for (let k = 0; k < n; k++) {
    const g = list[k]!;
    const h = 3 * g;
    if (target[h] === other[h]) {
      target[h] = 0;
      target[h + 1] = 0;
      target[h + 2] = 0;
    } else {
      target[h]! -= other[h]!;
      target[h + 1]! -= other[h + 1]!;
      target[h + 2]! -= other[h + 2]!;
      out[kept++] = g;
    }
  }
  return kept;
}

/** Zeroes the listed bins. */
export function clearListed(hist: Float64Array, list: Int32Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const h = 3 * list[k]!;
    hist[h] = 0;
    hist[h + 1] = 0;
    hist[h + 2] = 0;
  }
}
