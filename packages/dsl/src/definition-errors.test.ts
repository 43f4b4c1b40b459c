import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  artifact,
  collected,
  component,
  Dataset,
  eq,
  exitHandler,
  gt,
  If,
  Model,
  oneOf,
  type PipelineDefinition,
  PipelineDefinitionError,
  parallelFor,
  param,
  pipeline,
} from './index.js';

const make = component({
  name: 'make',
  inputs: { n: param.int({ default: 1 }) },
  outputs: { data: artifact(Dataset), count: param.int(), label: param.string() },
  run: () => ({ count: 1, label: 'x' }),
});
const use = component({
  name: 'use',
  inputs: {
    data: artifact(Dataset, { optional: true }),
    n: param.int({ optional: true }),
    s: param.string({ optional: true }),
  },
  run: () => {},
});

/** Runs the body (pipelines build lazily) and returns the error it throws. */
function definitionError(body: () => void): PipelineDefinitionError {
  const p = pipeline({ name: 'broken' }, body);
  try {
    void (p.definition as PipelineDefinition).graph;
  } catch (error) {
    if (PipelineDefinitionError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a PipelineDefinitionError');
}

describe('mistakes TypeScript cannot see fail with the pipeline, the task path and a fix', () => {
  it('a loop item used outside its loop', () => {
    let escaped: any;
    const error = definitionError(() => {
      parallelFor([1, 2], (item) => {
        escaped = item;
      });
      use({ n: escaped });
    });
    expect(error.where).toBe('broken/use');
    expect(error.message).toMatch(/item of for-loop-2 is used outside its loop/);
    expect(error.fix).toMatch(/collected\(\)/);
  });

  it('a task output from inside a loop used outside without collected()', () => {
    const error = definitionError(() => {
      const loop = parallelFor([1, 2], (n) => make({ n }).outputs.count);
      use({ n: loop.result });
    });
    expect(error.message).toMatch(/inside for-loop-2, which runs once per item/);
    expect(error.fix).toMatch(/collected/);
  });

  it('a task output from inside a condition used outside without oneOf()', () => {
    const error = definitionError(() => {
      const m = make();
      const chain = If(gt(m.outputs.count, 1), () => make().outputs.label);
      use({ s: chain.results[0] });
    });
    expect(error.message).toMatch(/inside condition-1, which may not run/);
    expect(error.fix).toMatch(/oneOf/);
  });

  it('an async pipeline body', () => {
    const p = pipeline({ name: 'async-body' }, (async () => {
      make();
    }) as unknown as () => void);
    expect(() => (p.definition as PipelineDefinition).graph).toThrow(/returned a Promise.*synchronous/s);
  });

  it('an async control-flow body', () => {
    const error = definitionError(() => {
      parallelFor([1], (async () => {}) as unknown as () => void);
    });
    expect(error.where).toBe('broken/for-loop-2');
    expect(error.message).toMatch(/returned a Promise/);
  });

  it('a bad resource string', () => {
    const error = definitionError(() => {
      make().set({ cpuLimit: 'lots' });
    });
    expect(error.where).toBe('broken/make');
    expect(error.message).toBe(
      "broken/make: cpuLimit \"lots\" is not a CPU amount. Use cores or millicores, e.g. '2', '0.5' or '500m'.",
    );
    expect(
      () => pipeline({ name: 'm' }, () => void make().set({ memoryLimit: '16 GB' })).definition.graph,
    ).toThrow(/not a memory amount/);
    expect(
      () =>
        pipeline({ name: 'a' }, () => void make().set({ accelerator: { type: 'T4', count: 1.5 } })).definition
          .graph,
    ).toThrow(/not a whole number/);
    expect(
      () =>
        pipeline({ name: 'r' }, () => void make().set({ retry: { maxRetries: 2, backoffDuration: 'soon' } }))
          .definition.graph,
    ).toThrow(/not a duration/);
  });

  it('an unknown input, a missing input and a wrong type from JavaScript callers', () => {
    const needs = component({ name: 'needs', inputs: { x: param.int() }, run: () => {} });
    expect(definitionError(() => void (needs as any)({ x: 1, y: 2 })).message).toMatch(
      /has no input 'y'.*Its inputs are: x/s,
    );
    expect(definitionError(() => void (needs as any)({})).message).toMatch(/needs input 'x' \(an integer\)/);
    expect(definitionError(() => void (needs as any)({ x: 2.5 })).message).toMatch(
      /expects an integer but got number 2.5: not a whole number/,
    );
    expect(definitionError(() => void (needs as any)({ x: make().outputs.label })).message).toMatch(
      /expects an integer but got a string from output 'label' of task 'make'/,
    );
    const wantsModel = component({ name: 'wants-model', inputs: { m: artifact(Model) }, run: () => {} });
    expect(definitionError(() => void (wantsModel as any)({ m: make().outputs.data })).message).toMatch(
      /expects an artifact of type system.Model but got an artifact of type system.Dataset/,
    );
  });

  it('a struct literal that does not match its zod schema', () => {
    const cfg = component({
      name: 'cfg',
      inputs: { c: param.struct(z.object({ seed: z.number() })) },
      run: () => {},
    });
    expect(definitionError(() => void cfg({ c: { seed: 'one' } as any })).message).toMatch(
      /seed: .*expected number/i,
    );
  });

  it('Elif that does not directly follow its If', () => {
    const error = definitionError(() => {
      const m = make();
      const chain = If(eq(m.outputs.label, 'a'), () => {});
      make();
      chain.Elif(eq(m.outputs.label, 'b'), () => {});
    });
    expect(error.message).toMatch(/Elif does not directly follow its If/);
  });

  it('oneOf with values that are not from branches of one chain', () => {
    const error = definitionError(() => {
      const a = make();
      oneOf(a.outputs.count, make().outputs.count);
    });
    expect(error.message).toMatch(/oneOf\(\) takes outputs of tasks inside the branches/);
  });

  it('collected() of a value that is not inside a loop', () => {
    const error = definitionError(() => void collected(make().outputs.count));
    expect(error.message).toMatch(/not inside a parallelFor/);
  });

  it('an exit task that depends on another task', () => {
    const error = definitionError(() => {
      const m = make();
      exitHandler(use({ n: m.outputs.count }), () => {});
    });
    expect(error.message).toMatch(/exit task 'use' depends on other tasks/);
  });

  it('a component called outside a pipeline body', () => {
    expect(() => make()).toThrow(/can only be used inside a pipeline body/);
  });

  it('a pipeline that contains itself', () => {
    const self: any = pipeline({ name: 'self' }, () => {
      self();
    });
    expect(() => self.definition.graph).toThrow(/uses itself/);
  });

  it('reserved and invalid input names', () => {
    expect(() =>
      component({ name: 'x', inputs: { 'pipelinechannel--a': param.string() }, run: () => {} }),
    ).toThrow(/reserved/);
    expect(() => component({ name: 'x', inputs: { 'a b': param.string() }, run: () => {} })).toThrow(
      /must be an identifier/,
    );
    expect(() => component({ name: '!!!', run: () => {} })).toThrow(/needs a name/);
  });
});

describe('the graph a body builds', () => {
  it('names tasks uniquely across the whole body and numbers groups like KFP', () => {
    const p = pipeline({ name: 'numbering' }, () => {
      make();
      parallelFor([1, 2], () => {
        make();
      });
      const m = make();
      If(eq(m.outputs.label, 'a'), () => void make())
        .Elif(eq(m.outputs.label, 'b'), () => void make())
        .Else(() => void make());
    });
    const graph = (p.definition as PipelineDefinition).graph;
    expect(graph.tasks.map((t) => t.path)).toEqual([
      'numbering/make',
      'numbering/for-loop-2/make-2',
      'numbering/make-3',
      'numbering/condition-branches-3/condition-4/make-4',
      'numbering/condition-branches-3/condition-5/make-5',
      'numbering/condition-branches-3/condition-6/make-6',
    ]);
  });
});
