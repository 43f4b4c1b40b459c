import { component, pipeline } from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { exportedPipelines, selectPipeline } from './find-pipeline.js';

const step = component({ name: 'step', run: () => {} });
const churn = pipeline({ name: 'churn' }, () => {
  step();
});

describe('exportedPipelines', () => {
  it('counts a pipeline exported twice (default and named) once, under its named export', () => {
    expect(exportedPipelines({ default: churn, churnPipeline: churn, step })).toEqual([
      { exportName: 'churnPipeline', pipeline: churn },
    ]);
  });

  it('selects the only pipeline of a module', () => {
    expect(selectPipeline({ default: churn }, 'p.ts').exportName).toBe('default');
  });
});
