/**
 * The tree core's fast paths against the general ones they stand in for: each must grow the same
 * trees (the learners' results may not depend on which path ran).
 */
import { describe, expect, it } from 'vitest';
import { type DenseMatrix, denseMatrix, type Matrix, toCsr, toDense } from '../../data/matrix.js';
import { RandomState } from '../../data/random-state.js';
import { DecisionTreeClassifier } from '../decision-tree.js';
import { GradientBoostingClassifier } from '../gradient-boosting.js';
import { RandomForestClassifier } from '../random-forest.js';
import { binnedFor } from './bin-cache.js';
import { binFeatures } from './binning.js';
import { type GrowOptions, GrowWorkspace, growTree } from './grower.js';
import type { Tree } from './tree.js';

/** One-hot columns of a few categoricals plus two numeric columns, and a label depending on both. */
function oneHotData(rows: number, levels: readonly number[], seed: number): { X: DenseMatrix; y: number[] } {
  const rs = new RandomState(seed);
  const cols = levels.reduce((s, l) => s + l, 0) + 2;
  const X = denseMatrix(rows, cols);
  const y: number[] = [];
  for (let i = 0; i < rows; i++) {
    let at = 0;
    let score = 0;
    for (const l of levels) {
      const v = rs.randint(0, l);
      X.data[i * cols + at + v] = 1;
      if (v % 3 === 0) score += 1;
      at += l;
    }
    const u = rs.randomSample();
    X.data[i * cols + at] = Math.round(u * 40) / 4;
    X.data[i * cols + at + 1] = rs.randint(0, 5);
    y.push(score + 2 * u + 0.5 * rs.randomSample() > 2.2 ? 1 : 0);
  }
  return { X, y };
}

const trees = (m: { trees: readonly Tree[] } | { tree: Tree }): Tree[] =>
  'tree' in m ? [m.tree] : [...m.trees];

function expectSameTrees(a: readonly Tree[], b: readonly Tree[]): void {
  expect(b.length).toBe(a.length);
  a.forEach((t, k) => {
    expect(Array.from(b[k]!.feature)).toEqual(Array.from(t.feature));
    expect(Array.from(b[k]!.threshold)).toEqual(Array.from(t.threshold));
    expect(Array.from(b[k]!.value)).toEqual(Array.from(t.value));
  });
}

/** The leaf node a row of X reaches. */
function leafOf(tree: Tree, X: Matrix, i: number): number {
  const row = toDense(X).data.subarray(i * X.cols, (i + 1) * X.cols);
  let node = 0;
  while (tree.feature[node]! >= 0)
    node = row[tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
  return node;
}

describe('wide one-hot data, dense or sparse', () => {
  // 1,200 rows x 1,802 columns: past the size where sparse features keep no dense column.
  const { X, y } = oneHotData(1200, [600, 600, 400, 200], 5);
  const csr = toCsr(X);

  it('is binned alike, mostly-zero columns stored sparsely', () => {
    const d = binFeatures(X);
    const s = binFeatures(csr);
    expect(d.allColumns).toBe(false);
    expect(Array.from(d.sparse)).toEqual(Array.from(s.sparse));
    expect(d.sparse.reduce((n, v) => n + v, 0)).toBe(1800);
    expect(Array.from(d.sparseBin)).toEqual(Array.from(s.sparseBin));
    expect(Array.from(d.rowBins)).toEqual(Array.from(s.rowBins));
    expect(Array.from(d.binMin)).toEqual(Array.from(s.binMin));
  });

  it('grows the same trees from the dense matrix as from its CSR form', () => {
    const fits: ((M: Matrix) => { trees: readonly Tree[] } | { tree: Tree })[] = [
      (M) => DecisionTreeClassifier.fit(M, y, { maxDepth: 6, minSamplesLeaf: 5 }),
      (M) => RandomForestClassifier.fit(M, y, { nEstimators: 4, maxDepth: 8, minSamplesLeaf: 3, seed: 2 }),
      (M) => GradientBoostingClassifier.fit(M, y, { rounds: 4, maxDepth: 4, eta: 0.3 }),
    ];
    for (const fit of fits) {
      const fromDense = fit(X);
      expectSameTrees(trees(fromDense), trees(fit(csr)));
      expect(trees(fromDense)[0]!.feature.length).toBeGreaterThan(6);
    }
  });

  it("reports each training row's leaf, also for splits on columns it keeps only as entries", () => {
    const ws = new GrowWorkspace(binFeatures(csr));
    const n = X.rows;
    const a = new Float64Array(n).fill(0.25);
    const b = Float64Array.from(y, (v) => 0.5 - v);
    const { tree, leafOfRow } = growTree(
      ws,
      Int32Array.from({ length: n }, (_, i) => i),
      a,
      b,
      {
        ...newton,
        maxFeatures: X.cols,
      },
    );
    expect(tree.feature.some((f) => f >= 0 && f < 1800)).toBe(true);
    for (let i = 0; i < n; i++) expect(leafOfRow![i]).toBe(leafOf(tree, X, i));
  });
});

const newton: Omit<GrowOptions, 'maxFeatures'> = {
  criterion: 'newton',
  maxDepth: 5,
  minSamplesLeaf: 1,
  minSamplesSplit: 2,
  minChildWeight: 1,
  lambda: 1,
  minGain: 1e-6,
  trackLeaves: true,
};

describe('integer statistics', () => {
  // Narrow data: forests search it column-wise.
  const { X, y } = oneHotData(900, [3, 4, 5, 6], 9);
  const n = X.rows;
  const data = binFeatures(X);
  const counts = new Float64Array(n);
  const rs = new RandomState(4);
  for (let k = 0; k < n; k++) counts[rs.interval(n - 1)]!++;
  const rows = Int32Array.from({ length: n }, (_, i) => i).filter((i) => counts[i]! > 0);
  const gini = (maxFeatures: number, seed: number): GrowOptions => ({
    criterion: 'gini',
    maxDepth: 12,
    minSamplesLeaf: 2,
    minSamplesSplit: 2,
    minChildWeight: 0,
    lambda: 0,
    minGain: 0,
    maxFeatures,
    rng: new RandomState(seed),
  });

  it('grow the same trees as the same statistics halved (exact in any order of sums)', () => {
    // Whole numbers take the stable partition and packed column histograms; halves do not.
    const whole = { a: counts, b: counts.map((c, i) => c * y[i]!) };
    const halves = { a: whole.a.map((v) => v / 2), b: whole.b.map((v) => v / 2) };
    for (const maxFeatures of [3, X.cols]) {
      const t1 = growTree(new GrowWorkspace(data), rows, whole.a, whole.b, gini(maxFeatures, 1)).tree;
      const t2 = growTree(new GrowWorkspace(data), rows, halves.a, halves.b, gini(maxFeatures, 1)).tree;
      expectSameTrees([t1], [t2]);
      expect(t1.feature.length).toBeGreaterThan(20);
    }
  });
});

describe('binning once per matrix', () => {
  it('reuses a matrix binning, and bins again a matrix changed in place', () => {
    const { X } = oneHotData(200, [3, 5], 1);
    const first = binnedFor(X);
    expect(binnedFor(X)).toBe(first);
    X.data[7 * X.cols + X.cols - 2] = 1000;
    const again = binnedFor(X);
    expect(again).not.toBe(first);
    expect(Math.max(...first.binMax)).toBeLessThan(1000);
    expect(Math.max(...again.binMax)).toBe(1000);
    expect(binnedFor(X)).toBe(again);
    expect(binnedFor(X, { maxBins: 8 })).not.toBe(again);
  });
});
