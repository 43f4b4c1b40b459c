/**
 * Feature binning for the tree learners: each feature's training values become small integer
 * codes, so split search is histogram arithmetic instead of sorting.
 *
 * A feature with at most `maxBins` distinct values gets one bin per value ("exact"): a split
 * between two bins is then exactly a split between two consecutive distinct values, and its
 * threshold (the midpoint of the largest value on the left and the smallest on the right, within
 * the node) is the one scikit-learn's CART and XGBoost's exact method choose. A feature with more
 * values is cut at quantiles of its distinct values (weighted by count), as histogram GBMs do.
 *
 * Each feature's most frequent bin is its "default" bin. Features whose other bins hold few rows
 * (one-hot columns, mostly-zero amounts) are "sparse": their non-default entries are also kept per
 * row and per column, so a node's histograms cost only those entries. On wide data (many rows times
 * many features) sparse features get no dense column at all: a fresh n x p code matrix would cost
 * more in first-touch page faults than the whole fit (13.5 MB for the car data's 943 one-hots).
 */
import type { Matrix } from '../../data/matrix.js';
import { assertFinite, columnOf } from '../../data/matrix.js';

/** Up to this many cells (rows x features), every feature keeps a dense column of codes. */
const ALL_COLUMNS_CELLS = 1 << 21;

export interface BinnedData {
  readonly rows: number;
  readonly features: number;
  /** Column-major codes: the bin of row i for feature f is codes[colOffset[f] + i]. */
  readonly codes: Uint16Array;
  /** Start of feature f's column in `codes`, or -1 (a sparse feature of wide data). */
  readonly colOffset: Int32Array;
  /** Whether every feature has a column. */
  readonly allColumns: boolean;
  readonly nBins: Int32Array;
  /** Offset of feature f's bins in the concatenated per-bin arrays. */
  readonly binOffset: Int32Array;
  /** Smallest and largest training value in each bin (concatenated over features). */
  readonly binMin: Float64Array;
  readonly binMax: Float64Array;
  readonly defaultBin: Int32Array;
  /** 1 for sparse features. */
  readonly sparse: Uint8Array;
  /** Sparse features' non-default entries by column: rows cscRows[cscPtr[f] .. cscPtr[f+1]), local bins cscBin. */
  readonly cscPtr: Int32Array;
  readonly cscRows: Int32Array;
  readonly cscBin: Uint16Array;
  /** The same entries by row: row i's are sparsePtr[i] .. sparsePtr[i+1]-1, each a global bin index. */
  readonly sparsePtr: Int32Array;
  readonly sparseBin: Int32Array;
  /** Feature of each global bin index. */
  readonly binFeature: Int32Array;
  /** The features not stored sparsely, ascending. */
  readonly denseFeatures: Int32Array;
  /** Row-major global bins of the dense features: row i's are rowBins[i * denseFeatures.length + j]. */
  readonly rowBins: Int32Array;
}

export interface BinningOptions {
  /** Most bins per feature (<= 32767). Default 4096: exact for every feature of the course data. */
  readonly maxBins?: number;
  /** A feature is sparse when at most this share of rows is outside its default bin. */
  readonly sparseShare?: number;
  /** Keep a dense column for every feature up to this many cells (rows x features). Default 2^21. */
  readonly allColumnsCells?: number;
}

