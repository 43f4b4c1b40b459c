/**
 * Quality bars of the car-price pipeline on the real data: notebook 02's ridge regression (its
 * printed RMSEs are matched to many digits, the split being numpy's exact shuffle) and the chapter 3
 * homework's "above average" classification.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../data/csv.js';
import { DictVectorizer } from '../data/dict-vectorizer.js';
import { Frame } from '../data/frame.js';
import { denseMatrix } from '../data/matrix.js';
import { shuffledSplit, trainValTestSplit } from '../data/split.js';
import { accuracy, threshold } from '../evaluation/classification.js';
import { rmse } from '../evaluation/regression.js';
import { rocAucScore } from '../evaluation/roc.js';
import { SingularMatrixError } from '../learners/linalg.js';
import { LinearRegression } from '../learners/linear-regression.js';
import { LogisticRegression } from '../learners/logistic-regression.js';
import {
  aboveAverage,
  CAR_BASE,
  CAR_CLASSIFICATION_FEATURES,
  CarPriceFeatures,
  logPrice,
  mean,
  prepareCarClassification,
  prepareCarPrice,
} from './car-price.js';

const df = prepareCarPrice(
  readCsv(readFileSync(new URL('../../../../examples/data/data.csv', import.meta.url))),
);
const s = shuffledSplit(df.rowCount, 2);
const [train, val, test] = [s.train, s.val, s.test].map((i) => df.take(i)) as [Frame, Frame, Frame];

/** The notebook's earlier feature sets: base columns (+ age), missing as 0. */
function baseFeatures(frame: Frame, withAge: boolean) {
  const cols = [...CAR_BASE].map((c) => frame.numbers(c));
  if (withAge) cols.push(Float64Array.from(frame.numbers('year'), (y) => 2017 - y));
  const X = denseMatrix(frame.rowCount, cols.length);
  for (let i = 0; i < frame.rowCount; i++) {
    cols.forEach((c, j) => {
      X.data[i * cols.length + j] = Number.isNaN(c[i]!) ? 0 : c[i]!;
    });
  }
  return X;
}

describe('car price regression (notebook 02)', () => {
  it("reproduces the notebook's intermediate models", () => {
    const m = LinearRegression.fit(baseFeatures(train, false), logPrice(train));
    expect(m.intercept).toBeCloseTo(7.9272573880700605, 9);
    expect(rmse(logPrice(train), m.predict(baseFeatures(train, false)))).toBeCloseTo(0.7554192603920132, 12);
    expect(rmse(logPrice(val), m.predict(baseFeatures(val, false)))).toBeCloseTo(0.7616530991301577, 12);
    const aged = LinearRegression.fit(baseFeatures(train, true), logPrice(train));
    expect(rmse(logPrice(val), aged.predict(baseFeatures(val, true)))).toBeCloseTo(0.5172055461058291, 12);
  });

  it('ridge on the final features: the r sweep, r = 0.001 within 0.002 of 0.4608, r = 0 singular', () => {
    const fx = CarPriceFeatures.fit(train);
    expect(fx.featureNames).toHaveLength(41);
    const Xtr = fx.transform(train);
    const Xva = fx.transform(val);
    // Notebook 02's sweep (r -> validation RMSE).
    const sweep: [number, number][] = [
      [1e-5, 0.46081532123609276],
      [0.0001, 0.4608153659783837],
      [0.001, 0.46081585838957173],
      [0.1, 0.4608736549134577],
      [1, 0.46158128382779856],
      [10, 0.472609877266903],
    ];
    for (const [r, expected] of sweep) {
      const m = LinearRegression.fit(Xtr, logPrice(train), { r });
      // 7 digits: near r = 0 the notebook's explicit inverse is itself only good to ~1e-8.
      expect(rmse(logPrice(val), m.predict(Xva))).toBeCloseTo(expected, 7);
    }
    const score = rmse(logPrice(val), LinearRegression.fit(Xtr, logPrice(train), { r: 0.001 }).predict(Xva));
    console.log(`car ridge r=0.001 validation RMSE ${score.toFixed(6)}`);
    expect(Math.abs(score - 0.4608)).toBeLessThanOrEqual(0.002);
    expect(() => LinearRegression.fit(Xtr, logPrice(train), { r: 0 })).toThrow(SingularMatrixError);
  });

  it("train + validation -> test RMSE within 0.002 of 0.4601, and the notebook's Sienna price", () => {
    const fx = CarPriceFeatures.fit(train);
    const full = Frame.concat([train, val]);
    const m = LinearRegression.fit(fx.transform(full), logPrice(full), { r: 0.001 });
    const score = rmse(logPrice(test), m.predict(fx.transform(test)));
    console.log(`car ridge test RMSE ${score.toFixed(6)}`);
    expect(score).toBeCloseTo(0.4600753970266562, 8);
    expect(Math.abs(score - 0.4601)).toBeLessThanOrEqual(0.002);
    // df_test.iloc[20], a 2015 Toyota Sienna: predicted log price 10.63249250912739.
    expect(test.cell('model', 20)).toBe('sienna');
    expect(m.predict(fx.transform(test.take([20])))[0]).toBeCloseTo(10.63249250912739, 8);
  });
});

describe('car price above average (chapter 3 homework)', () => {
  it('LogisticRegression C=10 on 943 one-hot features: validation AUC >= 0.98', () => {
    const data = prepareCarClassification(df);
    const split = trainValTestSplit(data.rowCount, 42);
    const tr = data.take(split.train);
    const va = data.take(split.val);
    const mu = mean(tr.numbers('msrp'));
    const dv = DictVectorizer.fit(tr, CAR_CLASSIFICATION_FEATURES);
    expect(dv.size).toBe(943);
    const model = LogisticRegression.fit(dv.transform(tr), aboveAverage(tr, mu), { C: 10 });
    const proba = model.predictProba(dv.transform(va));
    const auc = rocAucScore(aboveAverage(va, mu), proba);
    const acc = accuracy(aboveAverage(va, mu), threshold(proba));
    console.log(
      `car above-average LR validation AUC ${auc.toFixed(6)}, accuracy ${acc.toFixed(4)} (homework 0.95)`,
    );
    expect(auc).toBeGreaterThanOrEqual(0.98);
    expect(Math.abs(acc - 0.95)).toBeLessThan(0.01);
  });
});
