/**
 * Components of the car-price pipeline: ML Zoomcamp chapter 2 (linear regression on the log price,
 * regularised: ridge) and the chapter 3 homework's "price above average" classification, here with
 * four classifiers compared on validation AUC. From @kfp-ts/components.
 */
export {
  cleanCarData as cleanData,
  evaluateClassifier,
  evaluateRegression,
  readCsv,
  selectBestClassifier,
  splitForClassification,
  splitForRegression,
  trainDecisionTree,
  trainGradientBoosting,
  trainLogisticRegression,
  trainRandomForest,
  trainRidge,
} from '@kfp-ts/components';
