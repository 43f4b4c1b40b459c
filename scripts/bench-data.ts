/**
 * The prepared learning problems the ML benchmarks (bench-ml.ts, bench-trees.ts) time learners
 * on, made as the example pipelines make them: credit scoring (seed 11, dense, 29 features) and
 * car "price above average" (one-hot, 943 features).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  course,
  DictVectorizer,
  type Frame,
  type Matrix,
  readCsv,
  trainValTestSplit,
} from '../packages/ml/src/index.js';

const DATA = fileURLToPath(new URL('../examples/data/', import.meta.url));

export const readData = (name: string): Frame => readCsv(readFileSync(`${DATA}${name}`));

/** Training and scoring matrices with their 0/1 labels. */
export interface Problem {
  X: Matrix;
  y: Float64Array;
  Xv: Matrix;
  yv: Float64Array;
}

/** Credit scoring, split with seed 11: fit on train, score on validation (`tuning`), or fit on train + validation, score on test (`final`). */
export function creditProblems(): { tuning: Problem; final: Problem } {
  const df = course.prepareCreditScoring(readData('CreditScoring.csv'), { fillMissing: true });
  const s = trainValTestSplit(df.rowCount, 11);
  const columns = df.names.filter((n) => n !== 'status');
  const make = (a: Frame, b: Frame): Problem => {
    const dv = DictVectorizer.fit(a, columns);
    return {
      X: dv.transform(a, { sparse: false }),
      y: course.creditTarget(a),
      Xv: dv.transform(b, { sparse: false }),
      yv: course.creditTarget(b),
    };
  };
  return {
    tuning: make(df.take(s.train), df.take(s.val)),
    final: make(df.take(s.fullTrain), df.take(s.test)),
  };
}

/**
 * Car "price above average" (the homework's split, seed 42), train vs validation, sparse or dense;
 * from the cleaned car data when the caller has it.
 */
export function carAboveAverage(options: { sparse?: boolean; cleaned?: Frame } = {}): Problem {
  const cleaned = options.cleaned ?? course.prepareCarPrice(readData('data.csv'));
  const data = course.prepareCarClassification(cleaned);
  const c = trainValTestSplit(data.rowCount, 42);
  const tr = data.take(c.train);
  const va = data.take(c.val);
  const mu = course.mean(tr.numbers('msrp'));
  const dv = DictVectorizer.fit(tr, course.CAR_CLASSIFICATION_FEATURES);
  const sparse = options.sparse !== false;
  return {
    X: dv.transform(tr, { sparse }),
    y: course.aboveAverage(tr, mu),
    Xv: dv.transform(va, { sparse }),
    yv: course.aboveAverage(va, mu),
  };
}
