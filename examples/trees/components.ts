/**
 * Components of the trees pipeline (ML Zoomcamp chapter 6: credit risk scoring with a decision
 * tree, a random forest and gradient boosting, each tuned on the validation AUC).
 *
 * The declarations are final; the `run` functions are placeholders until the ML components land.
 */
import { artifact, ClassificationMetrics, component, Dataset, Model, param } from '@kfp-ts/dsl';
import { z } from 'zod';

/** Placeholder body: the ML code comes with the course-pipelines issue. */
function notImplemented(name: string): () => never {
  return () => {
    throw new Error(`${name}: not implemented yet (ML components land with the course-pipelines issue)`);
  };
}

// Hyperparameters of each model family, and a tuning result (the parameters plus their validation AUC).
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

/** Reads the raw CSV (`CreditScoring.csv`) into a Dataset. */
export const readCsv = component({
  name: 'read-csv',
  inputs: { uri: param.string({ description: 'gs:// URI or local path of the CSV' }) },
  outputs: { raw: artifact(Dataset), rows: param.int() },
  run: notImplemented('read-csv'),
});

/**
 * The course's preparation: drop `status == 0`, map the coded categoricals (home, marital,
 * records, job) to names, 99999999 to missing then 0, target `status == 'default'`.
 */
export const cleanData = component({
  name: 'clean-data',
  inputs: { raw: artifact(Dataset) },
  outputs: { clean: artifact(Dataset), default_rate: param.float() },
  run: notImplemented('clean-data'),
});

/** 60/20/20 with `train_test_split(random_state=seed)`; `full_train` is train + validation. */
export const splitData = component({
  name: 'split-data',
  inputs: { data: artifact(Dataset), seed: param.int({ default: 11 }) },
  outputs: {
    full_train: artifact(Dataset),
    train: artifact(Dataset),
    val: artifact(Dataset),
    test: artifact(Dataset),
  },
  run: notImplemented('split-data'),
});

// ---- Tuning: one task per grid point, fit on train, scored on val ----

const tuningInputs = { train: artifact(Dataset), val: artifact(Dataset) };

export const tuneDecisionTree = component({
  name: 'tune-decision-tree',
  inputs: { ...tuningInputs, max_depth: param.int(), min_samples_leaf: param.int() },
  outputs: { result: param.struct(DecisionTreeResult) },
  run: notImplemented('tune-decision-tree'),
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
  run: notImplemented('tune-random-forest'),
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
  run: notImplemented('tune-gradient-boosting'),
});

// ---- Picking the best grid point of each family ----

export const pickBestDecisionTree = component({
  name: 'pick-best-decision-tree',
  inputs: { results: param.list(DecisionTreeResult) },
  outputs: { params: param.struct(DecisionTreeParams), val_auc: param.float() },
  run: notImplemented('pick-best-decision-tree'),
});

export const pickBestRandomForest = component({
  name: 'pick-best-random-forest',
  inputs: { results: param.list(RandomForestResult) },
  outputs: { params: param.struct(RandomForestParams), val_auc: param.float() },
  run: notImplemented('pick-best-random-forest'),
});

export const pickBestGradientBoosting = component({
  name: 'pick-best-gradient-boosting',
  inputs: { results: param.list(GradientBoostingResult) },
  outputs: { params: param.struct(GradientBoostingParams), val_auc: param.float() },
  run: notImplemented('pick-best-gradient-boosting'),
});

/** Which family won on validation AUC: `decision_tree`, `random_forest` or `gradient_boosting`. */
export const selectBestModel = component({
  name: 'select-best-model',
  inputs: {
    decision_tree_auc: param.float(),
    random_forest_auc: param.float(),
    gradient_boosting_auc: param.float(),
  },
  outputs: { best_model: param.string() },
  run: notImplemented('select-best-model'),
});

// ---- The winner: refit on train + val, score on test ----

const finalInputs = { full_train: artifact(Dataset), test: artifact(Dataset) };
const finalOutputs = {
  model: artifact(Model),
  classification_metrics: artifact(ClassificationMetrics),
  test_auc: param.float(),
};

export const finalDecisionTree = component({
  name: 'final-decision-tree',
  inputs: { ...finalInputs, params: param.struct(DecisionTreeParams) },
  outputs: finalOutputs,
  run: notImplemented('final-decision-tree'),
});

export const finalRandomForest = component({
  name: 'final-random-forest',
  inputs: { ...finalInputs, params: param.struct(RandomForestParams), seed: param.int({ default: 1 }) },
  outputs: finalOutputs,
  run: notImplemented('final-random-forest'),
});

export const finalGradientBoosting = component({
  name: 'final-gradient-boosting',
  inputs: {
    ...finalInputs,
    params: param.struct(GradientBoostingParams),
    num_boost_round: param.int({ default: 175 }),
  },
  outputs: finalOutputs,
  run: notImplemented('final-gradient-boosting'),
});
