/**
 * ROC curve and area under it, with scikit-learn's semantics (`roc_curve`, `roc_auc_score`):
 * one point per distinct score (tied scores move together, so a tie between a positive and a
 * negative counts one half), collinear points dropped, the curve starting at (0, 0) with an
 * infinite threshold (scikit-learn >= 1.3; older versions used max score + 1), and the area by the
 * trapezoidal rule.
 */

export interface RocCurve {
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  /** Decreasing; a row is predicted positive when its score >= threshold. */
  readonly thresholds: Float64Array;
}

/** Label check shared by the metrics: 0/1 labels, as many as scores. */
function checkBinary(yTrue: ArrayLike<number>, n: number, what: string): void {
  if (yTrue.length !== n) throw new Error(`${what}: ${yTrue.length} labels but ${n} scores`);
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] !== 0 && yTrue[i] !== 1) throw new Error(`${what}: labels must be 0 or 1, got ${yTrue[i]}`);
  }
}

/** `roc_curve(y_true, y_score, drop_intermediate=dropIntermediate)`. */
export function rocCurve(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  dropIntermediate = true,
): RocCurve {
  const n = yScore.length;
  checkBinary(yTrue, n, 'rocCurve');
  for (let i = 0; i < n; i++) if (Number.isNaN(yScore[i]!)) throw new Error('rocCurve: scores contain NaN');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => yScore[b]! - yScore[a]! || a - b);
  // Cumulative true/false positives at the last row of each run of equal scores.
  const tps: number[] = [];
  const fps: number[] = [];
  const thr: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (yTrue[i] === 1) tp++;
    else fp++;
    if (k === n - 1 || yScore[order[k + 1]!] !== yScore[i]) {
      tps.push(tp);
      fps.push(fp);
      thr.push(yScore[i]!);
    }
  }
  let keep = tps.map((_, i) => i);
  if (dropIntermediate && tps.length > 2) {
    // Drop points in the middle of a straight segment (second differences both zero).
    keep = keep.filter(
      (i) =>
        i === 0 ||
        i === tps.length - 1 ||
        fps[i + 1]! - 2 * fps[i]! + fps[i - 1]! !== 0 ||
        tps[i + 1]! - 2 * tps[i]! + tps[i - 1]! !== 0,
    );
  }
  const m = keep.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const thresholds = new Float64Array(m);
  thresholds[0] = Number.POSITIVE_INFINITY;
  const P = tp;
  const N = fp;
  keep.forEach((i, k) => {
    fpr[k + 1] = N > 0 ? fps[i]! / N : Number.NaN;
    tpr[k + 1] = P > 0 ? tps[i]! / P : Number.NaN;
    thresholds[k + 1] = thr[i]!;
  });
  return { fpr, tpr, thresholds };
}

/** Area under a curve by the trapezoidal rule (`sklearn.metrics.auc`); x must be monotonic. */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length || x.length < 2) throw new Error('auc: need two arrays of equal length >= 2');
  let increasing = true;
  let decreasing = true;
  for (let i = 1; i < x.length; i++) {
    if (x[i]! < x[i - 1]!) increasing = false;
    if (x[i]! > x[i - 1]!) decreasing = false;
  }
  if (!increasing && !decreasing) throw new Error('auc: x is neither increasing nor decreasing');
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return decreasing ? -area : area;
}

/** `roc_auc_score(y_true, y_score)` for binary labels. */
export function rocAucScore(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  const { fpr, tpr } = rocCurve(yTrue, yScore, true);
  if (Number.isNaN(fpr[fpr.length - 1]!) || Number.isNaN(tpr[tpr.length - 1]!)) {
    throw new Error('rocAucScore: only one class present in y_true; ROC AUC is not defined');
  }
  return auc(fpr, tpr);
}
