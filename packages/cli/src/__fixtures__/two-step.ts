// A small valid pipeline: one exported pipeline (plus a component, which is not a pipeline).
import { artifact, component, Dataset, Model, param, pipeline } from '@kfp-ts/dsl';
import { z } from 'zod';

export const prepare = component({
  name: 'prepare',
  inputs: { uri: param.string(), seed: param.int({ default: 1 }) },
  outputs: { data: artifact(Dataset) },
  run: () => {},
});

const train = component({
  name: 'train',
  inputs: { data: artifact(Dataset), c: param.float({ default: 1 }), folds: param.list(z.number()) },
  outputs: { model: artifact(Model), auc: param.float() },
  run: () => ({ auc: 0.5 }),
});

export const twoStep = pipeline(
  {
    name: 'two-step',
    inputs: {
      data_uri: param.string({ default: 'gs://bucket/data.csv' }),
      seed: param.int({ default: 1 }),
      c: param.float({ default: 0.5 }),
      shuffle: param.bool({ default: true }),
      folds: param.list(z.number(), { default: [1, 2, 3] }),
      options: param.struct(z.object({ depth: z.number() }), { default: { depth: 3 } }),
      raw: artifact(Dataset, { optional: true }),
    },
  },
  (p) => {
    const data = prepare({ uri: p.data_uri, seed: p.seed });
    const model = train({ data: data.outputs.data, c: p.c, folds: p.folds });
    return { auc: model.outputs.auc };
  },
);
