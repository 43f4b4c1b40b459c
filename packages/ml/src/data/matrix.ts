/**
 * Feature matrices in typed arrays: dense row-major, or sparse rows (CSR) for one-hot data, where a
 * row of ~1,000 features holds a dozen non-zeros.
 */

export interface DenseMatrix {
  readonly kind: 'dense';
  readonly rows: number;
  readonly cols: number;
  /** Row-major: element (i, j) is `data[i * cols + j]`. */
  readonly data: Float64Array;
}

export interface CsrMatrix {
  readonly kind: 'csr';
  readonly rows: number;
  readonly cols: number;
  /** Row i's entries are positions indptr[i] .. indptr[i + 1] - 1 of `indices` / `values`. */
  readonly indptr: Int32Array;
  /** Column of each stored entry, ascending within a row. */
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

export type Matrix = DenseMatrix | CsrMatrix;

export function denseMatrix(rows: number, cols: number, data?: Float64Array): DenseMatrix {
  const d = data ?? new Float64Array(rows * cols);
  if (d.length !== rows * cols) throw new Error(`denseMatrix: ${d.length} values for ${rows} x ${cols}`);
  return { kind: 'dense', rows, cols, data: d };
}

/** A dense matrix from nested arrays (tests, small inputs). */
export function fromRows(rows: readonly (readonly number[])[], cols?: number): DenseMatrix {
  const c = cols ?? rows[0]?.length ?? 0;
  const m = denseMatrix(rows.length, c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new Error(`fromRows: row ${i} has ${row.length} values, expected ${c}`);
    m.data.set(row, i * c);
  });
  return m;
}

export function toDense(m: Matrix): DenseMatrix {
  if (m.kind === 'dense') return m;
  const out = denseMatrix(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let k = m.indptr[i]!; k < m.indptr[i + 1]!; k++) out.data[i * m.cols + m.indices[k]!] = m.values[k]!;
  }
  return out;
}

/** Sparse rows of a matrix; a dense matrix keeps its non-zero entries. */
export function toCsr(m: Matrix): CsrMatrix {
  if (m.kind === 'csr') return m;
  let nnz = 0;
  for (let k = 0; k < m.data.length; k++) if (m.data[k] !== 0) nnz++;
  const indptr = new Int32Array(m.rows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let p = 0;
  for (let i = 0; i < m.rows; i++) {
    const base = i * m.cols;
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[base + j]!;
      if (v !== 0) {
        indices[p] = j;
        values[p++] = v;
      }
    }
    indptr[i + 1] = p;
  }
  return { kind: 'csr', rows: m.rows, cols: m.cols, indptr, indices, values };
}

/** Sparse rows with each row's columns ascending (sorting a copy only when needed). */
export function sortedCsr(m: Matrix): CsrMatrix {
  const csr = toCsr(m);
  let sorted = true;
  for (let i = 0; i < csr.rows && sorted; i++) {
    for (let k = csr.indptr[i]! + 1; k < csr.indptr[i + 1]!; k++) {
      if (csr.indices[k]! <= csr.indices[k - 1]!) {
        sorted = false;
        break;
      }
    }
  }
  if (sorted) return csr;
  const indices = csr.indices.slice();
  const values = csr.values.slice();
  for (let i = 0; i < csr.rows; i++) {
    const start = csr.indptr[i]!;
    const end = csr.indptr[i + 1]!;
    const order = Array.from({ length: end - start }, (_, k) => start + k).sort(
      (a, b) => csr.indices[a]! - csr.indices[b]!,
    );
    order.forEach((src, k) => {
      indices[start + k] = csr.indices[src]!;
      values[start + k] = csr.values[src]!;
    });
    for (let k = start + 1; k < end; k++) {
      if (indices[k] === indices[k - 1])
        throw new Error(`sortedCsr: row ${i} holds column ${indices[k]} twice`);
    }
  }
  return { ...csr, indices, values };
}

/** Rows at the given positions. */
export function takeRows<T extends Matrix>(m: T, rows: ArrayLike<number>): T {
  const n = rows.length;
  if (m.kind === 'dense') {
    const out = denseMatrix(n, m.cols);
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      out.data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols);
    }
    return out as T;
  }
  const indptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    indptr[i + 1] = indptr[i]! + (m.indptr[r + 1]! - m.indptr[r]!);
  }
  const indices = new Int32Array(indptr[n]!);
  const values = new Float64Array(indptr[n]!);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    indices.set(m.indices.subarray(m.indptr[r]!, m.indptr[r + 1]!), indptr[i]!);
    values.set(m.values.subarray(m.indptr[r]!, m.indptr[r + 1]!), indptr[i]!);
  }
  return { kind: 'csr', rows: n, cols: m.cols, indptr, indices, values } as T;
}

/** Values of row i as a dense array of length `cols` (for inspection). */
export function rowOf(m: Matrix, i: number): Float64Array {
  if (m.kind === 'dense') return m.data.slice(i * m.cols, (i + 1) * m.cols);
  const out = new Float64Array(m.cols);
  for (let k = m.indptr[i]!; k < m.indptr[i + 1]!; k++) out[m.indices[k]!] = m.values[k]!;
  return out;
}

/** Column j as a dense array. */
export function columnOf(m: Matrix, j: number): Float64Array {
  const out = new Float64Array(m.rows);
  if (m.kind === 'dense') {
    for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j]!;
    return out;
  }
  for (let i = 0; i < m.rows; i++) {
    for (let k = m.indptr[i]!; k < m.indptr[i + 1]!; k++) {
      if (m.indices[k] === j) {
        out[i] = m.values[k]!;
        break;
      }
    }
  }
  return out;
}

/** Throws when a matrix holds NaN or an infinity (learners need complete data; fill missing first). */
export function assertFinite(m: Matrix, what: string): void {
  const values = m.kind === 'dense' ? m.data : m.values;
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k]!)) {
      throw new Error(
        `${what}: the feature matrix holds ${values[k]} (fill missing values first, e.g. fillna(0))`,
      );
    }
  }
}
