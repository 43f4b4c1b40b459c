/**
 * Threshold metrics for binary classifiers, as scikit-learn defines them. Predictions are 0/1
 * labels; use `threshold(scores, t)` to turn probabilities into labels (the course's
 * `y_pred >= 0.5`). A ratio whose denominator is zero is 0 (scikit-learn's `zero_division` result,
 * without the warning).
 */

/** 1 where score >= t, else 0. */
export function threshold(scores: ArrayLike<number>, t = 0.5): Uint8Array {
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = scores[i]! >= t ? 1 : 0;
  return out;
}

export interface ConfusionCounts {
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly tp: number;
}

export function confusionCounts(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): ConfusionCounts {
  if (yTrue.length !== yPred.length)
    throw new Error(`confusion: ${yTrue.length} labels, ${yPred.length} predictions`);
  let tn = 0;
  let fp = 0;
  let fn = 0;
  let tp = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if ((t !== 0 && t !== 1) || (p !== 0 && p !== 1)) throw new Error('confusion: labels must be 0 or 1');
    if (t === 1) {
      if (p === 1) tp++;
      else fn++;
    } else if (p === 1) fp++;
    else tn++;
  }
  return { tn, fp, fn, tp };
}

/** `confusion_matrix(y_true, y_pred)` for labels 0/1: [[tn, fp], [fn, tp]]. */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): [[number, number], [number, number]] {
  const { tn, fp, fn, tp } = confusionCounts(yTrue, yPred);
  return [
    [tn, fp],
    [fn, tp],
  ];
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { tn, fp, fn, tp } = confusionCounts(yTrue, yPred);
  return ratio(tp + tn, tn + fp + fn + tp);
}

export function precision(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { fp, tp } = confusionCounts(yTrue, yPred);
  return ratio(tp, tp + fp);
}

export function recall(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { fn, tp } = confusionCounts(yTrue, yPred);
  return ratio(tp, tp + fn);
}

export function f1Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { fp, fn, tp } = confusionCounts(yTrue, yPred);
  return ratio(2 * tp, 2 * tp + fp + fn);
}
