/**
 * The car-price pipeline run locally (in-process) on the real data, checked against notebook 02
 * and the chapter 3 homework, and its checked-in YAML kept fresh.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { compile } from '@kfp-ts/compiler';
import { type RunResult, runPipeline } from '@kfp-ts/local';
import { validatePipelineSpec } from '@kfp-ts/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExample, REGENERATE, REPO_ROOT } from '../../scripts/examples-compile.js';
import { carPricePipeline } from './pipeline.js';

const data = path.join(REPO_ROOT, 'examples/data/data.csv');
let outputDir: string;
let run: RunResult;

beforeAll(async () => {
  outputDir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-car-price-'));
  // On two worker threads, as `kfp-ts run` does by default: the four classifiers train concurrently.
  run = await runPipeline(carPricePipeline, { data_uri: data }, { outputDir, cache: false, workers: 2 });
}, 120_000);
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

describe('the car-price pipeline on the car data', () => {
  it('succeeds', () => {
    expect(run.error).toBeUndefined();
    expect(run.state).toBe('SUCCEEDED');
  });

  it('ridge r=0.001: validation RMSE within 0.002 of 0.4608, test within 0.002 of 0.4601', () => {
    const { val_rmse, test_rmse } = run.pipelineOutputs.parameters as { val_rmse: number; test_rmse: number };
    console.log(`car-price pipeline: val RMSE ${val_rmse.toFixed(6)}, test RMSE ${test_rmse.toFixed(6)}`);
    expect(Math.abs(val_rmse - 0.4608)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(test_rmse - 0.4601)).toBeLessThanOrEqual(0.002);
  });

  it('above average: logistic regression validation AUC >= 0.98; the best classifier is tested', () => {
    const lr = run.tasks['train-logistic-regression']?.outputParameters?.val_auc as number;
    const p = run.pipelineOutputs.parameters;
    const aucs = [
      'train-logistic-regression',
      'train-decision-tree',
      'train-random-forest',
      'train-gradient-boosting',
    ].map(
      (t) => `${t.replace('train-', '')} ${(run.tasks[t]!.outputParameters!.val_auc as number).toFixed(4)}`,
    );
    console.log(
      `car-price pipeline: val AUC ${aucs.join(', ')}; best ${p.best_classifier} ${p.best_classifier_val_auc}`,
    );
    expect(lr).toBeGreaterThanOrEqual(0.98);
    expect(p.best_classifier_val_auc).toBeGreaterThanOrEqual(lr);
    expect(run.tasks['evaluate-classifier']?.outputParameters?.auc).toBeGreaterThan(0.95);
  });
});

describe('the checked-in YAML', () => {
  it('compiles to valid KFP IR', () => {
    expect(validatePipelineSpec(compile(carPricePipeline)).ok).toBe(true);
  });

  it(`is fresh (regenerate with: ${REGENERATE})`, async () => {
    expect(await checkExample('car-price'), `stale example YAML; regenerate with: ${REGENERATE}`).toEqual([]);
  });
});
