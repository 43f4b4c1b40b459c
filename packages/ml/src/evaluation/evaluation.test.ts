import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, f1Score, precision, recall, threshold } from './classification.js';
import { rmse } from './regression.js';
import { auc, rocAucScore, rocCurve } from './roc.js';

// Expected values printed by scikit-learn 1.2.1 for the same inputs.
const y = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0];
const s = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.2, 0.9, 0.35, 0.05];

describe('ROC', () => {
  it('roc_curve with drop_intermediate (ties move together)', () => {
    const { fpr, tpr, thresholds } = rocCurve(y, s);
    expect(Array.from(fpr)).toEqual([0, 0, 0, 0.4, 0.4, 1]);
    expect(Array.from(tpr)).toEqual([0, 0.2, 0.4, 0.6, 1, 1]);
    // scikit-learn >= 1.3 starts at +inf (1.2 printed max + 1 = 1.9).
    expect(Array.from(thresholds)).toEqual([Number.POSITIVE_INFINITY, 0.9, 0.8, 0.4, 0.35, 0.05]);
  });

  it('roc_curve keeping every threshold', () => {
    const { fpr, thresholds } = rocCurve(y, s, false);
    expect(Array.from(fpr)).toEqual([0, 0, 0, 0.4, 0.4, 0.6, 0.8, 1]);
    expect(Array.from(thresholds).slice(1)).toEqual([0.9, 0.8, 0.4, 0.35, 0.2, 0.1, 0.05]);
  });

  it('roc_auc_score counts a positive-negative tie as one half', () => {
    expect(rocAucScore(y, s)).toBeCloseTo(0.8, 15);
    expect(rocAucScore([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(() => rocAucScore([1, 1], [0.2, 0.3])).toThrow(/one class/);
    expect(() => rocAucScore([0, 2], [0.2, 0.3])).toThrow(/0 or 1/);
  });

  it('auc by trapezoids, either direction', () => {
    expect(auc([0, 0.5, 1], [0, 0.5, 1])).toBe(0.5);
    expect(auc([1, 0.5, 0], [1, 1, 0])).toBe(0.75);
    expect(() => auc([0, 1, 0.5], [0, 1, 1])).toThrow(/increasing/);
  });
});

describe('threshold metrics', () => {
  it('match scikit-learn at threshold 0.4', () => {
    const pred = threshold(s, 0.4);
    expect(confusionMatrix(y, pred)).toEqual([
      [3, 2],
      [2, 3],
    ]);
    expect([precision(y, pred), recall(y, pred), f1Score(y, pred), accuracy(y, pred)]).toEqual([
      0.6, 0.6, 0.6, 0.6,
    ]);
  });

  it('are 0 when undefined (zero_division=0)', () => {
    expect(precision([1, 0], [0, 0])).toBe(0);
    expect(recall([0, 0], [0, 1])).toBe(0);
    expect(f1Score([0, 0], [0, 0])).toBe(0);
  });
});

describe('rmse', () => {
  it('is the root of the mean squared error', () => {
    expect(rmse([1, 2, 3], [1, 2, 5])).toBeCloseTo(Math.sqrt(4 / 3), 15);
    expect(() => rmse([1], [1, 2])).toThrow();
  });
});
