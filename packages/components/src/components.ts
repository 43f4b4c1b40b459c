/**
 * Reusable KFP components over @kfp-ts/ml. All live in this one module so a pipeline's components
 * share one bundle (the compiler bundles each component's module). Datasets are CSV files described
 * by their metadata (`target`, `features`, `column_types`; see io.ts); models are the ml package's
 * JSON model format.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import {
  artifact,
  ClassificationMetrics,
  component,
  Dataset,
  logMetric,
  Metrics,
  Model,
  param,
} from '@kfp-ts/dsl';
import {
  course,
  type Frame,
  kFold,
  LinearRegression,
  readCsv as parseCsv,
  predict,
  rmse,
  shuffledSplit,
  toModelJson,
  trainValTestSplit,
} from '@kfp-ts/ml';
import { z } from 'zod';
import {
  type ArtifactOut,
  datasetInfo,
  localPath,
  readDataset,
  readModel,
  writeDataset,
  writeModel,
} from './io.js';
import { aucOn, type ClassifierSpec, fitClassifier, modelJson, reportClassification } from './learn.js';
import { derived } from './memo.js';

// ---------------------------------------------------------------------------------------------
// Reading and preparing data
// ---------------------------------------------------------------------------------------------

/** Copies a CSV (a local path, or `gs://b/k` read at KFP's mount `/gcs/b/k`) into a Dataset. */
export const readCsv = component({
  name: 'read-csv',
  inputs: { uri: param.string({ description: 'gs:// URI or local path of the CSV' }) },
  outputs: { raw: artifact(Dataset), rows: param.int() },
  run({ uri }, { raw }) {
    const bytes = readFileSync(localPath(uri));
    const rows = parseCsv(bytes).rowCount;
    writeFileSync(raw.path, bytes);
    raw.metadata.source = uri;
    raw.metadata.rows = rows;
    return { rows };
  },
});

/**
 * Telco churn, as notebook 03: lower-case names and values with underscores, `totalcharges` to a
 * number (blanks as 0), `churn` as 0/1. Target `churn`, features `course.CHURN_FEATURES`.
 */
export const cleanChurnData = component({
  name: 'clean-churn-data',
  inputs: { raw: artifact(Dataset) },
  outputs: { clean: artifact(Dataset), churn_rate: param.float() },
  run({ raw }, { clean }) {
    const df = course.prepareChurn(readDataset(raw));
    writeDataset(clean, df, { target: 'churn', features: course.CHURN_FEATURES });
    return { churn_rate: mean(df.numbers('churn')) };
  },
});

/** Car prices, as notebook 02: lower-case names and string values with underscores. */
export const cleanCarData = component({
  name: 'clean-car-data',
  inputs: { raw: artifact(Dataset) },
  outputs: { clean: artifact(Dataset) },
  run({ raw }, { clean }) {
    writeDataset(clean, course.prepareCarPrice(readDataset(raw)));
    return;
  },
});

/**
 * Credit scoring, as notebook 06: drop `status == 0`, map the coded categoricals to names,
 * 99999999 to missing then 0, target `default` (status == 'default') as 0/1; every other column is a feature.
 */
export const cleanCreditData = component({
  name: 'clean-credit-data',
  inputs: { raw: artifact(Dataset) },
  outputs: { clean: artifact(Dataset), default_rate: param.float() },
  run({ raw }, { clean }) {
    const prepared = course.prepareCreditScoring(readDataset(raw), { fillMissing: true });
    const df = prepared
      .drop(['status'])
      .withColumn('default', { kind: 'number', values: course.creditTarget(prepared) });
    const features = df.names.filter((n) => n !== 'default');
    writeDataset(clean, df, { target: 'default', features });
    return { default_rate: mean(df.numbers('default')) };
  },
});

// ---------------------------------------------------------------------------------------------
// Splits
// ---------------------------------------------------------------------------------------------

const threeWay = {
  full_train: artifact(Dataset),
  train: artifact(Dataset),
  val: artifact(Dataset),
  test: artifact(Dataset),
};

