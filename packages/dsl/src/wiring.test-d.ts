import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  Artifact,
  artifact,
  artifactList,
  collected,
  component,
  Dataset,
  eq,
  exitHandler,
  gt,
  If,
  Model,
  oneOf,
  type ParamRef,
  parallelFor,
  param,
  pipeline,
} from './index.js';

const prepare = component({
  name: 'prepare',
  inputs: { uri: param.string() },
  outputs: { data: artifact(Dataset), rows: param.int(), name: param.string(), cfg: param.struct() },
  run: () => ({ rows: 1, name: 'x', cfg: {} }),
});
const train = component({
  name: 'train',
  inputs: { data: artifact(Dataset), lr: param.float({ default: 0.1 }), epochs: param.int({ default: 3 }) },
  outputs: { model: artifact(Model), auc: param.float() },
  run: () => ({ auc: 0.5 }),
});
const evaluate = component({
  name: 'evaluate',
  inputs: { model: artifact(Model), threshold: param.float() },
  outputs: {},
  run: () => {},
});
const inspect = component({
  name: 'inspect',
  inputs: { anything: artifact(Artifact) },
  run: () => {},
});
const average = component({
  name: 'average',
  inputs: { values: param.list(z.number()), models: artifactList(Model, { optional: true }) },
  outputs: { mean: param.float() },
  run: ({ values }) => ({ mean: values.reduce((a, b) => a + b, 0) / values.length }),
});

describe('component function types', () => {
  it('derives the function arguments from the declarations', () => {
    component({
      name: 'typed',
      inputs: {
        data: artifact(Dataset),
        lr: param.float({ default: 0.1 }),
        tag: param.string({ optional: true }),
      },
      outputs: { model: artifact(Model), auc: param.float() },
      run: (inputs, outputs) => {
        expectTypeOf(inputs.lr).toEqualTypeOf<number>();
        expectTypeOf(inputs.tag).toEqualTypeOf<string | undefined>();
        expectTypeOf(inputs.data.path).toEqualTypeOf<string>();
        expectTypeOf(outputs.model.metadata).toEqualTypeOf<Record<string, unknown>>();
        return { auc: 0.9 };
      },
    });
  });

  it('requires every output parameter to be returned with its type', () => {
    component({
      name: 'bad-return',
      outputs: { auc: param.float() },
      // @ts-expect-error auc must be a number
      run: () => ({ auc: 'high' }),
    });
  });
});

describe('wiring is checked by TypeScript', () => {
  it('accepts correct wiring', () => {
    pipeline(
      { name: 'ok', inputs: { uri: param.string(), threshold: param.float({ default: 0.8 }) } },
      (p) => {
        const prep = prepare({ uri: p.uri });
        const model = train({ data: prep.outputs.data, epochs: prep.outputs.rows });
        evaluate({ model: model.outputs.model, threshold: p.threshold });
        evaluate({ model: model.outputs.model, threshold: 0.5 });
        inspect({ anything: prep.outputs.data });
        expectTypeOf(model.outputs.auc).toEqualTypeOf<ParamRef<'NUMBER_DOUBLE', number>>();
      },
    );
  });

  it('rejects a Dataset where a Model is expected', () => {
    pipeline({ name: 'bad-artifact' }, () => {
      const prep = prepare({ uri: 'gs://b/x.csv' });
      // @ts-expect-error a Dataset is not a Model
      evaluate({ model: prep.outputs.data, threshold: 0.5 });
    });
  });

  it('rejects a string where a number is expected', () => {
    pipeline({ name: 'bad-param', inputs: { name: param.string() } }, (p) => {
      const prep = prepare({ uri: 'x' });
      const m = train({ data: prep.outputs.data });
      // @ts-expect-error a string input is not a float
      evaluate({ model: m.outputs.model, threshold: p.name });
      // @ts-expect-error a string literal is not a float
      evaluate({ model: m.outputs.model, threshold: '0.5' });
      // @ts-expect-error a float output is not an int
      train({ data: prep.outputs.data, epochs: m.outputs.auc });
    });
  });

  it('rejects a missing required input and an unknown input', () => {
    pipeline({ name: 'bad-args' }, () => {
      // @ts-expect-error uri is required
      prepare({});
      // @ts-expect-error there is no input 'url'
      prepare({ uri: 'x', url: 'y' });
    });
  });

  it('rejects a parameter where an artifact is needed', () => {
    pipeline({ name: 'bad-kind' }, () => {
      const prep = prepare({ uri: 'x' });
      // @ts-expect-error rows is a parameter, data needs an artifact
      train({ data: prep.outputs.rows });
      // @ts-expect-error a string literal is not an artifact
      train({ data: 'gs://bucket/data.csv' });
    });
  });

  it('rejects a struct in a condition', () => {
    pipeline({ name: 'bad-condition' }, () => {
      const prep = prepare({ uri: 'x' });
      // @ts-expect-error structs cannot be compared
      If(eq(prep.outputs.cfg, 'x'), () => {});
      // @ts-expect-error a string is not compared with a number
      If(eq(prep.outputs.name, 3), () => {});
      If(gt(prep.outputs.rows, 3), () => {});
    });
  });

  it('types loop items, fan-in and oneOf', () => {
    pipeline({ name: 'flow', inputs: { lrs: param.list(z.number()) } }, (p) => {
      const prep = prepare({ uri: 'x' });
      const loop = parallelFor(p.lrs, (lr) => {
        expectTypeOf(lr).toEqualTypeOf<ParamRef<'NUMBER', number>>();
        return train({ data: prep.outputs.data, lr }).outputs;
      });
      const aucs = collected(loop.result.auc);
      expectTypeOf(aucs).toEqualTypeOf<ParamRef<'LIST', number[]>>();
      average({ values: aucs, models: collected(loop.result.model) });
      const structs = parallelFor([{ lr: 0.1, tag: 'a' }], (item) => {
        train({ data: prep.outputs.data, lr: item.field('lr') });
        // @ts-expect-error tag is a string
        train({ data: prep.outputs.data, lr: item.field('tag') });
      });
      void structs;
      const chain = If(gt(prep.outputs.rows, 1), () => train({ data: prep.outputs.data }).outputs.auc).Else(
        () => train({ data: prep.outputs.data, lr: 1 }).outputs.auc,
      );
      const best = oneOf(
        ...(chain.results as [ParamRef<'NUMBER_DOUBLE', number>, ParamRef<'NUMBER_DOUBLE', number>]),
      );
      expectTypeOf(best).toEqualTypeOf<ParamRef<'NUMBER_DOUBLE', number>>();
      exitHandler(average({ values: [1] }), () => {});
    });
  });

  it('nests pipelines with typed outputs', () => {
    const inner = pipeline({ name: 'inner', inputs: { uri: param.string() } }, (p) => {
      const t = train({ data: prepare({ uri: p.uri }).outputs.data });
      return { model: t.outputs.model, auc: t.outputs.auc };
    });
    pipeline({ name: 'outer' }, () => {
      const i = inner({ uri: 'x' });
      evaluate({ model: i.outputs.model, threshold: 0.1 });
      // @ts-expect-error auc is a float, not a model
      evaluate({ model: i.outputs.auc, threshold: 0.1 });
    });
  });
});
