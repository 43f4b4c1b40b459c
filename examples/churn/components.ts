/**
 * Components of the churn pipeline (ML Zoomcamp chapters 3 and 4: the Telco customer churn data,
 * logistic regression, k-fold cross-validation of the regularisation strength C, ROC AUC).
 *
 * The declarations are final; the `run` functions are placeholders until the ML components land.
 */
import { artifact, ClassificationMetrics, component, Dataset, Metrics, Model, param } from '@kfp-ts/dsl';
import { z } from 'zod';

/** Placeholder body: the ML code comes with the course-pipelines issue. */
function notImplemented(name: string): () => never {
  return () => {
    throw new Error(`${name}: not implemented yet (ML components land with the course-pipelines issue)`);
  };
}

/** Reads the raw CSV (`WA_Fn-UseC_-Telco-Customer-Churn.csv`) into a Dataset. */
export const readCsv = component({
  name: 'read-csv',
  inputs: { uri: param.string({ description: 'gs:// URI or local path of the CSV' }) },
  outputs: { raw: artifact(Dataset), rows: param.int() },
  run: notImplemented('read-csv'),
});

/**
 * The course's preparation: lower-case column names and string values with spaces as
 * underscores, `totalcharges` to a number (errors as 0), target `churn == 'yes'`.
 */
export const cleanData = component({
  name: 'clean-data',
  inputs: { raw: artifact(Dataset) },
  outputs: { clean: artifact(Dataset), churn_rate: param.float() },
  run: notImplemented('clean-data'),
});

/**
 * 60/20/20 split as the course does it: `train_test_split(test_size=0.2, random_state=seed)`, then
 * `test_size=0.25` of the rest. `full_train` is train + validation, for cross-validation and the final fit.
 */
export const splitData = component({
  name: 'split-data',
  inputs: { data: artifact(Dataset), seed: param.int({ default: 1 }) },
  outputs: {
    full_train: artifact(Dataset),
    train: artifact(Dataset),
    val: artifact(Dataset),
    test: artifact(Dataset),
  },
  run: notImplemented('split-data'),
});

/** One cross-validation result. It carries its C so the fan-in does not depend on iteration order. */
export const CvResult = z.object({ c: z.number(), mean_auc: z.number(), std_auc: z.number() });

/** `KFold(folds, shuffle=True, random_state=seed)` on full_train: mean and spread of the validation AUC for one C. */
export const crossValidate = component({
  name: 'cross-validate',
  inputs: {
    full_train: artifact(Dataset),
    c: param.float({ description: 'inverse regularisation strength of LogisticRegression' }),
    folds: param.int({ default: 5 }),
    seed: param.int({ default: 1 }),
  },
  outputs: { result: param.struct(CvResult) },
  run: notImplemented('cross-validate'),
});

/** The C with the best mean cross-validation AUC. */
export const pickBestC = component({
  name: 'pick-best-c',
  inputs: { results: param.list(CvResult) },
  outputs: { best_c: param.float(), cv_auc: param.float() },
  run: notImplemented('pick-best-c'),
});

/** Logistic regression (DictVectorizer one-hot features) on full_train with the chosen C. */
export const trainModel = component({
  name: 'train-model',
  inputs: { full_train: artifact(Dataset), c: param.float() },
  outputs: { model: artifact(Model) },
  run: notImplemented('train-model'),
});

/** Test-set evaluation: ROC curve and confusion matrix for the console, plus scalar metrics. */
export const evaluateModel = component({
  name: 'evaluate-model',
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
  run: notImplemented('evaluate-model'),
});

/** Marks the model as approved for deployment (metadata on a copy of the model). */
export const approveModel = component({
  name: 'approve-model',
  inputs: { model: artifact(Model), auc: param.float(), threshold: param.float() },
  outputs: { approved_model: artifact(Model) },
  run: notImplemented('approve-model'),
});