/**
 * 60/20/20 as the course: `train_test_split(test_size=0.2, random_state=seed)`, then
 * `test_size=0.25` of the rest (numpy-exact rows). `full_train` is train + validation.
 */
export const splitData = component({
  name: 'split-data',
  inputs: { data: artifact(Dataset), seed: param.int({ default: 1 }) },
  outputs: threeWay,
  run({ data, seed }, outputs) {
    const df = readDataset(data);
    const info = preparedInfo(data.metadata);
    const split = trainValTestSplit(df.rowCount, seed);
    writeDataset(outputs.full_train, df.take(split.fullTrain), info);
    writeDataset(outputs.train, df.take(split.train), info);
    writeDataset(outputs.val, df.take(split.val), info);
    writeDataset(outputs.test, df.take(split.test), info);
    return;
  },
});

/**
 * Notebook 02's split: `np.random.seed(seed)` shuffle, 60/20/20. The feature plan (the top-5
 * values of each categorical, `course.CarPriceFeatures`) is fitted on the training split and
 * travels with every split in the metadata (`car_categories`), so the final fit on train + val
 * uses the training split's plan as the notebook does.
 */
export const splitForRegression = component({
  name: 'split-for-regression',
  inputs: { data: artifact(Dataset), seed: param.int({ default: 2 }) },
  outputs: threeWay,
  run({ data, seed }, outputs) {
    const df = readDataset(data);
    const s = shuffledSplit(df.rowCount, seed);
    const train = df.take(s.train);
    const plan = course.CarPriceFeatures.fit(train);
    const extra = { car_categories: Object.fromEntries(plan.categories), regression_target: 'log1p(msrp)' };
    writeDataset(outputs.full_train, df.take(Int32Array.from([...s.train, ...s.val])), { extra });
    writeDataset(outputs.train, train, { extra });
    writeDataset(outputs.val, df.take(s.val), { extra });
    writeDataset(outputs.test, df.take(s.test), { extra });
    return;
  },
});

/**
 * The chapter 3 homework: its columns (missing engine figures as 0), `train_test_split` 60/20/20
 * with `random_state=seed`, label `above_average = msrp >= mean(msrp)` with the training split's mean.
 */
export const splitForClassification = component({
  name: 'split-for-classification',
  inputs: { data: artifact(Dataset), seed: param.int({ default: 42 }) },
  outputs: {
    train: artifact(Dataset),
    val: artifact(Dataset),
    test: artifact(Dataset),
    mean_price: param.float(),
  },
  run({ data, seed }, outputs) {
    const df = course.prepareCarClassification(readDataset(data));
    const split = trainValTestSplit(df.rowCount, seed);
    const meanPrice = mean(df.take(split.train).numbers('msrp'));
    const info = { target: 'above_average', features: course.CAR_CLASSIFICATION_FEATURES };
    for (const name of ['train', 'val', 'test'] as const) {
      const part = df.take(split[name]);
      const labelled = part.withColumn('above_average', {
        kind: 'number',
        values: course.aboveAverage(part, meanPrice),
      });
      writeDataset(outputs[name], labelled, { ...info, extra: { mean_price: meanPrice } });
    }
    return { mean_price: meanPrice };
  },
});

// ---------------------------------------------------------------------------------------------
// Logistic regression with k-fold cross-validation (churn)
// ---------------------------------------------------------------------------------------------

/** One cross-validation result; it carries its C so the fan-in does not depend on iteration order. */
export const CvResult = z.object({ c: z.number(), mean_auc: z.number(), std_auc: z.number() });

