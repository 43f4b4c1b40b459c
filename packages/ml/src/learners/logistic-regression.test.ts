import { describe, expect, it } from 'vitest';
import { fromRows, type Matrix, toCsr, toDense } from '../data/matrix.js';
import { RandomState } from '../data/random-state.js';
import { LogisticRegression, sigmoid } from './logistic-regression.js';

/** A noisy linear problem with one feature on a large scale (like unscaled charges). */
function synthetic(n: number, seed: number): { X: Matrix; y: Float64Array } {
  const rs = new RandomState(seed);
  const rows: number[][] = [];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rs.randomSample();
    const b = rs.randomSample() * 5000;
    const onehot = rs.randint(0, 3);
    rows.push([a, b, onehot === 0 ? 1 : 0, onehot === 1 ? 1 : 0, onehot === 2 ? 1 : 0]);
    const z = 3 * a - b / 2000 + (onehot === 2 ? 1 : 0);
    y[i] = rs.randomSample() < sigmoid(z) ? 1 : 0;
  }
  return { X: fromRows(rows), y };
}

/**
 * Gradient of sum logloss + ||w||^2 / (2C) (intercept unpenalised unless asked), each component
 * relative to its column's scale (sum of |x_ij|), so a feature in the thousands is held to the
 * same standard as a one-hot column.
 */
function gradient(
  m: LogisticRegression,
  X: Matrix,
  y: ArrayLike<number>,
  C: number,
  penalizeIntercept = false,
): number[] {
  const p = m.predictProba(X);
  const d = toDense(X);
  const g = Array.from(m.coef, (w) => w / C);
  const scale = new Array<number>(d.cols + 1).fill(1);
  let gb = penalizeIntercept ? m.intercept / C : 0;
  for (let i = 0; i < d.rows; i++) {
    const r = p[i]! - y[i]!;
    gb += r;
    scale[d.cols]! += 1;
    for (let j = 0; j < d.cols; j++) {
      g[j]! += r * d.data[i * d.cols + j]!;
      scale[j]! += Math.abs(d.data[i * d.cols + j]!);
    }
  }
  return [...g, gb].map((v, j) => v / scale[j]!);
}

describe('LogisticRegression', () => {
  it('reaches the optimum of the penalised likelihood (zero gradient) for several C', () => {
    const { X, y } = synthetic(2000, 3);
    for (const C of [0.01, 1, 100]) {
      const m = LogisticRegression.fit(X, y, { C });
      expect(m.info?.converged).toBe(true);
      const g = gradient(m, X, y, C);
      for (const v of g) expect(Math.abs(v)).toBeLessThan(1e-7);
    }
  });

  it('penalises the intercept on request (liblinear)', () => {
    const { X, y } = synthetic(500, 4);
    const free = LogisticRegression.fit(X, y, { C: 0.01 });
    const penalised = LogisticRegression.fit(X, y, { C: 0.01, penalizeIntercept: true });
    for (const v of gradient(penalised, X, y, 0.01, true)) expect(Math.abs(v)).toBeLessThan(1e-7);
    expect(Math.abs(penalised.intercept)).toBeLessThan(Math.abs(free.intercept));
  });

  it('gives the same model from dense and sparse rows', () => {
    const { X, y } = synthetic(300, 5);
    const a = LogisticRegression.fit(X, y);
    const b = LogisticRegression.fit(toCsr(X), y);
    expect(b.intercept).toBeCloseTo(a.intercept, 8);
    for (let j = 0; j < a.coef.length; j++) expect(b.coef[j]).toBeCloseTo(a.coef[j]!, 8);
  });

  it('stays finite on separable data (the penalty bounds the weights)', () => {
    const X = fromRows([[0], [1], [2], [3]]);
    const m = LogisticRegression.fit(X, [0, 0, 1, 1], { C: 1e6 });
    expect(Number.isFinite(m.coef[0]!)).toBe(true);
    expect(Array.from(m.predict(X))).toEqual([0, 0, 1, 1]);
  });

  it('rejects bad input', () => {
    const X = fromRows([[1], [2]]);
    expect(() => LogisticRegression.fit(X, [0, 2])).toThrow(/0 or 1/);
    expect(() => LogisticRegression.fit(X, [0, 1], { C: 0 })).toThrow(RangeError);
    expect(() => LogisticRegression.fit(X, [0])).toThrow(/labels/);
    expect(() => LogisticRegression.fit(X, [1, 1])).toThrow(/one class/);
  });
});
