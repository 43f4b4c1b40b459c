import { describe, expect, it } from 'vitest';
import { fromRows, toCsr } from '../data/matrix.js';
import { RandomState } from '../data/random-state.js';
import { DecisionTreeClassifier, resolveMaxFeatures } from './decision-tree.js';
import { GradientBoostingClassifier } from './gradient-boosting.js';
import { sigmoid } from './logistic-regression.js';
import { RandomForestClassifier } from './random-forest.js';
import { binFeatures } from './tree/binning.js';
import { GrowWorkspace, growTree } from './tree/grower.js';
import { leafCount, treeDepth } from './tree/tree.js';

// Notebook 06's toy data: assets, debt and whether the client defaulted.
const X = fromRows([
  [8000, 3000],
  [2000, 1000],
  [0, 1000],
  [5000, 1000],
  [5000, 1000],
  [4000, 1000],
  [9000, 500],
  [3000, 2000],
]);
const y = [1, 1, 1, 0, 0, 0, 0, 1];

describe('binning', () => {
  it('gives exact features one bin per value and cuts many-valued ones at quantiles', () => {
    const d = binFeatures(X);
    expect(Array.from(d.nBins)).toEqual([7, 4]);
    expect(Array.from(d.binMin.slice(0, 7))).toEqual([0, 2000, 3000, 4000, 5000, 8000, 9000]);
    const wide = binFeatures(fromRows(Array.from({ length: 1000 }, (_, i) => [i % 300])), { maxBins: 16 });
    expect(wide.nBins[0]).toBeLessThanOrEqual(16);
    expect(wide.binMin[0]).toBe(0);
    expect(wide.binMax[wide.nBins[0]! - 1]).toBe(299);
  });

  it('stores mostly-default features as sparse rows, dense or CSR input alike', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 10 === 0 ? 1 : 0, i]);
    const a = binFeatures(fromRows(rows));
    const b = binFeatures(toCsr(fromRows(rows)));
    expect(Array.from(a.sparse)).toEqual([1, 0]);
    expect(Array.from(b.codes)).toEqual(Array.from(a.codes));
    expect(Array.from(b.sparseBin)).toEqual(Array.from(a.sparseBin));
    expect(a.sparseBin.length).toBe(4);
  });
});

describe('wide data (sparse features without dense columns)', () => {
  it('grows the same trees as with every column kept', () => {
    const rs = new RandomState(2);
    const rows = Array.from({ length: 300 }, () => {
      const r = new Array<number>(40).fill(0);
      r[rs.randint(0, 20)] = 1;
      r[20 + rs.randint(0, 19)] = 1;
      r[39] = rs.randomSample();
      return r;
    });
    const labels = rows.map((r) => (r[3] === 1 || r[25] === 1 || r[39]! > 0.8 ? 1 : 0));
    const X = toCsr(fromRows(rows));
    const narrow = binFeatures(X);
    const wide = binFeatures(X, { allColumnsCells: 0 });
    expect([narrow.allColumns, wide.allColumns]).toEqual([true, false]);
    expect(Array.from(wide.colOffset).filter((o) => o >= 0)).toHaveLength(wide.denseFeatures.length);
    const a = new Float64Array(300).fill(1);
    const b = Float64Array.from(labels);
    const rowsIdx = Int32Array.from({ length: 300 }, (_, i) => i);
    const options = {
      criterion: 'gini' as const,
      maxDepth: 5,
      minSamplesLeaf: 2,
      minSamplesSplit: 2,
      minChildWeight: 0,
      lambda: 0,
      minGain: 0,
      maxFeatures: 40,
    };
    const t1 = growTree(new GrowWorkspace(narrow), rowsIdx, a, b, options).tree;
    const t2 = growTree(new GrowWorkspace(wide), rowsIdx, a, b, options).tree;
    expect(Array.from(t2.feature)).toEqual(Array.from(t1.feature));
    expect(Array.from(t2.value)).toEqual(Array.from(t1.value));
    expect(leafCount(t1)).toBeGreaterThan(3);
  });
});