/** `KFold(folds, shuffle=True, random_state=seed)`: mean and spread of the validation AUC for one C. */
export const crossValidate = component({
  name: 'cross-validate',
  inputs: {
    full_train: artifact(Dataset),
    c: param.float({ description: 'inverse regularisation strength of LogisticRegression' }),
    folds: param.int({ default: 5 }),
    seed: param.int({ default: 1 }),
  },
  outputs: { result: param.struct(CvResult) },
  run({ full_train, c, folds, seed }) {
    const { target, features } = datasetInfo(full_train, 'cross-validate');
    const df = readDataset(full_train);
    // The fold frames are shared by the tasks of one process (one per C), and so are their matrices.
    const foldFrames = derived(df, `k-fold:${folds}:${seed}`, () =>
      kFold(df.rowCount, folds, seed).map((fold) => ({ train: df.take(fold.train), val: df.take(fold.val) })),
    );
    const aucs = foldFrames.map((fold) => {
      const fitted = fitClassifier(fold.train, target, features, { kind: 'logistic_regression', c });
      return aucOn(fitted, fold.val, target);
    });
    const m = mean(aucs);
    const std = Math.sqrt(mean(aucs.map((a) => (a - m) ** 2)));
    return { result: { c, mean_auc: m, std_auc: std } };
  },
});

/** The C with the best mean cross-validation AUC (the smallest C on a tie). */
export const pickBestC = component({
  name: 'pick-best-c',
  inputs: { results: param.list(CvResult) },
  outputs: { best_c: param.float(), cv_auc: param.float() },
  run({ results }) {
    const best = bestBy(
      results,
      (r) => r.mean_auc,
      (a, b) => a.c < b.c,
      'pick-best-c',
    );
    return { best_c: best.c, cv_auc: best.mean_auc };
  },
});

/** Logistic regression (DictVectorizer one-hot features) on a prepared dataset, no validation. */
export const fitLogisticRegression = component({
  name: 'fit-logistic-regression',
  inputs: { train: artifact(Dataset), c: param.float({ default: 1 }) },
  outputs: { model: artifact(Model) },
  run({ train, c }, { model }) {
    const { target, features } = datasetInfo(train, 'fit-logistic-regression');
    const spec: ClassifierSpec = { kind: 'logistic_regression', c };
    writeModel(model, modelJson(fitClassifier(readDataset(train), target, features, spec), spec));
    return;
  },
});

// ---------------------------------------------------------------------------------------------
// Classifiers fitted on train and scored on validation
// ---------------------------------------------------------------------------------------------

const classifierOutputs = { model: artifact(Model), val_auc: param.float() };

interface Sets {
  readonly train: { path: string; metadata: Record<string, unknown> };
  readonly val: { path: string; metadata: Record<string, unknown> };
}

/** Fits on train, scores on validation; the model file carries the parameters and the AUC. */
function fitAndScore(
  sets: Sets,
  spec: ClassifierSpec,
  what: string,
): { json: ReturnType<typeof modelJson>; valAuc: number } {
  const { target, features } = datasetInfo(sets.train, what);
  const fitted = fitClassifier(readDataset(sets.train), target, features, spec);
  const valAuc = aucOn(fitted, readDataset(sets.val), target);
  return { json: modelJson(fitted, spec, { val_auc: valAuc }), valAuc };
}

/** `fitAndScore`, the model written to `model`: what every train-* component returns. */
function trainAndScore(
  sets: Sets,
  spec: ClassifierSpec,
  model: ArtifactOut,
  what: string,
): { val_auc: number } {
  const { json, valAuc } = fitAndScore(sets, spec, what);
  writeModel(model, json);
  return { val_auc: valAuc };
}

export const trainLogisticRegression = component({
  name: 'train-logistic-regression',
  inputs: { train: artifact(Dataset), val: artifact(Dataset), c: param.float({ default: 1 }) },
  outputs: classifierOutputs,
  run: ({ train, val, c }, { model }) =>
    trainAndScore({ train, val }, { kind: 'logistic_regression', c }, model, 'train-logistic-regression'),
});

export const trainDecisionTree = component({
  name: 'train-decision-tree',
  inputs: {
    train: artifact(Dataset),
    val: artifact(Dataset),
    max_depth: param.int({ default: 6 }),
    min_samples_leaf: param.int({ default: 15 }),
  },
  outputs: classifierOutputs,
  run({ train, val, max_depth, min_samples_leaf }, { model }) {
    const spec: ClassifierSpec = { kind: 'decision_tree', max_depth, min_samples_leaf };
    return trainAndScore({ train, val }, spec, model, 'train-decision-tree');
  },
});

