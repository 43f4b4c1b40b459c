// A component whose module imports zod: too large to embed, so it is staged.
import { component, param } from '@kfp-ts/dsl';
import { z } from 'zod';

const Config = z.object({ depth: z.number().int().min(1), name: z.string() });

export const configure = component({
  name: 'configure',
  inputs: { config: param.struct(Config) },
  outputs: { summary: param.string() },
  run: ({ config }) => ({ summary: `${config.name}:${config.depth}` }),
});
