import { describe, expect, it } from 'vitest';
import { fromRows, toCsr } from '../data/matrix.js';
import { SingularMatrixError } from './linalg.js';
import { LinearRegression } from './linear-regression.js';

// Notebook 02's hand-made example: 9 cars, 3 features, prices.
const X = fromRows([
  [148, 24, 1385],
  [132, 25, 2031],
  [453, 11, 86],
  [158, 24, 185],
  [172, 25, 201],
  [413, 11, 86],
  [38, 54, 185],
  [142, 25, 431],
  [453, 31, 86],
]);
const y = [10000, 20000, 15000, 20050, 10000, 20000, 15000, 25000, 12000];

describe('LinearRegression', () => {
  it("matches the notebook's normal-equation solution", () => {
    const m = LinearRegression.fit(X, y);
    // w0, w printed by notebook 02: 25844.75405576683, [-16.08906468, -199.47254894, -1.22802883].
    expect(m.intercept).toBeCloseTo(25844.75405576683, 7);
    expect(Array.from(m.coef).map((v) => Number(v.toFixed(8)))).toEqual([
      -16.08906468, -199.47254894, -1.22802883,
    ]);
  });

  it('gives the same fit from sparse rows', () => {
    const dense = LinearRegression.fit(X, y, { r: 0.01 });
    const sparse = LinearRegression.fit(toCsr(X), y, { r: 0.01 });
    expect(sparse.intercept).toBeCloseTo(dense.intercept, 8);
    const a = dense.predict(X);
    const b = sparse.predict(toCsr(X));
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]!, 6);
  });

  it('reports a singular system instead of returning huge weights', () => {
    // Two one-hot columns that sum to the intercept column: X^T X is singular without r.
    const Xs = fromRows([
      [1, 0, 3],
      [0, 1, 4],
      [1, 0, 5],
      [0, 1, 1],
    ]);
    const ys = [1, 2, 3, 4];
    expect(() => LinearRegression.fit(Xs, ys)).toThrow(SingularMatrixError);
    expect(() => LinearRegression.fit(Xs, ys, { r: 0.001 })).not.toThrow();
    // Without the intercept the same columns are fine.
    expect(() => LinearRegression.fit(Xs, ys, { fitIntercept: false })).not.toThrow();
  });

  it('rejects bad input', () => {
    expect(() => LinearRegression.fit(X, [1, 2])).toThrow(/targets/);
    expect(() => LinearRegression.fit(fromRows([[Number.NaN]]), [1])).toThrow(/NaN/);
    expect(() => LinearRegression.fit(X, y, { r: -1 })).toThrow(RangeError);
  });
});