export const trainRandomForest = component({
  name: 'train-random-forest',
  inputs: {
    train: artifact(Dataset),
    val: artifact(Dataset),
    n_estimators: param.int({ default: 100 }),
    max_depth: param.int({ default: 10 }),
    min_samples_leaf: param.int({ default: 3 }),
    seed: param.int({ default: 1 }),
  },
  outputs: classifierOutputs,
  run({ train, val, n_estimators, max_depth, min_samples_leaf, seed }, { model }) {
    const spec: ClassifierSpec = { kind: 'random_forest', n_estimators, max_depth, min_samples_leaf, seed };
    return trainAndScore({ train, val }, spec, model, 'train-random-forest');
  },
});

/** XGBoost-style second-order boosting (`binary:logistic`, base score 0.5). */
export const trainGradientBoosting = component({
  name: 'train-gradient-boosting',
  inputs: {
    train: artifact(Dataset),
    val: artifact(Dataset),
    eta: param.float({ default: 0.3 }),
    max_depth: param.int({ default: 6 }),
    min_child_weight: param.float({ default: 1 }),
    num_boost_round: param.int({ default: 100 }),
  },
  outputs: classifierOutputs,
  run({ train, val, eta, max_depth, min_child_weight, num_boost_round }, { model }) {
    const spec: ClassifierSpec = {
      kind: 'gradient_boosting',
      eta,
      max_depth,
      min_child_weight,
      rounds: num_boost_round,
    };
    return trainAndScore({ train, val }, spec, model, 'train-gradient-boosting');
  },
});

/** The classifier with the highest validation AUC (the first listed on a tie), and its model. */
export const selectBestClassifier = component({
  name: 'select-best-classifier',
  inputs: {
    logistic_regression: artifact(Model),
    logistic_regression_auc: param.float(),
    decision_tree: artifact(Model),
    decision_tree_auc: param.float(),
    random_forest: artifact(Model),
    random_forest_auc: param.float(),
    gradient_boosting: artifact(Model),
    gradient_boosting_auc: param.float(),
  },
  outputs: { best_model: artifact(Model), best_classifier: param.string(), val_auc: param.float() },
  run(inputs, { best_model }) {
    const candidates = [
      { name: 'logistic_regression', model: inputs.logistic_regression, auc: inputs.logistic_regression_auc },
      { name: 'decision_tree', model: inputs.decision_tree, auc: inputs.decision_tree_auc },
      { name: 'random_forest', model: inputs.random_forest, auc: inputs.random_forest_auc },
      { name: 'gradient_boosting', model: inputs.gradient_boosting, auc: inputs.gradient_boosting_auc },
    ];
    const best = bestBy(
      candidates,
      (c) => c.auc,
      () => false,
      'select-best-classifier',
    );
    copyFileSync(best.model.path, best_model.path);
    Object.assign(best_model.metadata, best.model.metadata, { classifier: best.name, val_auc: best.auc });
    return { best_classifier: best.name, val_auc: best.auc };
  },
});

// ---------------------------------------------------------------------------------------------
// Evaluation and approval
// ---------------------------------------------------------------------------------------------

/** Held-out evaluation of a classifier: ROC curve and confusion matrix for the console, scalar metrics. */
export const evaluateClassifier = component({
  name: 'evaluate-classifier',
  inputs: {
    model: artifact(Model),
    test: artifact(Dataset),
    decision_threshold: param.float({ default: 0.5 }),
  },
  outputs: {
    classification_metrics: artifact(ClassificationMetrics),
    metrics: artifact(Metrics),
    auc: param.float(),
    accuracy: param.float(),
  },
  run({ model, test, decision_threshold }, { classification_metrics, metrics }) {
    const { target } = datasetInfo(test, 'evaluate-classifier');
    const df = readDataset(test);
    const { model: loaded } = readModel(model);
    const proba = predict(loaded, df);
    const report = reportClassification(
      df.numbers(target),
      proba,
      decision_threshold,
      classification_metrics,
      metrics,
    );
    return { auc: report.auc, accuracy: report.accuracy };
  },
});

