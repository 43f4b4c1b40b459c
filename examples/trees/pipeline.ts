/**
 * Credit risk scoring with trees, as in ML Zoomcamp chapter 6: three model families tuned in
 * parallel over literal grids, the best of each picked on validation AUC, the winner refit on
 * train + val and scored on test. Side-effect free: it only declares the pipeline.
 *
 *   kfp-ts compile examples/trees/pipeline.ts -o examples/trees/pipeline.yaml
 */
import { collected, eq, If, oneOf, parallelFor, param, pipeline } from '@kfp-ts/dsl';
import {
  cleanData,
  finalDecisionTree,
  finalGradientBoosting,
  finalRandomForest,
  pickBestDecisionTree,
  pickBestGradientBoosting,
  pickBestRandomForest,
  readCsv,
  selectBestModel,
  splitData,
  tuneDecisionTree,
  tuneGradientBoosting,
  tuneRandomForest,
} from './components.js';
import { decisionTreeGrid, gradientBoostingGrid, randomForestGrid } from './grids.js';

export const treesPipeline = pipeline(
  {
    name: 'trees',
    displayName: 'Credit scoring with trees (ML Zoomcamp ch. 6)',
    description: 'Decision tree, random forest and gradient boosting tuned in parallel; the best one tested.',
    inputs: {
      data_uri: param.string({
        default: 'examples/data/CreditScoring.csv',
        description: 'the credit scoring CSV: a local path (relative to the working folder) or gs:// URI',
      }),
      seed: param.int({
        default: 11,
        description: 'random_state of the splits (the course uses 11) and of the random forests',
      }),
    },
  },
  (p) => {
    const raw = readCsv({ uri: p.data_uri });
    const clean = cleanData({ raw: raw.outputs.raw });
    const split = splitData({ data: clean.outputs.clean, seed: p.seed });
    const sets = { train: split.outputs.train, val: split.outputs.val };

    const trees = parallelFor(
      decisionTreeGrid,
      (item) =>
        tuneDecisionTree({
          ...sets,
          max_depth: item.field('max_depth'),
          min_samples_leaf: item.field('min_samples_leaf'),
        }).outputs.result,
      { name: 'decision-tree-grid' },
    );
    const forests = parallelFor(
      randomForestGrid,
      (item) =>
        tuneRandomForest({
          ...sets,
          n_estimators: item.field('n_estimators'),
          max_depth: item.field('max_depth'),
          min_samples_leaf: item.field('min_samples_leaf'),
          seed: p.seed,
        }).outputs.result,
      { name: 'random-forest-grid' },
    );
    const boosting = parallelFor(
      gradientBoostingGrid,
      (item) =>
        tuneGradientBoosting({
          ...sets,
          eta: item.field('eta'),
          max_depth: item.field('max_depth'),
          min_child_weight: item.field('min_child_weight'),
        }).outputs.result,
      { name: 'gradient-boosting-grid' },
    );

    const bestTree = pickBestDecisionTree({ results: collected(trees.result) });
    const bestForest = pickBestRandomForest({ results: collected(forests.result) });
    const bestBoosting = pickBestGradientBoosting({ results: collected(boosting.result) });
    const winner = selectBestModel({
      decision_tree_auc: bestTree.outputs.val_auc,
      random_forest_auc: bestForest.outputs.val_auc,
      gradient_boosting_auc: bestBoosting.outputs.val_auc,
    });

    // Refit only the winning family; oneOf takes the test AUC of whichever branch ran.
    const finalSets = { full_train: split.outputs.full_train, test: split.outputs.test };
    const final = If(
      eq(winner.outputs.best_model, 'decision_tree'),
      () => finalDecisionTree({ ...finalSets, params: bestTree.outputs.params }).outputs.test_auc,
    )
      .Elif(
        eq(winner.outputs.best_model, 'random_forest'),
        () =>
          finalRandomForest({ ...finalSets, params: bestForest.outputs.params, seed: p.seed }).outputs
            .test_auc,
      )
      .Else(
        () => finalGradientBoosting({ ...finalSets, params: bestBoosting.outputs.params }).outputs.test_auc,
      );
    const [treeAuc, forestAuc, boostingAuc] = final.results;

    return {
      dt_val_auc: bestTree.outputs.val_auc,
      rf_val_auc: bestForest.outputs.val_auc,
      gb_val_auc: bestBoosting.outputs.val_auc,
      best_model: winner.outputs.best_model,
      test_auc: oneOf(treeAuc!, forestAuc!, boostingAuc!),
    };
  },
);
