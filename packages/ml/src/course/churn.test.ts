/**
 * Quality bars of the churn pipeline (course chapters 3-4) on the real data. Reference values: the
 * course's notebook 04 (LogisticRegression with lbfgs, which stops short of the optimum) and
 * scikit-learn's liblinear on this machine; our Newton solver reaches the exact optimum.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../data/csv.js';
import { DictVectorizer } from '../data/dict-vectorizer.js';
import type { Frame } from '../data/frame.js';
import { RandomState } from '../data/random-state.js';
import { kFold, trainValTestSplit } from '../data/split.js';
import { accuracy, confusionMatrix, threshold } from '../evaluation/classification.js';
import { rocAucScore } from '../evaluation/roc.js';
import { LogisticRegression, type LogisticRegressionOptions } from '../learners/logistic-regression.js';
import { CHURN_FEATURES, prepareChurn } from './churn.js';

const df = prepareChurn(
  readCsv(
    readFileSync(new URL('../../../../examples/data/WA_Fn-UseC_-Telco-Customer-Churn.csv', import.meta.url)),
  ),
);
const split = trainValTestSplit(df.rowCount, 1);
const [fullTrain, train, val, test] = [split.fullTrain, split.train, split.val, split.test].map((idx) =>
  df.take(idx),
) as [Frame, Frame, Frame, Frame];

function fitScore(
  a: Frame,
  b: Frame,
  options: LogisticRegressionOptions = {},
): { auc: number; proba: Float64Array } {
  const dv = DictVectorizer.fit(a, CHURN_FEATURES);
  const model = LogisticRegression.fit(dv.transform(a), a.numbers('churn'), options);
  const proba = model.predictProba(dv.transform(b));
  return { auc: rocAucScore(b.numbers('churn'), proba), proba };
}

describe('churn (notebooks 03-04)', () => {
  it("prepares the course's 45 features and churn rate", () => {
    expect(DictVectorizer.fit(train, CHURN_FEATURES).size).toBe(45);
    const rate = fullTrain.numbers('churn').reduce((s, v) => s + v, 0) / fullTrain.rowCount;
    expect(rate).toBeCloseTo(0.26996805111821087, 15);
  });

  it("reproduces notebook 04's random baseline (its split and numpy's uniform draws together)", () => {
    // np.random.seed(1); y_rand = np.random.uniform(0, 1, size=len(y_val)); ((y_rand >= 0.5) == y_val).mean()
    const y = val.numbers('churn');
    const draws = new RandomState(1).uniform(0, 1, y.length);
    const agree = y.filter((v, i) => (draws[i]! >= 0.5 ? 1 : 0) === v).length;
    expect(agree / y.length).toBe(0.5017743080198722);
    expect(y.filter((v) => v === 0).length).toBe(1023); // num_neg, num_pos = 1023, 386
  });

  it('LogisticRegression C=1: validation AUC between the lbfgs (0.8439) and liblinear (0.8466) figures', () => {
    const { auc, proba } = fitScore(train, val);
    console.log(`churn validation AUC ${auc.toFixed(6)}`);
    expect(auc).toBeGreaterThanOrEqual(0.8438);
    expect(auc).toBeLessThanOrEqual(0.8466);
    // The exact optimum of scikit-learn's objective gives 0.846299 (Newton in numpy).
    expect(auc).toBeCloseTo(0.846299, 5);
    const y = val.numbers('churn');
    const cm = confusionMatrix(y, threshold(proba, 0.5));
    console.log(
      `churn confusion at 0.5 ${JSON.stringify(cm)} (course [[922,101],[176,210]]), accuracy ${accuracy(y, threshold(proba)).toFixed(4)}`,
    );
    const course = [922, 101, 176, 210];
    for (const [i, v] of cm.flat().entries()) expect(Math.abs(v - course[i]!)).toBeLessThanOrEqual(3);
  });

  it('with a penalised intercept it is liblinear run to convergence', () => {
    const { auc } = fitScore(train, val, { penalizeIntercept: true });
    // LogisticRegression(solver='liblinear', tol=1e-12) on this machine: 0.846325.
    expect(auc).toBeCloseTo(0.846325, 5);
  });

  it('train + validation -> test AUC within 0.005 of the course (0.857239)', () => {
    const { auc } = fitScore(fullTrain, test);
    console.log(`churn test AUC ${auc.toFixed(6)}`);
    expect(Math.abs(auc - 0.857239)).toBeLessThanOrEqual(0.005);
  });

  it('5-fold CV mean AUC at C=1 within 0.005 of the course (0.841)', () => {
    const aucs = kFold(fullTrain.rowCount, 5, 1).map(
      (f) => fitScore(fullTrain.take(f.train), fullTrain.take(f.val)).auc,
    );
    const mean = aucs.reduce((s, v) => s + v, 0) / aucs.length;
    const std = Math.sqrt(aucs.reduce((s, v) => s + (v - mean) ** 2, 0) / aucs.length);
    console.log(`churn CV C=1 ${mean.toFixed(6)} +- ${std.toFixed(6)}`);
    expect(Math.abs(mean - 0.841)).toBeLessThanOrEqual(0.005);
    expect(std).toBeLessThan(0.015);
  });
});