/** Marks the model as approved for deployment: a copy of it with `approved`, the AUC and the bar in its metadata. */
export const approveModel = component({
  name: 'approve-model',
  inputs: { model: artifact(Model), auc: param.float(), threshold: param.float() },
  outputs: { approved_model: artifact(Model) },
  run({ model, auc, threshold }, { approved_model }) {
    if (!(auc > threshold))
      throw new Error(`approve-model: AUC ${auc} does not clear the threshold ${threshold}.`);
    copyFileSync(model.path, approved_model.path);
    Object.assign(approved_model.metadata, model.metadata, { approved: true, auc, threshold });
    return;
  },
});

// ---------------------------------------------------------------------------------------------
// Ridge regression on the log price (car prices)
// ---------------------------------------------------------------------------------------------

/** Notebook 02's final features: the plan the split fitted on its training split, else one fitted here. */
function carFeatures(dataset: { metadata: Record<string, unknown> }, frame: Frame): course.CarPriceFeatures {
  const categories = dataset.metadata.car_categories as Record<string, string[]> | undefined;
  return categories ? carPlan(categories) : course.CarPriceFeatures.fit(frame);
}

/**
 * A `CarPriceFeatures` with recorded categories. Its constructor is private in @kfp-ts/ml (only
 * `fit` makes one); a public `CarPriceFeatures.fromCategories` there would replace this cast.
 */
function carPlan(categories: Record<string, string[]>): course.CarPriceFeatures {
  const Plan = course.CarPriceFeatures as unknown as new (
    categories: ReadonlyMap<string, readonly string[]>,
  ) => course.CarPriceFeatures;
  return new Plan(new Map(course.CAR_CATEGORICAL.map((c) => [c, categories[c] ?? []])));
}

/** Linear regression of `log1p(msrp)` with an L2 penalty `r` (r = 0 is singular on these features). */
export const trainRidge = component({
  name: 'train-ridge',
  inputs: { train: artifact(Dataset), r: param.float({ default: 0.001 }) },
  outputs: { model: artifact(Model) },
  run({ train, r }, { model }) {
    const df = readDataset(train);
    const plan = carFeatures(train, df);
    const fitted = LinearRegression.fit(plan.transform(df), course.logPrice(df), { r });
    writeModel(
      model,
      toModelJson(fitted, plan.featureNames, {
        r,
        target: 'log1p(msrp)',
        car_categories: Object.fromEntries(plan.categories),
      }),
    );
    return;
  },
});

/** RMSE of the log price on a held-out split. */
export const evaluateRegression = component({
  name: 'evaluate-regression',
  inputs: { model: artifact(Model), data: artifact(Dataset) },
  outputs: { metrics: artifact(Metrics), rmse: param.float() },
  run({ model, data }, { metrics }) {
    const df = readDataset(data);
    const { model: loaded, json } = readModel(model);
    const categories = json.metadata?.car_categories as Record<string, string[]> | undefined;
    if (!categories)
      throw new Error(
        'evaluate-regression: the model has no car_categories metadata (train it with train-ridge).',
      );
    const X = carPlan(categories).transform(df);
    const score = rmse(course.logPrice(df), predict(loaded, X));
    logMetric(metrics, 'rmse', score);
    logMetric(metrics, 'rows', df.rowCount);
    return { rmse: score };
  },
});

// ---------------------------------------------------------------------------------------------
// Tuning grids (credit scoring): one task per grid point, fit on train, scored on val
// ---------------------------------------------------------------------------------------------

