import { compile } from '@kfp-ts/compiler';
import { validatePipelineSpec } from '@kfp-ts/schemas';
import { describe, expect, it } from 'vitest';
import * as module from './pipeline.js';

describe('the trees example', () => {
  it('compiles to valid KFP IR', () => {
    const pipelines = Object.values(module).filter(
      (value) => (value as any)?.definition?.kind === 'pipeline',
    );
    expect(pipelines).toHaveLength(1);
    const spec = compile(pipelines[0] as any);
    expect(validatePipelineSpec(spec).ok).toBe(true);
    expect(spec.pipelineInfo.name).toBe('trees');
  });
});