export function binFeatures(X: Matrix, options: BinningOptions = {}): BinnedData {
  const maxBins = options.maxBins ?? 4096;
  const sparseShare = options.sparseShare ?? 0.25;
  if (!(maxBins >= 2 && maxBins <= 32767))
    throw new RangeError(`binFeatures: maxBins must be in [2, 32767], got ${maxBins}`);
  assertFinite(X, 'tree learner');
  const n = X.rows;
  const p = X.cols;
  const nBins = new Int32Array(p);
  const binOffset = new Int32Array(p + 1);
  const mins: number[] = [];
  const maxs: number[] = [];
  const defaultBin = new Int32Array(p);
  const sparse = new Uint8Array(p);
  const allColumns = n * p <= (options.allColumnsCells ?? ALL_COLUMNS_CELLS);
  // Columns are laid out as features are binned (a wide data set's sparse features get none).
  let codes = new Uint16Array(allColumns ? n * p : n * Math.min(p, 64));
  let used = 0;
  const colOffset = new Int32Array(p).fill(-1);
  const cscRowsOf: (Int32Array | undefined)[] = new Array(p);
  const cscBinOf: (Uint16Array | undefined)[] = new Array(p);
  const csc = X.kind === 'csr' ? transpose(X) : null;
  for (let f = 0; f < p; f++) {
    // Distinct values with counts, ascending (a sparse column's implicit zeros counted at once).
    let rowsOf: Int32Array | null = null;
    let valuesOf: Float64Array;
    if (csc) {
      rowsOf = csc.rows.subarray(csc.ptr[f]!, csc.ptr[f + 1]!);
      valuesOf = csc.values.subarray(csc.ptr[f]!, csc.ptr[f + 1]!);
    } else {
      valuesOf = columnOf(X, f);
    }
    // (A typed-array copy; `Float64Array.from` would go through the iterator protocol.)
    const sorted = valuesOf.slice();
    sorted.sort();
    const values: number[] = [];
    const counts: number[] = [];
    let zeros = rowsOf ? n - rowsOf.length : 0;
    const pushValue = (v: number, c: number): void => {
      if (values.length > 0 && values[values.length - 1] === v) counts[counts.length - 1]! += c;
      else {
        values.push(v);
        counts.push(c);
      }
    };
    for (let k = 0; k < sorted.length; k++) {
      const v = sorted[k]! === 0 ? 0 : sorted[k]!; // -0 and 0 are one value
      if (zeros > 0 && v > 0) {
        pushValue(0, zeros);
        zeros = 0;
      }
      pushValue(v, 1);
    }
    if (zeros > 0) pushValue(0, zeros);
    // Bin upper bounds, as indices into `values` (inclusive).
    const ends: number[] = [];
    if (values.length <= maxBins) {
      for (let k = 0; k < values.length; k++) ends.push(k);
    } else {
      // Quantile cuts over the rows, never splitting one value across bins.
      let acc = 0;
      let next = n / maxBins;
      for (let k = 0; k < values.length; k++) {
        acc += counts[k]!;
        if (acc >= next || k === values.length - 1) {
          ends.push(k);
          while (next <= acc) next += n / maxBins;
        }
      }
    }
    nBins[f] = ends.length;
    binOffset[f + 1] = binOffset[f]! + ends.length;
    // Code of each distinct value, then of each row (by binary search over the values).
    const codeOfValue = new Int32Array(values.length);
    let start = 0;
    let bestCount = -1;
    ends.forEach((end, b) => {
      let count = 0;
      for (let k = start; k <= end; k++) {
        codeOfValue[k] = b;
        count += counts[k]!;
      }
      mins.push(values[start]!);
      maxs.push(values[end]!);
      if (count > bestCount) {
        bestCount = count;
        defaultBin[f] = b;
      }
      start = end + 1;
    });
    const distinct = Float64Array.from(values);
    const codeOf = (v: number): number => codeOfValue[lowerBound(distinct, v)]!;
    const isSparse = n - bestCount <= sparseShare * n;
    sparse[f] = isSparse ? 1 : 0;
    const def = defaultBin[f]!;
    const zeroCode = rowsOf && rowsOf.length < n ? codeOf(0) : -1;
    if (allColumns || !isSparse) {
      if (used + n > codes.length) {
        const grown = new Uint16Array(Math.max(codes.length * 2, used + n));
        grown.set(codes.subarray(0, used));
        codes = grown;
      }
      const base = used;
      colOffset[f] = base;
      used += n;
      if (rowsOf) {
        // Implicit zeros: fresh columns start zeroed, so only a non-zero code for 0 needs a fill.
        if (zeroCode > 0) codes.fill(zeroCode, base, base + n);
        for (let k = 0; k < rowsOf.length; k++) codes[base + rowsOf[k]!] = codeOf(valuesOf[k]!);
      } else {
        for (let i = 0; i < n; i++) codes[base + i] = codeOf(valuesOf[i]!);
      }
    }
    if (!isSparse) continue;
    // The non-default entries, by row.
    const rows: number[] = [];
    const bins: number[] = [];
    if (rowsOf && zeroCode === def) {
      for (let k = 0; k < rowsOf.length; k++) {
        const c = codeOf(valuesOf[k]!);
        if (c !== def) {
          rows.push(rowsOf[k]!);
          bins.push(c);
        }
      }
    } else if (rowsOf) {
      // Zero is not the default value: walk all rows, merging in the stored (ascending) ones.
      let k = 0;
      for (let i = 0; i < n; i++) {
        const c = k < rowsOf.length && rowsOf[k] === i ? codeOf(valuesOf[k++]!) : zeroCode;
        if (c !== def) {
          rows.push(i);
          bins.push(c);
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        const c = codeOf(valuesOf[i]!);
        if (c !== def) {
          rows.push(i);
          bins.push(c);
        }
      }
    }
    cscRowsOf[f] = Int32Array.from(rows);
    cscBinOf[f] = Uint16Array.from(bins);
  }
  const B = binOffset[p]!;
  const binFeature = new Int32Array(B);
  for (let f = 0; f < p; f++) for (let b = binOffset[f]!; b < binOffset[f + 1]!; b++) binFeature[b] = f;
  // The sparse entries by column (concatenated) and by row (global bins, feature order).
  const cscPtr = new Int32Array(p + 1);
  for (let f = 0; f < p; f++) cscPtr[f + 1] = cscPtr[f]! + (cscRowsOf[f]?.length ?? 0);
  const cscRows = new Int32Array(cscPtr[p]!);
  const cscBin = new Uint16Array(cscPtr[p]!);
  const sparsePtr = new Int32Array(n + 1);
  for (let f = 0; f < p; f++) {
    const rows = cscRowsOf[f];
    if (!rows) continue;
    cscRows.set(rows, cscPtr[f]!);
    cscBin.set(cscBinOf[f]!, cscPtr[f]!);
    for (let k = 0; k < rows.length; k++) sparsePtr[rows[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) sparsePtr[i + 1]! += sparsePtr[i]!;
  const sparseBin = new Int32Array(sparsePtr[n]!);
  const fill = sparsePtr.slice(0, n);
  for (let f = 0; f < p; f++) {
    const off = binOffset[f]!;
    for (let k = cscPtr[f]!; k < cscPtr[f + 1]!; k++) sparseBin[fill[cscRows[k]!]!++] = off + cscBin[k]!;
  }
  // Row-major global bins of the dense features, for histograms built one row at a time.
  const denseList: number[] = [];
  for (let f = 0; f < p; f++) if (!sparse[f]) denseList.push(f);
  const denseFeatures = Int32Array.from(denseList);
  const pd = denseFeatures.length;
  const rowBins = new Int32Array(n * pd);
  for (let j = 0; j < pd; j++) {
    const f = denseFeatures[j]!;
    const base = colOffset[f]!;
    const off = binOffset[f]!;
    for (let i = 0; i < n; i++) rowBins[i * pd + j] = off + codes[base + i]!;
  }
  return {
    denseFeatures,
    rowBins,
    rows: n,
    features: p,
    codes: codes.subarray(0, used),
    colOffset,
    allColumns,
    cscPtr,
    cscRows,
    cscBin,
    nBins,
    binOffset,
    binMin: Float64Array.from(mins),
    binMax: Float64Array.from(maxs),
    defaultBin,
    sparse,
    sparsePtr,
    sparseBin,
    binFeature,
  };
}

/** First index of a sorted array whose value is >= v. */
function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Column-wise entries of a CSR matrix (each column's rows ascending). */
function transpose(X: Matrix & { kind: 'csr' }): { ptr: Int32Array; rows: Int32Array; values: Float64Array } {
  const ptr = new Int32Array(X.cols + 1);
  for (let k = 0; k < X.indices.length; k++) ptr[X.indices[k]! + 1]!++;
  for (let j = 0; j < X.cols; j++) ptr[j + 1]! += ptr[j]!;
  const fill = ptr.slice(0, X.cols);
  const rows = new Int32Array(X.indices.length);
  const values = new Float64Array(X.indices.length);
  for (let i = 0; i < X.rows; i++) {
    for (let k = X.indptr[i]!; k < X.indptr[i + 1]!; k++) {
      const at = fill[X.indices[k]!]!++;
      rows[at] = i;
      values[at] = X.values[k]!;
    }
  }
  return { ptr, rows, values };
}