export const DecisionTreeParams = z.object({ max_depth: z.int(), min_samples_leaf: z.int() });
export const RandomForestParams = z.object({
  n_estimators: z.int(),
  max_depth: z.int(),
  min_samples_leaf: z.int(),
});
export const GradientBoostingParams = z.object({
  eta: z.number(),
  max_depth: z.int(),
  min_child_weight: z.number(),
});
export const DecisionTreeResult = DecisionTreeParams.extend({ val_auc: z.number() });
export const RandomForestResult = RandomForestParams.extend({ val_auc: z.number() });
export const GradientBoostingResult = GradientBoostingParams.extend({ val_auc: z.number() });

const tuningInputs = { train: artifact(Dataset), val: artifact(Dataset) };

export const tuneDecisionTree = component({
  name: 'tune-decision-tree',
  inputs: { ...tuningInputs, max_depth: param.int(), min_samples_leaf: param.int() },
  outputs: { result: param.struct(DecisionTreeResult) },
  run({ train, val, max_depth, min_samples_leaf }) {
    const { valAuc } = fitAndScore(
      { train, val },
      { kind: 'decision_tree', max_depth, min_samples_leaf },
      'tune-decision-tree',
    );
    return { result: { max_depth, min_samples_leaf, val_auc: valAuc } };
  },
});

export const tuneRandomForest = component({
  name: 'tune-random-forest',
  inputs: {
    ...tuningInputs,
    n_estimators: param.int(),
    max_depth: param.int(),
    min_samples_leaf: param.int(),
    seed: param.int({ default: 1 }),
  },
  outputs: { result: param.struct(RandomForestResult) },
  run({ train, val, n_estimators, max_depth, min_samples_leaf, seed }) {
    const spec: ClassifierSpec = { kind: 'random_forest', n_estimators, max_depth, min_samples_leaf, seed };
    const { valAuc } = fitAndScore({ train, val }, spec, 'tune-random-forest');
    return { result: { n_estimators, max_depth, min_samples_leaf, val_auc: valAuc } };
  },
});

export const tuneGradientBoosting = component({
  name: 'tune-gradient-boosting',
  inputs: {
    ...tuningInputs,
    eta: param.float(),
    max_depth: param.int(),
    min_child_weight: param.float(),
    num_boost_round: param.int({ default: 200 }),
  },
  outputs: { result: param.struct(GradientBoostingResult) },
  run({ train, val, eta, max_depth, min_child_weight, num_boost_round }) {
    const spec: ClassifierSpec = {
      kind: 'gradient_boosting',
      eta,
      max_depth,
      min_child_weight,
      rounds: num_boost_round,
    };
    const { valAuc } = fitAndScore({ train, val }, spec, 'tune-gradient-boosting');
    return { result: { eta, max_depth, min_child_weight, val_auc: valAuc } };
  },
});

function pickBest<T extends { val_auc: number }>(name: string, results: readonly T[]) {
  const best = bestBy(
    results,
    (r) => r.val_auc,
    () => false,
    name,
  );
  const { val_auc, ...params } = best;
  return { params, val_auc };
}

export const pickBestDecisionTree = component({
  name: 'pick-best-decision-tree',
  inputs: { results: param.list(DecisionTreeResult) },
  outputs: { params: param.struct(DecisionTreeParams), val_auc: param.float() },
  run: ({ results }) => pickBest('pick-best-decision-tree', results),
});

export const pickBestRandomForest = component({
  name: 'pick-best-random-forest',
  inputs: { results: param.list(RandomForestResult) },
  outputs: { params: param.struct(RandomForestParams), val_auc: param.float() },
  run: ({ results }) => pickBest('pick-best-random-forest', results),
});

export const pickBestGradientBoosting = component({
  name: 'pick-best-gradient-boosting',
  inputs: { results: param.list(GradientBoostingResult) },
  outputs: { params: param.struct(GradientBoostingParams), val_auc: param.float() },
  run: ({ results }) => pickBest('pick-best-gradient-boosting', results),
});

