/**
 * Small dense linear algebra for the learners: Cholesky factorisation of symmetric positive definite
 * systems (the ridge normal equations, the logistic-regression Hessian block).
 */

export class SingularMatrixError extends Error {
  /** Row/column where the factorisation broke down. */
  readonly pivot: number;
  constructor(message: string, pivot: number) {
    super(message);
    this.name = 'SingularMatrixError';
    this.pivot = pivot;
  }
}

/**
 * In-place Cholesky factorisation A = L L^T of an n x n row-major symmetric matrix; on return the
 * lower triangle holds L (the upper triangle is left as is).
 *
 * The matrix is first equilibrated (scaled to a unit diagonal) so that the breakdown test is
 * relative: a pivot below `relTol` (of its scaled diagonal, i.e. of 1) means the matrix is
 * singular to working precision, which is reported instead of returning garbage as `np.linalg.inv`
 * does for the course's r = 0 car-price system. Returns the scale factors, which `choleskySolve`
 * applies.
 */
export function cholesky(a: Float64Array, n: number, relTol = 1e-13): Float64Array {
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = a[i * n + i]!;
    if (!(d > 0)) throw new SingularMatrixError(`matrix is not positive definite (diagonal ${i} is ${d})`, i);
    scale[i] = 1 / Math.sqrt(d);
  }
  for (let i = 0; i < n; i++) {
    const si = scale[i]!;
    for (let j = 0; j <= i; j++) a[i * n + j]! *= si * scale[j]!;
  }
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = a[rowJ + j]!;
    for (let k = 0; k < j; k++) {
      const l = a[rowJ + k]!;
      d -= l * l;
    }
    if (!(d > relTol)) {
      throw new SingularMatrixError(
        `matrix is singular to working precision (pivot ${j} is ${d.toExponential(2)} of its diagonal)`,
        j,
      );
    }
    const ljj = Math.sqrt(d);
    a[rowJ + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j]!;
      for (let k = 0; k < j; k++) s -= a[rowI + k]! * a[rowJ + k]!;
      a[rowI + j] = s * inv;
    }
  }
  return scale;
}

/** Solves A x = b given `cholesky`'s factor and scale; b is overwritten with x. */
export function choleskySolve(
  l: Float64Array,
  scale: Float64Array,
  n: number,
  b: Float64Array,
): Float64Array {
  for (let i = 0; i < n; i++) b[i]! *= scale[i]!;
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    const row = i * n;
    for (let k = 0; k < i; k++) s -= l[row + k]! * b[k]!;
    b[i] = s / l[row + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
  for (let i = 0; i < n; i++) b[i]! *= scale[i]!;
  return b;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>, n = a.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}
