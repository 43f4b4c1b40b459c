/**
 * Car prices as in ML Zoomcamp chapter 2 (ridge regression on the log price) and the chapter 3
 * homework (is the price above average?), the two halves running side by side. Side-effect free:
 * it only declares the pipeline.
 *
 *   kfp-ts compile examples/car-price/pipeline.ts -o examples/car-price/pipeline.yaml
 */
import { param, pipeline } from '@kfp-ts/dsl';
import {
  cleanData,
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
} from './components.js';

export const carPricePipeline = pipeline(
  {
    name: 'car-price',
    displayName: 'Car price (ML Zoomcamp ch. 2 + classification homework)',
    description:
      'Ridge regression of log(MSRP) and four classifiers of "price above average", best one tested.',
    inputs: {
      data_uri: param.string({
        default: 'examples/data/data.csv',
        description:
          'the car dataset CSV (data.csv): a local path (relative to the working folder) or gs:// URI',
      }),
      seed: param.int({
        default: 2,
        description:
          'drives every split and the random forest: np.random.seed of the regression split (the course uses 2), ' +
          'random_state of the classification split and of the forest',
      }),
      ridge_r: param.float({ default: 0.001, description: 'L2 penalty of the ridge regression' }),
    },
  },
  (p) => {
    const raw = readCsv({ uri: p.data_uri });
    const clean = cleanData({ raw: raw.outputs.raw });

    // Regression: tune on train/val, then refit on train+val and report the test RMSE.
    const regression = splitForRegression({ data: clean.outputs.clean, seed: p.seed });
    const ridge = trainRidge({ train: regression.outputs.train, r: p.ridge_r });
    const validation = evaluateRegression({ model: ridge.outputs.model, data: regression.outputs.val });
    const finalRidge = trainRidge({ train: regression.outputs.full_train, r: p.ridge_r });
    const test = evaluateRegression({ model: finalRidge.outputs.model, data: regression.outputs.test });

    // Classification: four independent tasks, so they run in parallel.
    const split = splitForClassification({ data: clean.outputs.clean, seed: p.seed });
    const sets = { train: split.outputs.train, val: split.outputs.val };
    const logistic = trainLogisticRegression({ ...sets, c: 10 });
    const tree = trainDecisionTree({ ...sets, max_depth: 6, min_samples_leaf: 15 });
    const forest = trainRandomForest({
      ...sets,
      n_estimators: 100,
      max_depth: 10,
      min_samples_leaf: 3,
      seed: p.seed,
    });
    const boosting = trainGradientBoosting({ ...sets });
    const best = selectBestClassifier({
      logistic_regression: logistic.outputs.model,
      logistic_regression_auc: logistic.outputs.val_auc,
      decision_tree: tree.outputs.model,
      decision_tree_auc: tree.outputs.val_auc,
      random_forest: forest.outputs.model,
      random_forest_auc: forest.outputs.val_auc,
      gradient_boosting: boosting.outputs.model,
      gradient_boosting_auc: boosting.outputs.val_auc,
    });
    evaluateClassifier({ model: best.outputs.best_model, test: split.outputs.test });

    return {
      val_rmse: validation.outputs.rmse,
      test_rmse: test.outputs.rmse,
      best_classifier: best.outputs.best_classifier,
      best_classifier_val_auc: best.outputs.val_auc,
    };
  },
);
