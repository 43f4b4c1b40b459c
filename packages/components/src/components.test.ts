/**
 * Each component run through the local executor (`runComponent`), on small synthetic data or the
 * real CSVs where the course preparation needs their columns.
 */
import { readFileSync } from 'node:fs';
import { Dataset, Model } from '@kfp-ts/dsl';
import { fakeArtifact, runComponent } from '@kfp-ts/local';
import { Frame, loadModel, writeCsv } from '@kfp-ts/ml';
import { describe, expect, it } from 'vitest';
import {
  approveModel,
  cleanCarData,
  cleanChurnData,
  cleanCreditData,
  crossValidate,
  evaluateClassifier,
  evaluateRegression,
  finalDecisionTree,
  finalGradientBoosting,
  finalRandomForest,
  fitLogisticRegression,
  pickBestC,
  pickBestDecisionTree,
  pickBestGradientBoosting,
  pickBestRandomForest,
  readCsv,
  selectBestClassifier,
  selectBestModel,
  splitData,
  splitForClassification,
  splitForRegression,
  trainDecisionTree,
  trainGradientBoosting,
  trainLogisticRegression,
  trainRandomForest,
  trainRidge,
  tuneDecisionTree,
  tuneGradientBoosting,
  tuneRandomForest,
} from './components.js';
import { columnTypes, localPath } from './io.js';

const dataDir = new URL('../../../examples/data/', import.meta.url);
const csvPath = (name: string) => new URL(name, dataDir).pathname;

/** 200 rows: y depends on x and on the colour, a little noise. */
function synthetic(): Frame {
  const records = Array.from({ length: 200 }, (_, i) => {
    const x = (i * 37) % 100;
    const colour = ['red', 'green', 'blue'][i % 3]!;
    const y = x + (colour === 'red' ? 30 : 0) + ((i * 13) % 17) > 70 ? 1 : 0;
    return { x, colour, y };
  });
  return Frame.fromRecords(records);
}

async function prepared(frame = synthetic()) {
  return fakeArtifact(Dataset, {
    content: writeCsv(frame),
    metadata: { target: 'y', features: ['x', 'colour'], column_types: columnTypes(frame) },
  });
}

describe('io', () => {
  it("maps gs:// to KFP's /gcs mount", () => {
    expect(localPath('gs://bucket/dir/x.csv')).toBe('/gcs/bucket/dir/x.csv');
    expect(localPath('examples/data/x.csv')).toBe('examples/data/x.csv');
    expect(localPath('file:///tmp/x.csv')).toBe('/tmp/x.csv');
  });
});

describe('reading and cleaning', () => {
  it('read-csv copies the file and counts its rows', async () => {
    const { outputs, artifacts } = await runComponent(readCsv, { uri: csvPath('CreditScoring.csv') });
    expect(outputs.rows).toBe(4455);
    expect(readFileSync(artifacts.raw.path)).toEqual(readFileSync(csvPath('CreditScoring.csv')));
  });

  it('clean-churn-data: 7,043 rows, churn rate, target and features', async () => {
    const raw = await fakeArtifact(Dataset, { path: csvPath('WA_Fn-UseC_-Telco-Customer-Churn.csv') });
    const { outputs, artifacts } = await runComponent(cleanChurnData, { raw });
    expect(outputs.churn_rate).toBeCloseTo(0.26537, 4);
    expect(artifacts.clean.metadata).toMatchObject({ rows: 7043, target: 'churn' });
  });

  it('clean-credit-data: 4,454 rows, default as 0/1', async () => {
    const raw = await fakeArtifact(Dataset, { path: csvPath('CreditScoring.csv') });
    const { outputs, artifacts } = await runComponent(cleanCreditData, { raw });
    expect(artifacts.clean.metadata).toMatchObject({ rows: 4454, target: 'default' });
    expect((artifacts.clean.metadata.features as string[]).includes('status')).toBe(false);
    expect(outputs.default_rate).toBeGreaterThan(0.2);
  });
});

