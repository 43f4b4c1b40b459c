/**
 * Row-index splits that reproduce scikit-learn's and the course notebooks' index sets exactly, given
 * the same seed (they all draw from numpy's legacy RandomState; see random-state.ts).
 */
import { RandomState } from './random-state.js';

export interface TrainTestIndices {
  /** Row indices of the training part, in the order scikit-learn returns them. */
  readonly train: Int32Array;
  /** Row indices of the test part, in the order scikit-learn returns them. */
  readonly test: Int32Array;
}

/**
 * `sklearn.model_selection.train_test_split(range(n), test_size=testSize, random_state=seed)`:
 * ShuffleSplit draws `permutation(n)`; the test part is its first ceil(testSize * n) entries and the
 * train part the rest, both in permutation order (which is the row order of the returned frames,
 * and so of a later split or KFold of them).
 *
 * `testSize` may also be an absolute count (an integer >= 1), as in scikit-learn.
 */
export function trainTestSplit(n: number, testSize: number, seed: number): TrainTestIndices {
  const nTest = testCount(n, testSize);
  const perm = new RandomState(seed).permutation(n);
  return { test: perm.slice(0, nTest), train: perm.slice(nTest) };
}

function testCount(n: number, testSize: number): number {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`trainTestSplit: need at least 2 rows, got ${n}`);
  let nTest: number;
  if (testSize > 0 && testSize < 1) nTest = Math.ceil(testSize * n);
  else if (Number.isInteger(testSize) && testSize >= 1) nTest = testSize;
  else
    throw new RangeError(`trainTestSplit: testSize must be in (0, 1) or a positive integer, got ${testSize}`);
  if (nTest >= n)
    throw new RangeError(`trainTestSplit: testSize ${testSize} leaves no training rows of ${n}`);
  return nTest;
}

export interface ThreeWaySplit {
  /** train + validation, in scikit-learn's order (the first split's training part). */
  readonly fullTrain: Int32Array;
  readonly train: Int32Array;
  readonly val: Int32Array;
  readonly test: Int32Array;
}

/**
 * The course's 60/20/20 split: `train_test_split(df, test_size=0.2, random_state=seed)`, then
 * `train_test_split(df_full_train, test_size=0.25, random_state=seed)`. Indices refer to the
 * original rows; `fullTrain` keeps the first split's order (the order `KFold` sees).
 */
export function trainValTestSplit(n: number, seed: number, testSize = 0.2, valSize = 0.25): ThreeWaySplit {
  const outer = trainTestSplit(n, testSize, seed);
  const inner = trainTestSplit(outer.train.length, valSize, seed);
  return {
    fullTrain: outer.train,
    train: take(outer.train, inner.train),
    val: take(outer.train, inner.test),
    test: outer.test,
  };
}

/**
 * Chapter 2's split: `idx = np.arange(n); np.random.seed(seed); np.random.shuffle(idx)`, then
 * `n_val = n_test = int(n * 0.2)`, train = the first n - n_val - n_test shuffled indices, then val,
 * then test.
 */
export function shuffledSplit(n: number, seed: number, valFraction = 0.2, testFraction = 0.2): ThreeWaySplit {
  const perm = new RandomState(seed).permutation(n);
  const nVal = Math.floor(n * valFraction);
  const nTest = Math.floor(n * testFraction);
  const nTrain = n - nVal - nTest;
  if (nTrain <= 0) throw new RangeError('shuffledSplit: fractions leave no training rows');
  const train = perm.slice(0, nTrain);
  const val = perm.slice(nTrain, nTrain + nVal);
  return {
    fullTrain: perm.slice(0, nTrain + nVal),
    train,
    val,
    test: perm.slice(nTrain + nVal),
  };
}

export interface Fold {
  /** Training positions, ascending. */
  readonly train: Int32Array;
  /** Validation positions, ascending. */
  readonly val: Int32Array;
}

/**
 * `KFold(n_splits=k, shuffle=True, random_state=seed).split(range(n))`: the positions 0..n-1 are
 * shuffled once; fold i's validation set is the next n // k of them (the first n % k folds one
 * more), and its training set every other position. scikit-learn returns both as boolean-mask
 * selections, so both come out ascending. Positions index the rows as given (for the course, the
 * rows of `df_full_train` in its split order).
 *
 * Without a seed the folds are contiguous (`shuffle=False`).
 */
export function kFold(n: number, k: number, seed?: number): Fold[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`kFold: k must be an integer >= 2, got ${k}`);
  if (k > n) throw new RangeError(`kFold: cannot make ${k} folds of ${n} rows`);
  const order =
    seed === undefined ? Int32Array.from({ length: n }, (_, i) => i) : new RandomState(seed).permutation(n);
  const base = Math.floor(n / k);
  const extra = n % k;
  const folds: Fold[] = [];
  let start = 0;
  const inVal = new Uint8Array(n);
  for (let f = 0; f < k; f++) {
    const size = base + (f < extra ? 1 : 0);
    inVal.fill(0);
    for (let k = start; k < start + size; k++) inVal[order[k]!] = 1;
    const val = new Int32Array(size);
    const train = new Int32Array(n - size);
    let t = 0;
    let v = 0;
    for (let i = 0; i < n; i++) {
      if (inVal[i]) val[v++] = i;
      else train[t++] = i;
    }
    folds.push({ train, val });
    start += size;
  }
  return folds;
}

/** `outer[inner[i]]` for each i: composes two index selections. */
export function take(outer: ArrayLike<number>, inner: ArrayLike<number>): Int32Array {
  const out = new Int32Array(inner.length);
  for (let i = 0; i < inner.length; i++) out[i] = outer[inner[i]!]!;
  return out;
}
