/**
 * Components of the car-price pipeline: ML Zoomcamp chapter 2 (linear regression on the log price,
 * regularised: ridge) and the chapter 3 homework's "price above average" classification, here with
 * four classifiers compared on validation AUC.
 *
 * The declarations are final; the `run` functions are placeholders until the ML components land.
 */
import { artifact, ClassificationMetrics, component, Dataset, Metrics, Model, param } from '@kfp-ts/dsl';

/** Placeholder body: the ML code comes with the course-pipelines issue. */
function notImplemented(name: string): () => never {
  return () => {
    throw new Error(`${name}: not implemented yet (ML components land with the course-pipelines issue)`);
  };
}

/** Reads the raw CSV (Kaggle's car dataset, `data.csv`) into a Dataset. */
export const readCsv = component({
  name: 'read-csv',
  inputs: { uri: param.string({ description: 'gs:// URI or local path of the CSV' }) },
  outputs: { raw: artifact(Dataset), rows: param.int() },
  run: notImplemented('read-csv'),
});

/** Lower-case column names and string values, spaces to underscores (as the course). */
export const cleanData = component({
  name: 'clean-data',
  inputs: { raw: artifact(Dataset) },
  outputs: { clean: artifact(Dataset) },
  run: notImplemented('clean-data'),
});

// ---- Regression (chapter 2) ----

/**
 * The chapter 2 split: shuffle the row indices with `np.random.seed(seed)`, 60/20/20; the target
 * is `log1p(msrp)`. `full_train` is train + validation, for the final fit.
 */
export const splitForRegression = component({
  name: 'split-for-regression',
  inputs: { data: artifact(Dataset), seed: param.int({ default: 2 }) },
  outputs: {
    full_train: artifact(Dataset),
    train: artifact(Dataset),
    val: artifact(Dataset),
    test: artifact(Dataset),
  },
  run: notImplemented('split-for-regression'),
});

/**
 * Linear regression with an L2 penalty `r` on the course's features (base numeric ones, age,
 * number of doors and the top-5 values of the categoricals, one-hot). r = 0 is singular here.
 */
export const trainRidge = component({
  name: 'train-ridge',
  inputs: { train: artifact(Dataset), r: param.float({ default: 0.001 }) },
  outputs: { model: artifact(Model) },
  run: notImplemented('train-ridge'),
});

/** RMSE of the log price on a held-out split. */
export const evaluateRegression = component({
  name: 'evaluate-regression',
  inputs: { model: artifact(Model), data: artifact(Dataset) },
  outputs: { metrics: artifact(Metrics), rmse: param.float() },
  run: notImplemented('evaluate-regression'),
});

// ---- Classification: is the price above average? (homework of chapter 3) ----

/**
 * The homework's split, `train_test_split(random_state=seed)` 60/20/20, labelled with
 * `above_average = msrp >= mean(msrp)` where the mean is taken on the training split.
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
  run: notImplemented('split-for-classification'),
});

const classifierOutputs = { model: artifact(Model), val_auc: param.float() };

export const trainLogisticRegression = component({
  name: 'train-logistic-regression',
  inputs: { train: artifact(Dataset), val: artifact(Dataset), c: param.float({ default: 10 }) },
  outputs: classifierOutputs,
  run: notImplemented('train-logistic-regression'),
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
  run: notImplemented('train-decision-tree'),
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
  run: notImplemented('train-random-forest'),
});

/** XGBoost-style second-order boosting with histogram splits. */
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
  run: notImplemented('train-gradient-boosting'),
});

/** The classifier with the highest validation AUC, and its model. */
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
  run: notImplemented('select-best-classifier'),
});

/** Test-set evaluation of a classifier: ROC curve and confusion matrix, AUC. */
export const evaluateClassifier = component({
  name: 'evaluate-classifier',
  inputs: { model: artifact(Model), test: artifact(Dataset) },
  outputs: { classification_metrics: artifact(ClassificationMetrics), auc: param.float() },
  run: notImplemented('evaluate-classifier'),
});