/** Which family won on validation AUC: `decision_tree`, `random_forest` or `gradient_boosting` (first on a tie). */
export const selectBestModel = component({
  name: 'select-best-model',
  inputs: {
    decision_tree_auc: param.float(),
    random_forest_auc: param.float(),
    gradient_boosting_auc: param.float(),
  },
  outputs: { best_model: param.string() },
  run({ decision_tree_auc, random_forest_auc, gradient_boosting_auc }) {
    const families = [
      { name: 'decision_tree', auc: decision_tree_auc },
      { name: 'random_forest', auc: random_forest_auc },
      { name: 'gradient_boosting', auc: gradient_boosting_auc },
    ];
    return {
      best_model: bestBy(
        families,
        (f) => f.auc,
        () => false,
        'select-best-model',
      ).name,
    };
  },
});

// ---- The winner: refit on train + val, score on test ----

const finalInputs = { full_train: artifact(Dataset), test: artifact(Dataset) };
const finalOutputs = {
  model: artifact(Model),
  classification_metrics: artifact(ClassificationMetrics),
  test_auc: param.float(),
};

function fitFinal(
  spec: ClassifierSpec,
  inputs: { full_train: Sets['train']; test: Sets['val'] },
  outputs: {
    model: { path: string; metadata: Record<string, unknown> };
    classification_metrics: { path: string; metadata: Record<string, unknown> };
  },
  what: string,
) {
  const { target, features } = datasetInfo(inputs.full_train, what);
  const fitted = fitClassifier(readDataset(inputs.full_train), target, features, spec);
  const test = readDataset(inputs.test);
  const proba = (() => {
    const json = modelJson(fitted, spec);
    return predict(json, test);
  })();
  const report = reportClassification(test.numbers(target), proba, 0.5, outputs.classification_metrics);
  writeModel(outputs.model, modelJson(fitted, spec, { test_auc: report.auc }));
  return { test_auc: report.auc };
}

export const finalDecisionTree = component({
  name: 'final-decision-tree',
  inputs: { ...finalInputs, params: param.struct(DecisionTreeParams) },
  outputs: finalOutputs,
  run: ({ full_train, test, params }, outputs) =>
    fitFinal({ kind: 'decision_tree', ...params }, { full_train, test }, outputs, 'final-decision-tree'),
});

export const finalRandomForest = component({
  name: 'final-random-forest',
  inputs: { ...finalInputs, params: param.struct(RandomForestParams), seed: param.int({ default: 1 }) },
  outputs: finalOutputs,
  run: ({ full_train, test, params, seed }, outputs) =>
    fitFinal(
      { kind: 'random_forest', ...params, seed },
      { full_train, test },
      outputs,
      'final-random-forest',
    ),
});

export const finalGradientBoosting = component({
  name: 'final-gradient-boosting',
  inputs: {
    ...finalInputs,
    params: param.struct(GradientBoostingParams),
    num_boost_round: param.int({ default: 175 }),
  },
  outputs: finalOutputs,
  run: ({ full_train, test, params, num_boost_round }, outputs) =>
    fitFinal(
      { kind: 'gradient_boosting', ...params, rounds: num_boost_round },
      { full_train, test },
      outputs,
      'final-gradient-boosting',
    ),
});

// ---------------------------------------------------------------------------------------------

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/** The item with the largest score; `preferOnTie(a, b)` says whether `a` replaces an equal `b`. */
function bestBy<T>(
  items: readonly T[],
  score: (item: T) => number,
  preferOnTie: (a: T, b: T) => boolean,
  what: string,
): T {
  let best: T | undefined;
  for (const item of items) {
    if (
      best === undefined ||
      score(item) > score(best) ||
      (score(item) === score(best) && preferOnTie(item, best))
    ) {
      best = item;
    }
  }
  if (best === undefined) throw new Error(`${what}: nothing to choose from (empty list).`);
  return best;
}

function preparedInfo(metadata: Record<string, unknown>) {
  const { target, features } = metadata;
  return {
    ...(typeof target === 'string' ? { target } : {}),
    ...(Array.isArray(features) ? { features: features as string[] } : {}),
  };
}
