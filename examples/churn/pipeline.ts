/**
 * Churn prediction as in ML Zoomcamp chapters 3-4. Side-effect free: it only declares the pipeline
 * (the CLI and the executor both import it).
 *
 *   kfp-ts compile examples/churn/pipeline.ts -o examples/churn/pipeline.yaml
 *   kfp-ts run examples/churn/pipeline.ts        # from the repository root
 */
import { collected, gt, If, parallelFor, param, pipeline } from '@kfp-ts/dsl';
import { z } from 'zod';
import {
  approveModel,
  cleanData,
  crossValidate,
  evaluateModel,
  pickBestC,
  readCsv,
  splitData,
  trainModel,
} from './components.js';

export const churnPipeline = pipeline(
  {
    name: 'churn',
    displayName: 'Churn prediction (ML Zoomcamp ch. 3-4)',
    description:
      'Logistic regression on the Telco churn data: 5-fold CV over C, final fit on train+val, test AUC.',
    inputs: {
      data_uri: param.string({
        default: 'examples/data/WA_Fn-UseC_-Telco-Customer-Churn.csv',
        description: 'the Telco churn CSV: a local path (relative to the working folder) or gs:// URI',
      }),
      seed: param.int({ default: 1, description: 'random_state of the splits and of KFold' }),
      c_values: param.list(z.number(), { default: [0.001, 0.01, 0.1, 0.5, 1, 5, 10] }),
      auc_threshold: param.float({ default: 0.8, description: 'minimum test AUC to approve the model' }),
    },
  },
  (p) => {
    const raw = readCsv({ uri: p.data_uri });
    const clean = cleanData({ raw: raw.outputs.raw });
    const split = splitData({ data: clean.outputs.clean, seed: p.seed });

    // One cross-validation per C, in parallel; the fan-in gathers every (C, AUC) pair.
    const cv = parallelFor(
      p.c_values,
      (c) =>
        crossValidate({ full_train: split.outputs.full_train, c, folds: 5, seed: p.seed }).outputs.result,
      { name: 'cross-validate-c' },
    );
    const best = pickBestC({ results: collected(cv.result) });

    const model = trainModel({ train: split.outputs.full_train, c: best.outputs.best_c });
    const evaluation = evaluateModel({ model: model.outputs.model, test: split.outputs.test });

    If(
      gt(evaluation.outputs.auc, p.auc_threshold),
      () => {
        approveModel({ model: model.outputs.model, auc: evaluation.outputs.auc, threshold: p.auc_threshold });
      },
      { name: 'auc-above-threshold' },
    );

    return { cv_auc: best.outputs.cv_auc, test_auc: evaluation.outputs.auc };
  },
);
