/**
 * @kfp-ts/components: reusable Kubeflow Pipelines components over @kfp-ts/ml (read, clean, split,
 * cross-validate, train, tune, select, evaluate, approve), and the helpers they are made of.
 */
export * from './components.js';
export {
  type ArtifactIn,
  type ArtifactOut,
  columnTypes,
  type DatasetInfo,
  datasetInfo,
  localPath,
  readDataset,
  readModel,
  writeDataset,
  writeModel,
} from './io.js';
export {
  aucOn,
  type ClassificationReport,
  type ClassifierSpec,
  type Fitted,
  fitClassifier,
  modelJson,
  reportClassification,
  scores,
  thin,
} from './learn.js';
