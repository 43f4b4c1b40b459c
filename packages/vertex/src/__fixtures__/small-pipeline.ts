// A small pipeline of container components (no bundling needed), with one input of each type.
import { artifact, containerComponent, Dataset, Model, param, pipeline } from '@kfp-ts/dsl';
import { z } from 'zod';

const prepare = containerComponent({
  name: 'prepare',
  image: 'alpine:3.20',
  inputs: { uri: param.string(), seed: param.int() },
  outputs: { data: artifact(Dataset) },
  command: ['sh', '-c', 'echo "$0" > "$1"'],
  args: (i, o) => [i.uri, o.data.path],
});

const train = containerComponent({
  name: 'train',
  image: 'alpine:3.20',
  inputs: { data: artifact(Dataset), c: param.float(), shuffle: param.bool(), folds: param.list(z.number()) },
  outputs: { model: artifact(Model) },
  command: ['sh', '-c', 'cat "$0" > "$1"'],
  args: (i, o) => [i.data.path, o.model.path],
});

export const smallPipeline = pipeline(
  {
    name: 'small-pipeline',
    inputs: {
      data_uri: param.string(),
      seed: param.int({ default: 1 }),
      c: param.float({ default: 0.5 }),
      shuffle: param.bool({ default: true }),
      folds: param.list(z.number(), { default: [1, 2, 3] }),
      options: param.struct(z.object({ depth: z.number() }), { default: { depth: 3 } }),
    },
  },
  (p) => {
    const data = prepare({ uri: p.data_uri, seed: p.seed });
    train({ data: data.outputs.data, c: p.c, shuffle: p.shuffle, folds: p.folds });
  },
);
