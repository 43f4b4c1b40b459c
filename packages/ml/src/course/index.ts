/**
 * The ML Zoomcamp course's data preparation for its three data sets, as the notebooks do it, so the
 * example pipelines (and this package's tests) reach the course's numbers on the same rows.
 */
export {
  aboveAverage,
  CAR_BASE,
  CAR_CATEGORICAL,
  CAR_CLASSIFICATION_FEATURES,
  CAR_REFERENCE_YEAR,
  CarPriceFeatures,
  logPrice,
  mean,
  prepareCarClassification,
  prepareCarPrice,
} from './car-price.js';
export { CHURN_CATEGORICAL, CHURN_FEATURES, CHURN_NUMERICAL, prepareChurn } from './churn.js';
export { CREDIT_CODES, CREDIT_SENTINEL, creditTarget, prepareCreditScoring } from './credit.js';
