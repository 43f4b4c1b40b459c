/**
 * Linear regression with an L2 penalty, as the course's `train_linear_regression_reg` computes it:
 * prepend a column of ones, add `r` to the whole diagonal of X^T X (the intercept included, as the
 * notebook's `r * np.eye(...)` does), and solve (X^T X + r I) w = X^T y.
 *
 * The solve is a Cholesky factorisation instead of the notebook's explicit inverse: same solution,
 * better accuracy, and a singular system (r = 0 with the car features, whose one-hot drive types
 * sum to the intercept column) is reported as a `SingularMatrixError` instead of returning weights
 * of 1e15.
 */
import type { Matrix } from '../data/matrix.js';
import { assertFinite } from '../data/matrix.js';
import { cholesky, choleskySolve, SingularMatrixError } from './linalg.js';

export interface RidgeOptions {
  /** Added to the diagonal of X^T X (the course's `r`). Default 0 (plain least squares). */
  readonly r?: number;
  /** Prepend a ones column (the intercept). Default true. */
  readonly fitIntercept?: boolean;
}

export class LinearRegression {
  constructor(
    readonly coef: Float64Array,
    readonly intercept: number,
  ) {}

  static fit(X: Matrix, y: ArrayLike<number>, options: RidgeOptions = {}): LinearRegression {
    const r = options.r ?? 0;
    const fitIntercept = options.fitIntercept ?? true;
    if (X.rows !== y.length) throw new Error(`LinearRegression: ${X.rows} rows but ${y.length} targets`);
    if (!(r >= 0)) throw new RangeError(`LinearRegression: r must be >= 0, got ${r}`);
    assertFinite(X, 'LinearRegression');
    const p = X.cols;
    // The augmented system has the intercept as column 0, as in the notebook.
    const q = p + (fitIntercept ? 1 : 0);
    const off = fitIntercept ? 1 : 0;
    const xtx = new Float64Array(q * q);
    const xty = new Float64Array(q);
    const row = new Float64Array(q);
    const idx = new Int32Array(q);
    for (let i = 0; i < X.rows; i++) {
      // Gather row i as (index, value) pairs, then accumulate the lower triangle of x x^T.
      let m = 0;
      if (fitIntercept) {
        idx[m] = 0;
        row[m++] = 1;
      }
      if (X.kind === 'dense') {
        const base = i * p;
        for (let j = 0; j < p; j++) {
          const v = X.data[base + j]!;
          if (v !== 0) {
            idx[m] = j + off;
            row[m++] = v;
          }
        }
      } else {
        for (let k = X.indptr[i]!; k < X.indptr[i + 1]!; k++) {
          const v = X.values[k]!;
          if (v !== 0) {
            idx[m] = X.indices[k]! + off;
            row[m++] = v;
          }
        }
      }
      const yi = y[i]!;
      for (let a = 0; a < m; a++) {
        const ia = idx[a]!;
        const va = row[a]!;
        xty[ia]! += va * yi;
        for (let b = 0; b <= a; b++) {
          const ib = idx[b]!;
          // Lower triangle whatever the entry order of a sparse row.
          if (ib <= ia) xtx[ia * q + ib]! += va * row[b]!;
          else xtx[ib * q + ia]! += va * row[b]!;
        }
      }
    }
    for (let a = 0; a < q; a++) {
      xtx[a * q + a]! += r;
      for (let b = 0; b < a; b++) xtx[b * q + a] = xtx[a * q + b]!;
    }
    let scale: Float64Array;
    try {
      scale = cholesky(xtx, q);
    } catch (e) {
      if (e instanceof SingularMatrixError) {
        throw new SingularMatrixError(
          `LinearRegression: X^T X${r > 0 ? ` + ${r} I` : ''} is singular (collinear features, e.g. one-hot columns ` +
            'that sum to the intercept); use a ridge penalty r > 0 or drop a column',
          e.pivot,
        );
      }
      throw e;
    }
    const w = choleskySolve(xtx, scale, q, xty);
    return new LinearRegression(w.slice(off), fitIntercept ? w[0]! : 0);
  }

  predict(X: Matrix): Float64Array {
    return linearPredict(X, this.coef, this.intercept);
  }
}

/** X w + b for dense or sparse rows. */
export function linearPredict(X: Matrix, coef: Float64Array, intercept: number): Float64Array {
  if (X.cols !== coef.length) throw new Error(`predict: ${X.cols} features, the model has ${coef.length}`);
  const out = new Float64Array(X.rows);
  if (X.kind === 'dense') {
    const p = X.cols;
    for (let i = 0; i < X.rows; i++) {
      let s = intercept;
      const base = i * p;
      for (let j = 0; j < p; j++) s += X.data[base + j]! * coef[j]!;
      out[i] = s;
    }
    return out;
  }
  for (let i = 0; i < X.rows; i++) {
    let s = intercept;
    for (let k = X.indptr[i]!; k < X.indptr[i + 1]!; k++) s += X.values[k]! * coef[X.indices[k]!]!;
    out[i] = s;
  }
  return out;
}
