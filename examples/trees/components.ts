/**
 * Components of the trees pipeline (ML Zoomcamp chapter 6: credit risk scoring with a decision
 * tree, a random forest and gradient boosting, each tuned on the validation AUC). From
 * @kfp-ts/components.
 */
export {
  cleanCreditData as cleanData,
  DecisionTreeParams,
  DecisionTreeResult,
  finalDecisionTree,
  finalGradientBoosting,
  finalRandomForest,
  GradientBoostingParams,
  GradientBoostingResult,
  pickBestDecisionTree,
  pickBestGradientBoosting,
  pickBestRandomForest,
  RandomForestParams,
  RandomForestResult,
  readCsv,
  selectBestModel,
  splitData,
  tuneDecisionTree,
  tuneGradientBoosting,
  tuneRandomForest,
} from '@kfp-ts/components';