describe('DecisionTreeClassifier', () => {
  it("grows scikit-learn's tree on the notebook's toy data", () => {
    // export_text: assets <= 3500 -> [0, 3]; else debt <= 2000 -> [4, 0] / [0, 1].
    const depth1 = DecisionTreeClassifier.fit(X, y, { maxDepth: 1 });
    expect(depth1.tree.feature[0]).toBe(0);
    expect(depth1.tree.threshold[0]).toBe(3500);
    expect(Array.from(depth1.predictProba(X))).toEqual([0.2, 1, 1, 0.2, 0.2, 0.2, 0.2, 1]);
    const full = DecisionTreeClassifier.fit(X, y);
    expect(Array.from(full.tree.threshold.filter((_, k) => full.tree.feature[k]! >= 0))).toEqual([
      3500, 2000,
    ]);
    expect(Array.from(full.predictProba(X))).toEqual(y);
    expect([leafCount(full.tree), treeDepth(full.tree)]).toEqual([3, 2]);
  });

  it('respects min_samples_leaf and predicts from sparse rows', () => {
    const m = DecisionTreeClassifier.fit(toCsr(X), y, { minSamplesLeaf: 4 });
    expect(leafCount(m.tree)).toBe(2);
    expect(Array.from(m.predictProba(toCsr(X)))).toEqual(Array.from(m.predictProba(X)));
  });

  it('reads max_features as scikit-learn does', () => {
    expect([
      resolveMaxFeatures('sqrt', 29),
      resolveMaxFeatures('sqrt', 943),
      resolveMaxFeatures('log2', 29),
    ]).toEqual([5, 30, 4]);
    expect([resolveMaxFeatures(null, 7), resolveMaxFeatures(0.5, 7), resolveMaxFeatures(3, 7)]).toEqual([
      7, 3, 3,
    ]);
    expect(() => resolveMaxFeatures(0, 7)).toThrow(RangeError);
  });
});

describe('RandomForestClassifier', () => {
  const rs = new RandomState(0);
  const rows = Array.from({ length: 400 }, () => [rs.randomSample(), rs.randomSample(), rs.randomSample()]);
  const labels = rows.map(([a, b]) => (a! + 0.5 * b! + 0.3 * rs.randomSample() > 0.9 ? 1 : 0));
  const Xr = fromRows(rows);

  it('is deterministic for a seed and averages tree probabilities', () => {
    const a = RandomForestClassifier.fit(Xr, labels, { nEstimators: 10, maxDepth: 4, seed: 3 });
    const b = RandomForestClassifier.fit(Xr, labels, { nEstimators: 10, maxDepth: 4, seed: 3 });
    const c = RandomForestClassifier.fit(Xr, labels, { nEstimators: 10, maxDepth: 4, seed: 4 });
    expect(Array.from(a.predictProba(Xr))).toEqual(Array.from(b.predictProba(Xr)));
    expect(Array.from(a.predictProba(Xr))).not.toEqual(Array.from(c.predictProba(Xr)));
    const p = a.predictProba(Xr);
    const correct = labels.filter((l, i) => (p[i]! >= 0.5 ? 1 : 0) === l).length;
    expect(correct / labels.length).toBeGreaterThan(0.85);
  });

  it('without bootstrap and with all features every tree is the same CART tree', () => {
    const f = RandomForestClassifier.fit(Xr, labels, { nEstimators: 3, maxFeatures: null, bootstrap: false });
    const t = DecisionTreeClassifier.fit(Xr, labels);
    expect(Array.from(f.predictProba(Xr))).toEqual(Array.from(t.predictProba(Xr)));
  });
});

describe('GradientBoostingClassifier', () => {
  it('first round: one Newton step from p = 0.5 (leaf = -eta * G / (H + lambda))', () => {
    const m = GradientBoostingClassifier.fit(X, y, {
      rounds: 1,
      maxDepth: 1,
      eta: 1,
      lambda: 1,
      minChildWeight: 0,
    });
    // Split assets <= 3500: left 3 positives (G = -1.5, H = 0.75), right 1 of 5 (G = 1.5, H = 1.25).
    expect(m.trees[0]!.threshold[0]).toBe(3500);
    expect(Array.from(m.trees[0]!.value.slice(1))).toEqual([1.5 / 1.75, -1.5 / 2.25]);
    expect(m.predictProba(X)[1]).toBeCloseTo(sigmoid(1.5 / 1.75), 15);
  });

  it('min_child_weight and gamma stop splits', () => {
    const heavy = GradientBoostingClassifier.fit(X, y, { rounds: 1, minChildWeight: 1.5 });
    expect(heavy.trees[0]!.feature[0]).toBe(-1);
    const gamma = GradientBoostingClassifier.fit(X, y, { rounds: 1, gamma: 100 });
    expect(gamma.trees[0]!.feature[0]).toBe(-1);
  });

  it('fits a learnable problem and predicts the same from sparse rows', () => {
    const rs = new RandomState(1);
    const rows = Array.from({ length: 500 }, () => [rs.randomSample(), rs.randint(0, 2), rs.randomSample()]);
    const labels = rows.map(([a, b]) => (a! > 0.5 !== (b === 1) ? 1 : 0));
    const m = GradientBoostingClassifier.fit(fromRows(rows), labels, { rounds: 30, maxDepth: 3 });
    const p = m.predictProba(fromRows(rows));
    expect(labels.every((l, i) => (p[i]! >= 0.5 ? 1 : 0) === l)).toBe(true);
    expect(Array.from(m.predictProba(toCsr(fromRows(rows))))).toEqual(Array.from(p));
  });
});
