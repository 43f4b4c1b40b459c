/**
 * Split search over one feature: the candidate splits of a node are the boundaries between its
 * non-empty bins ("groups"), in bin order, and the best one maximises the criterion's score of the
 * left and right sums (see grower.ts).
 *
 * Every way of building histograms ends in `scanList`: a list of the feature's non-empty bins,
 * ascending, whose sums sit in an interleaved histogram (count, sum of a, sum of b); two-bin
 * features (one-hot columns) are read straight from the histogram. A sparse
 * feature's default bin holds the node's rows without an entry: its sums are the node's minus the
 * other bins' (subtracted from the last bin down, an order kept so that results stay the same),
 * lent for the scan to the default bin's slot, which is otherwise always empty.
 */
import type { BinnedData } from './binning.js';
import type { GrowWorkspace } from './workspace.js';

/** The best split of a node so far (`score` -Infinity while there is none). */
export class BestSplit {
  score = Number.NEGATIVE_INFINITY;
  feature = -1;
  /** Last bin (feature-local) that goes left. */
  bin = -1;
  threshold = 0;
  /** Rows, and sums of a and b, going left. */
  leftCount = 0;
  leftA = 0;
  leftB = 0;

  reset(): void {
    this.score = Number.NEGATIVE_INFINITY;
    this.feature = -1;
    this.bin = -1;
    this.threshold = 0;
    this.leftCount = 0;
    this.leftA = 0;
    this.leftB = 0;
  }
}

/** The rules a candidate split must pass, and how it is scored. */
export interface SplitRules {
  readonly gini: boolean;
  /** Fewest rows in a child. */
  readonly minLeaf: number;
  /** Fewest `a` in a child. */
  readonly minWeight: number;
  readonly lambda: number;
}

/** The node a split is sought for: its row count and sums. */
export interface NodeSums {
  count: number;
  sumA: number;
  sumB: number;
}

/**
 * A candidate is only scored (two divisions) when it may beat the best: for positive
 * denominators dL, dR and best score s > 0, numL / dL + numR / dR > s (each operation rounded)
 * implies numL * dR + numR * dL > s * dL * dR * (1 - 7u), u = 2^-53 the rounding unit, also
 * rounded. Skipping below s * dL * dR * FILTER, a much wider margin, never skips a candidate the
 * exact comparison would take, so the best split is unchanged bit for bit.
 */
const FILTER = 1 - 1e-12;

/**
 * The score of the split whose left child has cL rows and sums aL, bL, or -Infinity when it
 * breaks a rule or cannot beat `bestScore`. Scalars only: it inlines into the scans' loops, which
 * then keep everything in registers (reading fields of `node` and `rules` per candidate made the
 * scan over twice as slow).
 */
function candidateScore(
  cL: number,
  aL: number,
  bL: number,
  count: number,
  sumA: number,
  sumB: number,
  minLeaf: number,
  minWeight: number,
  lambda: number,
  gini: boolean,
  bestScore: number,
): number {
  const aR = sumA - aL;
  if (cL < minLeaf || count - cL < minLeaf || aL < minWeight || aR < minWeight)
    return Number.NEGATIVE_INFINITY;
  if (gini && !(aL > 0 && aR > 0)) return Number.NEGATIVE_INFINITY;
  const bR = sumB - bL;
  // score = numL / denL + numR / denR.
  let numL: number;
  let numR: number;
  let denL: number;
  let denR: number;
  if (gini) {
    const nL = aL - bL;
    const nR = aR - bR;
    numL = bL * bL + nL * nL;
    numR = bR * bR + nR * nR;
    denL = aL;
    denR = aR;
  } else {
    numL = bL * bL;
    numR = bR * bR;
    denL = aL + lambda;
    denR = aR + lambda;
  }
  if (denL > 0 && denR > 0 && numL * denR + numR * denL <= bestScore * (denL * denR) * FILTER)
    return Number.NEGATIVE_INFINITY;
  return numL / denL + numR / denR;
}

/** Records a better split of feature f: left bins up to leftBin, right from rightBin on. */
function record(
  best: BestSplit,
  data: BinnedData,
  f: number,
  score: number,
  leftBin: number,
  rightBin: number,
  cL: number,
  aL: number,
  bL: number,
): void {
  const at = data.binOffset[f]!;
  best.score = score;
  best.feature = f;
  best.bin = leftBin;
  best.threshold = (data.binMax[at + leftBin]! + data.binMin[at + rightBin]!) / 2;
  best.leftCount = cL;
  best.leftA = aL;
  best.leftB = bL;
}

/**
 * Scans feature f's groups: the bins bins[from..to) of `hist`, ascending (feature f's local bin is
 * the index minus `off`). Updates `best` when a split beats it (ties keep the earlier one).
 */
