// With zod in the module, the bundle is too large to embed, so it is staged.
import { component, param } from '@kfp-ts/dsl';
import { z } from 'zod';

export const validate = component({
  name: 'validate',
  inputs: { config: param.struct(z.object({ depth: z.number().int() })) },
  outputs: { depth: param.int() },
  run: ({ config }) => ({ depth: config.depth }),
});
