/**
 * Components of the churn pipeline (ML Zoomcamp chapters 3 and 4: the Telco customer churn data,
 * logistic regression, k-fold cross-validation of the regularisation strength C, ROC AUC), from
 * @kfp-ts/components under this pipeline's names.
 */
export {
  approveModel,
  CvResult,
  cleanChurnData as cleanData,
  crossValidate,
  evaluateClassifier as evaluateModel,
  fitLogisticRegression as trainModel,
  pickBestC,
  readCsv,
  splitData,
} from '@kfp-ts/components';
