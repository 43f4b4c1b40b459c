/**
 * The churn pipeline run locally (in-process) on the real data, checked against the course's
 * numbers (notebook 04), and its checked-in YAML kept fresh.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { compile } from '@kfp-ts/compiler';
import { type RunResult, runPipeline } from '@kfp-ts/local';
import { validatePipelineSpec } from '@kfp-ts/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExample, REGENERATE, REPO_ROOT } from '../../scripts/examples-compile.js';
import { churnPipeline } from './pipeline.js';

const data = path.join(REPO_ROOT, 'examples/data/WA_Fn-UseC_-Telco-Customer-Churn.csv');
let outputDir: string;
let run: RunResult;

beforeAll(async () => {
  outputDir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-churn-'));
  run = await runPipeline(churnPipeline, { data_uri: data }, { outputDir, cache: false });
}, 120_000);
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

describe('the churn pipeline on the Telco data', () => {
  it('succeeds and approves the model', () => {
    expect(run.error).toBeUndefined();
    expect(run.state).toBe('SUCCEEDED');
    expect(run.tasks['condition-2/approve-model']?.state).toBe('SUCCEEDED');
  });

  it('test AUC within 0.005 of the course (0.857239)', () => {
    const auc = run.pipelineOutputs.parameters.test_auc as number;
    console.log(
      `churn pipeline: test AUC ${auc.toFixed(6)}, best C ${run.tasks['pick-best-c']?.outputParameters?.best_c}`,
    );
    expect(Math.abs(auc - 0.857239)).toBeLessThanOrEqual(0.005);
  });

  it('5-fold CV mean AUC at C=1 within 0.005 of the course (0.841)', () => {
    const results = run.tasks['for-loop-1']?.outputParameters?.['pipelinechannel--cross-validate-result'] as {
      c: number;
      mean_auc: number;
    }[];
    expect(results).toHaveLength(7);
    const atOne = results.find((r) => r.c === 1)!;
    console.log(
      `churn pipeline: CV mean AUC at C=1 ${atOne.mean_auc.toFixed(6)}, best ${run.pipelineOutputs.parameters.cv_auc}`,
    );
    expect(Math.abs(atOne.mean_auc - 0.841)).toBeLessThanOrEqual(0.005);
    expect(run.pipelineOutputs.parameters.cv_auc).toBe(Math.max(...results.map((r) => r.mean_auc)));
  });

  it('writes the ROC curve and confusion matrix in KFP format', () => {
    const metrics = run.tasks['evaluate-classifier']?.metrics?.classification_metrics as {
      confidenceMetrics: unknown[];
      confusionMatrix: { rows: { row: number[] }[] };
    };
    expect(metrics.confidenceMetrics.length).toBeGreaterThan(10);
    const total = metrics.confusionMatrix.rows.flatMap((r) => r.row).reduce((s, v) => s + v, 0);
    expect(total).toBe(1409);
  });
});

describe('the checked-in YAML', () => {
  it('compiles to valid KFP IR', () => {
    expect(validatePipelineSpec(compile(churnPipeline)).ok).toBe(true);
  });

  it(`is fresh (regenerate with: ${REGENERATE})`, async () => {
    expect(await checkExample('churn'), `stale example YAML; regenerate with: ${REGENERATE}`).toEqual([]);
  });
});
