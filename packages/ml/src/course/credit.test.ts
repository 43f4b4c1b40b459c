/**
 * Quality bars of the trees pipeline (course chapter 6, credit scoring) on the real data.
 * References: notebook 06 (scikit-learn trees, XGBoost 1.4), and XGBoost 1.7.4's first tree.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../data/csv.js';
import { DictVectorizer } from '../data/dict-vectorizer.js';
import { trainValTestSplit } from '../data/split.js';
import { rocAucScore } from '../evaluation/roc.js';
import { DecisionTreeClassifier } from '../learners/decision-tree.js';
import { GradientBoostingClassifier } from '../learners/gradient-boosting.js';
import { RandomForestClassifier } from '../learners/random-forest.js';
import { creditTarget, prepareCreditScoring } from './credit.js';

const df = prepareCreditScoring(
  readCsv(readFileSync(new URL('../../../../examples/data/CreditScoring.csv', import.meta.url))),
  {
    fillMissing: true,
  },
);
const split = trainValTestSplit(df.rowCount, 11);
const train = df.take(split.train);
const val = df.take(split.val);
const columns = df.names.filter((n) => n !== 'status');
const dv = DictVectorizer.fit(train, columns);
const Xtr = dv.transform(train, { sparse: false });
const Xva = dv.transform(val, { sparse: false });
const ytr = creditTarget(train);
const yva = creditTarget(val);

describe('credit scoring (notebook 06)', () => {
  it("prepares the notebook's rows and 29 features", () => {
    expect(df.rowCount).toBe(4454);
    expect([train.rowCount, val.rowCount]).toEqual([2672, 891]);
    expect(dv.featureNames).toEqual([
      'age',
      'amount',
      'assets',
      'debt',
      'expenses',
      'home=ignore',
      'home=other',
      'home=owner',
      'home=parents',
      'home=private',
      'home=rent',
      'home=unk',
      'income',
      'job=fixed',
      'job=freelance',
      'job=others',
      'job=partime',
      'job=unk',
      'marital=divorced',
      'marital=married',
      'marital=separated',
      'marital=single',
      'marital=unk',
      'marital=widow',
      'price',
      'records=no',
      'records=yes',
      'seniority',
      'time',
    ]);
  });

  it("grows the notebook's depth-2 tree with its train and validation AUC", () => {
    const dt = DecisionTreeClassifier.fit(Xtr, ytr, { maxDepth: 2 });
    const name = (k: number): string => dv.featureNames[dt.tree.feature[k]!]!;
    // export_text: records=no <= 0.50 -> seniority <= 6.50; else job=partime <= 0.50.
    expect([name(0), name(dt.tree.left[0]!), name(dt.tree.right[0]!)]).toEqual([
      'records=no',
      'seniority',
      'job=partime',
    ]);
    expect(dt.tree.threshold[dt.tree.left[0]!]).toBe(6.5);
    expect(rocAucScore(ytr, dt.predictProba(Xtr))).toBeCloseTo(0.7054989859726213, 12);
    expect(rocAucScore(yva, dt.predictProba(Xva))).toBeCloseTo(0.6685264343319367, 12);
  });

  it('DecisionTree(max_depth=6, min_samples_leaf=15): validation AUC within 0.01 of 0.785', () => {
    const auc = rocAucScore(
      yva,
      DecisionTreeClassifier.fit(Xtr, ytr, { maxDepth: 6, minSamplesLeaf: 15 }).predictProba(Xva),
    );
    console.log(`credit decision tree validation AUC ${auc.toFixed(6)} (notebook 0.785080)`);
    expect(Math.abs(auc - 0.785)).toBeLessThanOrEqual(0.01);
  });

  it('RandomForest(200, max_depth=10, min_samples_leaf=3, seed 1): validation AUC within 0.01 of 0.825', () => {
    const rf = RandomForestClassifier.fit(Xtr, ytr, {
      nEstimators: 200,
      maxDepth: 10,
      minSamplesLeaf: 3,
      seed: 1,
    });
    const auc = rocAucScore(yva, rf.predictProba(Xva));
    console.log(`credit random forest validation AUC ${auc.toFixed(6)} (notebook 0.824971)`);
    expect(Math.abs(auc - 0.825)).toBeLessThanOrEqual(0.01);
  });

  it('gradient boosting (eta 0.1, depth 3, min_child_weight 1, 175 rounds): within 0.005 of XGBoost 0.836', () => {
    const gb = GradientBoostingClassifier.fit(Xtr, ytr, {
      eta: 0.1,
      maxDepth: 3,
      minChildWeight: 1,
      rounds: 175,
    });
    const auc = rocAucScore(yva, gb.predictProba(Xva));
    console.log(`credit gradient boosting validation AUC ${auc.toFixed(6)} (XGBoost 0.836039)`);
    expect(Math.abs(auc - 0.836039)).toBeLessThanOrEqual(0.005);
    // XGBoost 1.7.4's first tree (get_dump()[0]), split features, thresholds and leaf values.
    const t = gb.trees[0]!;
    const splits = Array.from(t.feature)
      .map((f, k) => (f < 0 ? null : `${dv.featureNames[f]}<${t.threshold[k]}`))
      .filter((v) => v !== null);
    expect(splits).toEqual([
      'records=no<0.5',
      'seniority<6.5',
      'job=partime<0.5',
      'amount<862.5',
      'income<103.5',
      'income<74.5',
      'assets<3750',
    ]);
    const leaves = Array.from(t.value).filter((_, k) => t.feature[k]! < 0);
    const xgb = [
      -0.00606060633, 0.105213277, 0.0388888903, -0.091729328, -0.0445012785, -0.152852669, 0.0603550337,
      -0.044776123,
    ];
    expect(leaves.length).toBe(xgb.length);
    // Same leaves in a different order (XGBoost numbers nodes level by level, we depth first).
    expect([...leaves].sort((a, b) => a - b).map((v) => v.toFixed(7))).toEqual(
      [...xgb].sort((a, b) => a - b).map((v) => v.toFixed(7)),
    );
  });
});
