/**
 * @kfp-ts/ml: the numerics of the kfp-ts example pipelines, in plain TypeScript. CSV frames with
 * pandas' typing, numpy-exact random splits, scikit-learn's DictVectorizer, logistic and ridge
 * regression, CART trees, random forests, XGBoost-style boosting, metrics, and a JSON model format.
 */

export * as course from './course/index.js';
export {
  courseClean,
  fillMissing,
  fillMissingNumbers,
  indicator,
  mapCodes,
  mapLevels,
  normalizeColumnNames,
  normalizeStrings,
  normalizeText,
  replaceWithMissing,
  type ToNumericOptions,
  toNumeric,
} from './data/clean.js';
export { PANDAS_NA_VALUES, parseNumber, type ReadCsvOptions, readCsv, writeCsv } from './data/csv.js';
export { compareCodePoints, DictVectorizer } from './data/dict-vectorizer.js';
export {
  type Cell,
  type Column,
  columnLength,
  Frame,
  type NumberColumn,
  numberColumn,
  type StringColumn,
  stringColumn,
  valueCounts,
} from './data/frame.js';
export {
  assertFinite,
  type CsrMatrix,
  columnOf,
  type DenseMatrix,
  denseMatrix,
  fromRows,
  type Matrix,
  rowOf,
  sortedCsr,
  takeRows,
  toCsr,
  toDense,
} from './data/matrix.js';
export { RandomState } from './data/random-state.js';
export {
  type Fold,
  kFold,
  shuffledSplit,
  type ThreeWaySplit,
  type TrainTestIndices,
  take,
  trainTestSplit,
  trainValTestSplit,
} from './data/split.js';
export {
  accuracy,
  type ConfusionCounts,
  confusionCounts,
  confusionMatrix,
  f1Score,
  precision,
  recall,
  threshold,
} from './evaluation/classification.js';
export { mse, rmse } from './evaluation/regression.js';
export { auc, type RocCurve, rocAucScore, rocCurve } from './evaluation/roc.js';
export {
  DecisionTreeClassifier,
  type DecisionTreeOptions,
  type MaxFeatures,
  resolveMaxFeatures,
} from './learners/decision-tree.js';
export { GradientBoostingClassifier, type GradientBoostingOptions } from './learners/gradient-boosting.js';
export { SingularMatrixError } from './learners/linalg.js';
export { LinearRegression, linearPredict, type RidgeOptions } from './learners/linear-regression.js';
export {
  LogisticRegression,
  type LogisticRegressionFitInfo,
  type LogisticRegressionOptions,
  sigmoid,
} from './learners/logistic-regression.js';
export { RandomForestClassifier, type RandomForestOptions } from './learners/random-forest.js';
export { type BinnedData, type BinningOptions, binFeatures } from './learners/tree/binning.js';
export { evalTree, leafCount, type Tree, treeDepth } from './learners/tree/tree.js';
export {
  type FittedModel,
  type LinearParams,
  type LoadedModel,
  loadModel,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  ModelFormatError,
  type ModelJson,
  type ModelKind,
  type ModelParamsByKind,
  type PredictInput,
  predict,
  saveModel,
  type TreeJson,
  toModelJson,
} from './model-format.js';
