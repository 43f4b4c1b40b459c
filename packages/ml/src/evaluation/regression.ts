/** Regression metrics. */

/** Root mean squared error, as the course's `rmse(y, y_pred)`. */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return Math.sqrt(mse(yTrue, yPred));
}

export function mse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  if (yTrue.length !== yPred.length)
    throw new Error(`mse: ${yTrue.length} targets, ${yPred.length} predictions`);
  if (yTrue.length === 0) throw new Error('mse: no values');
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const e = yTrue[i]! - yPred[i]!;
    s += e * e;
  }
  return s / yTrue.length;
}
