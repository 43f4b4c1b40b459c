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
 *
 * Dense and CSR input are binned alike, from the matrix's non-zero entries by column: a dense
 * matrix of one-hot columns (a DictVectorizer's {sparse: false} output) costs one pass over its
 * cells, then the same as its CSR form, and gives the same bins.
 */
import type { Matrix } from '../../data/matrix.js';
import { assertFinite } from '../../data/matrix.js';
import { sortFloat } from './sort.js';

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

/** Distinct values counted without sorting up to this many (one-hot and small-integer columns). */
const FEW_VALUES = 16;

export function binFeatures(X: Matrix, options: BinningOptions = {}): BinnedData {
  const maxBins = options.maxBins ?? 4096;
  const sparseShare = options.sparseShare ?? 0.25;
  if (!(maxBins >= 2 && maxBins <= 32767))
    throw new RangeError(`binFeatures: maxBins must be in [2, 32767], got ${maxBins}`);
  const csc = nonZeroColumns(X);
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
  // Sparse features' non-default entries, feature after feature.
  const cscPtr = new Int32Array(p + 1);
  const entryRows: number[] = [];
  const entryBins: number[] = [];
  // Scratch: a feature's distinct values ascending with their counts, and each one's bin.
  const distinct = new Float64Array(n + 1);
  const counts = new Float64Array(n + 1);
  const codeOfValue = new Int32Array(n + 1);
  const { ptr, rows: nzRows, values: nzValues } = csc;
  for (let f = 0; f < p; f++) {
    const from = ptr[f]!;
    const to = ptr[f + 1]!;
    const nd = distinctValues(nzValues, from, to, n - (to - from), distinct, counts);
    // Bin upper bounds, as indices into `distinct` (inclusive).
    const ends: number[] = [];
    if (nd <= maxBins) {
      for (let k = 0; k < nd; k++) ends.push(k);
    } else {
      // Quantile cuts over the rows, never splitting one value across bins.
      let acc = 0;
      let next = n / maxBins;
      for (let k = 0; k < nd; k++) {
        acc += counts[k]!;
        if (acc >= next || k === nd - 1) {
          ends.push(k);
          while (next <= acc) next += n / maxBins;
        }
      }
    }
    nBins[f] = ends.length;
    binOffset[f + 1] = binOffset[f]! + ends.length;
    let start = 0;
    let bestCount = -1;
    for (let b = 0; b < ends.length; b++) {
      const end = ends[b]!;
      let count = 0;
      for (let k = start; k <= end; k++) {
        codeOfValue[k] = b;
        count += counts[k]!;
      }
      mins.push(distinct[start]!);
      maxs.push(distinct[end]!);
      if (count > bestCount) {
        bestCount = count;
        defaultBin[f] = b;
      }
      start = end + 1;
    }
    const isSparse = n - bestCount <= sparseShare * n;
    sparse[f] = isSparse ? 1 : 0;
    const def = defaultBin[f]!;
    const zeroCode = to - from < n ? codeOfValue[lowerBound(distinct, nd, 0)]! : -1;
    if (allColumns || !isSparse) {
      if (used + n > codes.length) {
        const grown = new Uint16Array(Math.max(codes.length * 2, used + n));
        grown.set(codes.subarray(0, used));
        codes = grown;
      }
      const base = used;
      colOffset[f] = base;
      used += n;
      // Implicit zeros: fresh columns start zeroed, so only a non-zero code for 0 needs a fill.
      if (zeroCode > 0) codes.fill(zeroCode, base, base + n);
      for (let k = from; k < to; k++)
        codes[base + nzRows[k]!] = codeOfValue[lowerBound(distinct, nd, nzValues[k]!)]!;
    }
    if (isSparse) {
      // The non-default entries, by row.
      if (zeroCode === def) {
        for (let k = from; k < to; k++) {
          const c = codeOfValue[lowerBound(distinct, nd, nzValues[k]!)]!;
          if (c !== def) {
            entryRows.push(nzRows[k]!);
            entryBins.push(c);
          }
        }
      } else {
        // Zero is not the default value (or no row is zero): walk all rows, merging in the
        // stored (ascending) ones.
        let k = from;
        for (let i = 0; i < n; i++) {
          const c =
            k < to && nzRows[k] === i ? codeOfValue[lowerBound(distinct, nd, nzValues[k++]!)]! : zeroCode;
          if (c !== def) {
            entryRows.push(i);
            entryBins.push(c);
          }
        }
      }
    }
    cscPtr[f + 1] = entryRows.length;
  }
  const B = binOffset[p]!;
  const binFeature = new Int32Array(B);
  for (let f = 0; f < p; f++) binFeature.fill(f, binOffset[f]!, binOffset[f + 1]!);
  // The sparse entries by row (global bins, feature order).
  const cscRows = Int32Array.from(entryRows);
  const cscBin = Uint16Array.from(entryBins);
  const sparsePtr = new Int32Array(n + 1);
  for (let k = 0; k < cscRows.length; k++) sparsePtr[cscRows[k]! + 1]!++;
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

/**
 * The distinct values of one column, ascending, with their counts, into `distinct` and `counts`;
 * returns their number. The column is its stored values[from..to) plus `zeros` implicit zeros
 * (-0 and 0 are one value). A column of a few values is counted in one pass; others are sorted.
 */
function distinctValues(
  values: Float64Array,
  from: number,
  to: number,
  zeros: number,
  distinct: Float64Array,
  counts: Float64Array,
): number {
  let nd = 0;
  let k = from;
  for (; k < to; k++) {
    const v = values[k]! === 0 ? 0 : values[k]!;
    let d = 0;
    while (d < nd && distinct[d] !== v) d++;
    if (d < nd) counts[d]!++;
    else if (nd < FEW_VALUES) {
      distinct[nd] = v;
      counts[nd++] = 1;
    } else break;
  }
  if (k < to) {
    // Many values: sort a copy (in `distinct`, -0 normalised) and count runs.
    const m = to - from;
    for (let j = 0; j < m; j++) distinct[j] = values[from + j]! === 0 ? 0 : values[from + j]!;
    sortFloat(distinct, 0, m);
    nd = 0;
    for (let j = 0; j < m; j++) {
      const v = distinct[j]!;
      if (nd > 0 && distinct[nd - 1] === v) counts[nd - 1]!++;
      else {
        distinct[nd] = v;
        counts[nd++] = 1;
      }
    }
  } else {
    // Few values: insertion sort of the pairs.
    for (let i = 1; i < nd; i++) {
      const v = distinct[i]!;
      const c = counts[i]!;
      let j = i - 1;
      while (j >= 0 && distinct[j]! > v) {
        distinct[j + 1] = distinct[j]!;
        counts[j + 1] = counts[j]!;
        j--;
      }
      distinct[j + 1] = v;
      counts[j + 1] = c;
    }
  }
  if (zeros > 0) {
    // Merge the implicit zeros in at their place.
    const at = lowerBound(distinct, nd, 0);
    if (at < nd && distinct[at] === 0) counts[at]! += zeros;
    else {
      for (let j = nd; j > at; j--) {
        distinct[j] = distinct[j - 1]!;
        counts[j] = counts[j - 1]!;
      }
      distinct[at] = 0;
      counts[at] = zeros;
      nd++;
    }
  }
  return nd;
}

/** First index of sorted[0..length) whose value is >= v. */
function lowerBound(sorted: Float64Array, length: number, v: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The non-zero entries of X by column (each column's rows ascending), after checking that every
 * value is finite. A dense matrix is first read once, row by row, into its non-zero entries (one
 * sequential pass over its cells: for the car data's 943 one-hot columns, 54 MB).
 */
function nonZeroColumns(X: Matrix): { ptr: Int32Array; rows: Int32Array; values: Float64Array } {
  const { indptr, indices, values } = X.kind === 'csr' ? X : nonZeroRows(X.data, X.rows, X.cols);
  // `v - v` is 0 exactly for finite v (NaN for NaN and the infinities).
  let finite = true;
  for (let k = 0; k < values.length; k++) if (values[k]! - values[k]! !== 0) finite = false;
  if (!finite) assertFinite(X, 'tree learner');
  const p = X.cols;
  const ptr = new Int32Array(p + 1);
  for (let k = 0; k < indices.length; k++) ptr[indices[k]! + 1]!++;
  for (let j = 0; j < p; j++) ptr[j + 1]! += ptr[j]!;
  const fill = ptr.slice(0, p);
  const rows = new Int32Array(indices.length);
  const out = new Float64Array(indices.length);
  for (let i = 0; i < X.rows; i++) {
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      const at = fill[indices[k]!]!++;
      rows[at] = i;
      out[at] = values[k]!;
    }
  }
  return { ptr, rows, values: out };
}

/** The non-zero entries of a dense row-major matrix, by row (CSR arrays). */
function nonZeroRows(
  data: Float64Array,
  n: number,
  p: number,
): { indptr: Int32Array; indices: Int32Array; values: Float64Array } {
  const indptr = new Int32Array(n + 1);
  let indices = new Int32Array(Math.max(16, n));
  let values = new Float64Array(indices.length);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    if (nnz + p > indices.length) {
      // Grow to fit at least this row (doubling).
      const size = Math.max(2 * indices.length, nnz + p);
      const moreIndices = new Int32Array(size);
      const moreValues = new Float64Array(size);
      moreIndices.set(indices.subarray(0, nnz));
      moreValues.set(values.subarray(0, nnz));
      indices = moreIndices;
      values = moreValues;
    }
    const base = i * p;
    for (let j = 0; j < p; j++) {
      const v = data[base + j]!;
      if (v !== 0) {
        indices[nnz] = j;
        values[nnz++] = v;
      }
    }
    indptr[i + 1] = nnz;
  }
  return { indptr, indices: indices.subarray(0, nnz), values: values.subarray(0, nnz) };
}