describe('splits', () => {
  it('split-data: 60/20/20, metadata carried', async () => {
    const { artifacts } = await runComponent(splitData, { data: await prepared(), seed: 1 });
    expect(
      [artifacts.full_train, artifacts.train, artifacts.val, artifacts.test].map((a) => a.metadata.rows),
    ).toEqual([160, 120, 40, 40]);
    expect(artifacts.test.metadata.target).toBe('y');
  });

  it('car: regression and classification splits, ridge, its evaluation', async () => {
    const raw = await fakeArtifact(Dataset, { path: csvPath('data.csv') });
    const clean = (await runComponent(cleanCarData, { raw })).artifacts.clean;
    const data = await fakeArtifact(Dataset, { path: clean.path, metadata: clean.metadata });
    const reg = await runComponent(splitForRegression, { data, seed: 2 });
    expect(reg.artifacts.train.metadata.car_categories).toBeDefined();
    const train = await fakeArtifact(Dataset, reg.artifacts.train);
    const val = await fakeArtifact(Dataset, reg.artifacts.val);
    const ridge = await runComponent(trainRidge, { train, r: 0.001 });
    const model = await fakeArtifact(Model, ridge.artifacts.model);
    const { outputs, artifacts } = await runComponent(evaluateRegression, { model, data: val });
    expect(outputs.rmse).toBeCloseTo(0.460816, 5);
    expect(artifacts.metrics.metadata.rmse).toBe(outputs.rmse);
    const cls = await runComponent(splitForClassification, { data, seed: 42 });
    expect(cls.outputs.mean_price).toBeGreaterThan(30000);
    expect(cls.artifacts.train.metadata.target).toBe('above_average');
  });
});

describe('learners', () => {
  it('cross-validate and pick-best-c', async () => {
    const { outputs } = await runComponent(crossValidate, {
      full_train: await prepared(),
      c: 1,
      folds: 5,
      seed: 1,
    });
    expect(outputs.result.c).toBe(1);
    expect(outputs.result.mean_auc).toBeGreaterThan(0.8);
    const best = await runComponent(pickBestC, {
      results: [
        { c: 0.1, mean_auc: 0.8, std_auc: 0 },
        { c: 1, mean_auc: 0.9, std_auc: 0 },
        { c: 10, mean_auc: 0.9, std_auc: 0 },
      ],
    });
    expect(best.outputs).toEqual({ best_c: 1, cv_auc: 0.9 });
  });

  it('the four classifiers write loadable models and validation AUCs', async () => {
    const train = await prepared();
    const val = await prepared();
    const runs = [
      await runComponent(trainLogisticRegression, { train, val, c: 1 }),
      await runComponent(trainDecisionTree, { train, val, max_depth: 3, min_samples_leaf: 2 }),
      await runComponent(trainRandomForest, {
        train,
        val,
        n_estimators: 5,
        max_depth: 3,
        min_samples_leaf: 1,
        seed: 1,
      }),
      await runComponent(trainGradientBoosting, {
        train,
        val,
        eta: 0.3,
        max_depth: 2,
        min_child_weight: 1,
        num_boost_round: 5,
      }),
    ];
    for (const { outputs, artifacts } of runs) {
      expect(outputs.val_auc).toBeGreaterThan(0.8);
      expect(loadModel(readFileSync(artifacts.model.path, 'utf8')).features).toContain('colour=red');
    }
    const models = await Promise.all(runs.map((r) => fakeArtifact(Model, r.artifacts.model)));
    const best = await runComponent(selectBestClassifier, {
      logistic_regression: models[0]!,
      logistic_regression_auc: 0.9,
      decision_tree: models[1]!,
      decision_tree_auc: 0.95,
      random_forest: models[2]!,
      random_forest_auc: 0.95,
      gradient_boosting: models[3]!,
      gradient_boosting_auc: 0.7,
    });
    expect(best.outputs).toEqual({ best_classifier: 'decision_tree', val_auc: 0.95 });
    expect(best.artifacts.best_model.metadata.kind).toBe('decision-tree');
  });

  it('fit-logistic-regression, evaluate-classifier (KFP metrics) and approve-model', async () => {
    const fitted = await runComponent(fitLogisticRegression, { train: await prepared(), c: 1 });
    const model = await fakeArtifact(Model, fitted.artifacts.model);
    const { outputs, artifacts } = await runComponent(evaluateClassifier, {
      model,
      test: await prepared(),
      decision_threshold: 0.5,
    });
    expect(outputs.auc).toBeGreaterThan(0.8);
    expect(artifacts.metrics.metadata).toMatchObject({
      auc: outputs.auc,
      accuracy: outputs.accuracy,
      rows: 200,
    });
    const cm = artifacts.classification_metrics.metadata as {
      confidenceMetrics: { confidenceThreshold: number }[];
      confusionMatrix: { annotationSpecs: unknown[]; rows: { row: number[] }[] };
    };
    expect(cm.confusionMatrix.annotationSpecs).toEqual([{ displayName: '0' }, { displayName: '1' }]);
    expect(cm.confusionMatrix.rows.flatMap((r) => r.row).reduce((s, v) => s + v, 0)).toBe(200);
    expect(cm.confidenceMetrics.every((p) => Number.isFinite(p.confidenceThreshold))).toBe(true);
    const approved = await runComponent(approveModel, { model, auc: outputs.auc, threshold: 0.5 });
    expect(approved.artifacts.approved_model.metadata).toMatchObject({ approved: true, threshold: 0.5 });
    await expect(runComponent(approveModel, { model, auc: 0.4, threshold: 0.5 })).rejects.toThrow(
      /does not clear/,
    );
  });
});