export function scanList(
  best: BestSplit,
  rules: SplitRules,
  node: NodeSums,
  data: BinnedData,
  f: number,
  hist: Float64Array,
  bins: Int32Array,
  from: number,
  to: number,
  off: number,
): void {
  const { count, sumA, sumB } = node;
  const { minLeaf, minWeight, lambda, gini } = rules;
  let bestScore = best.score;
  let bestG = -1;
  let bestC = 0;
  let bestA = 0;
  let bestB = 0;
  let cL = 0;
  let aL = 0;
  let bL = 0;
  for (let g = from; g < to; g++) {
    const h = 3 * bins[g]!;
    // The split between group g - 1 and group g; none further once the right side is too small.
    if (g > from) {
      if (count - cL < minLeaf) break;
      const score = candidateScore(
        cL,
        aL,
        bL,
        count,
        sumA,
        sumB,
        minLeaf,
        minWeight,
        lambda,
        gini,
        bestScore,
      );
      if (score > bestScore) {
        bestScore = score;
        bestG = g;
        bestC = cL;
        bestA = aL;
        bestB = bL;
      }
    }
    cL += hist[h]!;
    aL += hist[h + 1]!;
    bL += hist[h + 2]!;
  }
  if (bestG >= 0)
    record(best, data, f, bestScore, bins[bestG - 1]! - off, bins[bestG]! - off, bestC, bestA, bestB);
}

/**
 * Row-wise: scans feature f of a node's histogram, given the feature's non-empty bins (global,
 * ascending) bins[s..e). Returns the number of groups (at least 2 when the feature is not
 * constant in the node).
 */
export function scanFeature(
  best: BestSplit,
  rules: SplitRules,
  node: NodeSums,
  data: BinnedData,
  ws: GrowWorkspace,
  hist: Float64Array,
  f: number,
  bins: Int32Array,
  s: number,
  e: number,
): number {
  if (data.nBins[f] === 2) return scanPair(best, rules, node, data, hist, f);
  const off = data.binOffset[f]!;
  if (!data.sparse[f]) {
    if (e - s >= 2) scanList(best, rules, node, data, f, hist, bins, s, e, off);
    return e - s;
  }
  // The default bin holds the rest of the node (subtracted from the last bin down).
  let restC = node.count;
  let restA = node.sumA;
  let restB = node.sumB;
  for (let k = e - 1; k >= s; k--) {
    const h = 3 * bins[k]!;
    restC -= hist[h]!;
    restA -= hist[h + 1]!;
    restB -= hist[h + 2]!;
  }
  if (restC <= 0) {
    if (e - s >= 2) scanList(best, rules, node, data, f, hist, bins, s, e, off);
    return e - s;
  }
  // Insert it in order into a copy of the list, and lend it its (always empty) slot for the scan.
  const list = ws.list;
  const def = off + data.defaultBin[f]!;
  let groups = 0;
  for (let k = s; k < e; k++) {
    if (bins[k]! > def && (groups === 0 || list[groups - 1]! < def)) list[groups++] = def;
    list[groups++] = bins[k]!;
  }
  if (groups === e - s) list[groups++] = def;
  const slot = lend(hist, 3 * def, restC, restA, restB);
  if (groups >= 2) scanList(best, rules, node, data, f, hist, list, 0, groups, off);
  lend(hist, slot, 0, 0, 0);
  return groups;
}

/** `scanFeature` of a two-bin feature (one-hot columns), straight from the histogram. */
function scanPair(
  best: BestSplit,
  rules: SplitRules,
  node: NodeSums,
  data: BinnedData,
  hist: Float64Array,
  f: number,
): number {
  const h = 3 * data.binOffset[f]!;
  let c0 = hist[h]!;
  let a0 = hist[h + 1]!;
  let b0 = hist[h + 2]!;
  let c1 = hist[h + 3]!;
  if (data.sparse[f]) {
    // One bin has the entries; the other (the default) holds the rest of the node.
    const def = data.defaultBin[f]!;
    const other = def === 0 ? c1 : c0;
    const rest = node.count - other;
    if (!(other > 0 && rest > 0)) return 1;
    if (def === 0) {
      c0 = rest;
      a0 = node.sumA - hist[h + 4]!;
      b0 = node.sumB - hist[h + 5]!;
    } else {
      c1 = rest;
    }
  }
  return scanTwo(best, rules, node, data, f, c0, a0, b0, c1);
}

/**
 * Scans a two-bin feature given its first bin's count and sums (c0, a0, b0) and its second bin's
 * count c1. Returns the number of groups.
 */
export function scanTwo(
  best: BestSplit,
  rules: SplitRules,
  node: NodeSums,
  data: BinnedData,
  f: number,
  c0: number,
  a0: number,
  b0: number,
  c1: number,
): number {
  if (!(c0 > 0 && c1 > 0)) return c0 > 0 || c1 > 0 ? 1 : 0;
  if (node.count - c0 < rules.minLeaf) return 2;
  const { count, sumA, sumB } = node;
  const { minLeaf, minWeight, lambda, gini } = rules;
  const score = candidateScore(c0, a0, b0, count, sumA, sumB, minLeaf, minWeight, lambda, gini, best.score);
  if (score > best.score) record(best, data, f, score, 0, 1, c0, a0, b0);
  return 2;
}

/** Sets one bin's (count, a, b); returns its slot. */
function lend(hist: Float64Array, slot: number, count: number, sumA: number, sumB: number): number {
  hist[slot] = count;
  hist[slot + 1] = sumA;
  hist[slot + 2] = sumB;
  return slot;
}
