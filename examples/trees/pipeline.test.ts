/**
 * The trees pipeline (credit scoring) run locally (in-process) on the real data, checked against
 * notebook 06, and its checked-in YAML kept fresh.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { compile } from '@kfp-ts/compiler';
import { type RunResult, runPipeline } from '@kfp-ts/local';
import { validatePipelineSpec } from '@kfp-ts/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExample, REGENERATE, REPO_ROOT } from '../../scripts/examples-compile.js';
import { treesPipeline } from './pipeline.js';

const data = path.join(REPO_ROOT, 'examples/data/CreditScoring.csv');
let outputDir: string;
let run: RunResult;

beforeAll(async () => {
  outputDir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-trees-'));
  // On two worker threads, as `kfp-ts run` does by default: the fan-outs run concurrently.
  run = await runPipeline(treesPipeline, { data_uri: data }, { outputDir, cache: false, workers: 2 });
}, 300_000);
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

describe('the trees pipeline on the credit scoring data', () => {
  it('succeeds', () => {
    expect(run.error).toBeUndefined();
    expect(run.state).toBe('SUCCEEDED');
  });

  it('best of each family on validation AUC: DT within 0.01 of 0.785, RF within 0.01 of 0.825, GB within 0.005 of 0.836', () => {
    const p = run.pipelineOutputs.parameters as Record<string, number | string>;
    console.log(
      `trees pipeline: val AUC DT ${p.dt_val_auc}, RF ${p.rf_val_auc}, GB ${p.gb_val_auc}; best ${p.best_model}, test AUC ${p.test_auc}`,
    );
    expect(Math.abs((p.dt_val_auc as number) - 0.785)).toBeLessThanOrEqual(0.01);
    expect(Math.abs((p.rf_val_auc as number) - 0.825)).toBeLessThanOrEqual(0.01);
    expect(Math.abs((p.gb_val_auc as number) - 0.836)).toBeLessThanOrEqual(0.005);
    expect(p.best_model).toBe('gradient_boosting');
    expect(p.test_auc as number).toBeGreaterThan(0.82);
  });
});

describe('the checked-in YAML', () => {
  it('compiles to valid KFP IR', () => {
    expect(validatePipelineSpec(compile(treesPipeline)).ok).toBe(true);
  });

  it(`is fresh (regenerate with: ${REGENERATE})`, async () => {
    expect(await checkExample('trees'), `stale example YAML; regenerate with: ${REGENERATE}`).toEqual([]);
  });
});