describe('tuning (trees pipeline)', () => {
  it('tune, pick the best of each family, select the family, refit and test', async () => {
    const sets = { train: await prepared(), val: await prepared() };
    const dt = await runComponent(tuneDecisionTree, { ...sets, max_depth: 3, min_samples_leaf: 2 });
    expect(dt.outputs.result).toMatchObject({ max_depth: 3, min_samples_leaf: 2 });
    const rf = await runComponent(tuneRandomForest, {
      ...sets,
      n_estimators: 5,
      max_depth: 3,
      min_samples_leaf: 1,
      seed: 1,
    });
    const gb = await runComponent(tuneGradientBoosting, {
      ...sets,
      eta: 0.3,
      max_depth: 2,
      min_child_weight: 1,
      num_boost_round: 5,
    });
    const bestDt = await runComponent(pickBestDecisionTree, {
      results: [dt.outputs.result, { ...dt.outputs.result, max_depth: 9, val_auc: 0 }],
    });
    expect(bestDt.outputs.params).toEqual({ max_depth: 3, min_samples_leaf: 2 });
    const bestRf = await runComponent(pickBestRandomForest, { results: [rf.outputs.result] });
    const bestGb = await runComponent(pickBestGradientBoosting, { results: [gb.outputs.result] });
    const family = await runComponent(selectBestModel, {
      decision_tree_auc: 0.7,
      random_forest_auc: 0.8,
      gradient_boosting_auc: 0.8,
    });
    expect(family.outputs.best_model).toBe('random_forest');
    const finalSets = { full_train: await prepared(), test: await prepared() };
    for (const final of [
      await runComponent(finalDecisionTree, { ...finalSets, params: bestDt.outputs.params }),
      await runComponent(finalRandomForest, { ...finalSets, params: bestRf.outputs.params, seed: 1 }),
      await runComponent(finalGradientBoosting, {
        ...finalSets,
        params: bestGb.outputs.params,
        num_boost_round: 5,
      }),
    ]) {
      expect(final.outputs.test_auc).toBeGreaterThan(0.8);
      expect(final.artifacts.classification_metrics.metadata.confusionMatrix).toBeDefined();
      expect(final.artifacts.model.metadata.format).toBe('kfp-ts.model');
    }
  });
});
