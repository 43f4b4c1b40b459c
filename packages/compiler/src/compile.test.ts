import {
  artifact,
  component,
  Dataset,
  eq,
  ge,
  If,
  lt,
  ne,
  PipelineDefinitionError,
  parallelFor,
  param,
  pipeline,
} from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compile } from './compile.js';
import { compileToYaml } from './compile-to-yaml.js';

const produce = component({
  name: 'produce',
  outputs: { n: param.int(), x: param.float(), s: param.string(), ok: param.bool(), data: artifact(Dataset) },
  run: () => ({ n: 1, x: 0.5, s: 'a', ok: true }),
});
const consume = component({
  name: 'consume',
  inputs: { s: param.string({ optional: true }), data: artifact(Dataset, { optional: true }) },
  run: () => {},
});

const taskOf = (spec: any, path: string[]) => path.reduce((node, key) => node[key], spec);

describe('conditions compile to KFP CEL', () => {
  const cel = (condition: (p: ReturnType<typeof produce>) => Parameters<typeof If>[0]) => {
    const p = pipeline({ name: 'cel' }, () => {
      const t = produce();
      If(condition(t), () => void consume());
    });
    return taskOf(compile(p), ['root', 'dag', 'tasks', 'condition-1', 'triggerPolicy', 'condition']);
  };

  it('writes int references as int(...) and keeps literals as Python prints them', () => {
    expect(cel((t) => ge(t.outputs.n, 5))).toBe(
      "int(inputs.parameter_values['pipelinechannel--produce-n']) >= 5",
    );
    expect(cel((t) => lt(t.outputs.x, 0.25))).toBe(
      "inputs.parameter_values['pipelinechannel--produce-x'] < 0.25",
    );
  });

  it('converts an int to double against a float', () => {
    expect(cel((t) => lt(t.outputs.n, 0.5))).toBe(
      "double(int(inputs.parameter_values['pipelinechannel--produce-n'])) < 0.5",
    );
  });

  it('quotes strings and escapes quotes inside them', () => {
    expect(cel((t) => eq(t.outputs.s, 'heads'))).toBe(
      "inputs.parameter_values['pipelinechannel--produce-s'] == 'heads'",
    );
    expect(cel((t) => ne(t.outputs.s, "it's"))).toBe(
      "inputs.parameter_values['pipelinechannel--produce-s'] != 'it\\'s'",
    );
  });

  it('writes booleans in lower case', () => {
    expect(cel((t) => eq(t.outputs.ok, true))).toBe(
      "inputs.parameter_values['pipelinechannel--produce-ok'] == true",
    );
  });

  it('negates earlier branches for Elif and Else', () => {
    const p = pipeline({ name: 'branches' }, () => {
      const t = produce();
      If(eq(t.outputs.s, 'a'), () => void consume())
        .Elif(eq(t.outputs.s, 'b'), () => void consume())
        .Else(() => void consume());
    });
    const dag = compile(p).components!['comp-condition-branches-1']!.dag!.tasks!;
    const ref = "inputs.parameter_values['pipelinechannel--produce-s']";
    expect(dag['condition-2']!.triggerPolicy!.condition).toBe(`${ref} == 'a'`);
    expect(dag['condition-3']!.triggerPolicy!.condition).toBe(`!(${ref} == 'a') && ${ref} == 'b'`);
    expect(dag['condition-4']!.triggerPolicy!.condition).toBe(`!(${ref} == 'a') && !(${ref} == 'b')`);
  });

  it('reads a field of a struct loop item through a selector', () => {
    const p = pipeline(
      { name: 'subvar', inputs: { rows: param.list(z.object({ kind: z.string() })) } },
      (p) => {
        parallelFor(p.rows, (row) => {
          If(eq(row.field('kind'), 'big'), () => void consume({ s: row.field('kind') }));
        });
      },
    );
    const spec = compile(p);
    const condition = spec.components!['comp-for-loop-1']!.dag!.tasks!['condition-2']!;
    expect(condition.triggerPolicy!.condition).toBe(
      "inputs.parameter_values['pipelinechannel--rows-loop-item-subvar-kind'] == 'big'",
    );
    expect(condition.inputs!.parameters!['pipelinechannel--rows-loop-item-subvar-kind']).toEqual({
      componentInputParameter: 'pipelinechannel--rows-loop-item',
      parameterExpressionSelector: 'parseJson(string_value)["kind"]',
    });
  });
});

describe('task settings', () => {
  it('writes literal resources twice (strings and the numbers older backends read)', () => {
    const p = pipeline({ name: 'res' }, () => {
      produce().set({
        cpuLimit: '500m',
        memoryLimit: '1Gi',
        accelerator: { type: 'NVIDIA_TESLA_T4', count: 2 },
      });
    });
    expect(compile(p).deploymentSpec!.executors!['exec-produce']!.container!.resources).toEqual({
      cpuLimit: 0.5,
      resourceCpuLimit: '500m',
      memoryLimit: 1.073741824,
      resourceMemoryLimit: '1Gi',
      accelerator: {
        type: 'NVIDIA_TESLA_T4',
        resourceType: 'NVIDIA_TESLA_T4',
        count: '2',
        resourceCount: '2',
      },
    });
  });

  it('takes resources from pipeline inputs through injected inputs', () => {
    const p = pipeline({ name: 'dyn', inputs: { cpu: param.string({ default: '2' }) } }, (p) => {
      produce().set({ cpuLimit: p.cpu });
    });
    const spec = compile(p);
    expect(spec.deploymentSpec!.executors!['exec-produce']!.container!.resources).toEqual({
      resourceCpuLimit: "{{$.inputs.parameters['pipelinechannel--cpu']}}",
    });
    expect(spec.root.dag!.tasks!.produce!.inputs!.parameters).toEqual({
      cpu_limit: { runtimeValue: { constant: "{{$.inputs.parameters['pipelinechannel--cpu']}}" } },
      'pipelinechannel--cpu': { componentInputParameter: 'cpu' },
    });
  });

  it('writes the full retry policy with KFP defaults, caching off as {}', () => {
    const p = pipeline({ name: 'retry' }, () => {
      produce().set({
        retry: { maxRetries: 3, backoffDuration: '1m' },
        caching: false,
        displayName: 'Produce it',
      });
    });
    const task = compile(p).root.dag!.tasks!.produce!;
    expect(task.retryPolicy).toEqual({
      maxRetryCount: 3,
      backoffDuration: '60s',
      backoffFactor: 2,
      backoffMaxDuration: '3600s',
    });
    expect(task.cachingOptions).toEqual({});
    expect(task.taskInfo.name).toBe('Produce it');
  });

  it('injects pipelinechannel inputs for references inside template strings', () => {
    const p = pipeline({ name: 'fstring', inputs: { bucket: param.string() } }, (p) => {
      const t = produce();
      consume({ s: `gs://${p.bucket}/${t.outputs.s}.csv` });
    });
    const inputs = compile(p).root.dag!.tasks!.consume!.inputs!.parameters!;
    expect(inputs.s).toEqual({
      runtimeValue: {
        constant:
          "gs://{{$.inputs.parameters['pipelinechannel--bucket']}}/{{$.inputs.parameters['pipelinechannel--produce-s']}}.csv",
      },
    });
    expect(inputs['pipelinechannel--bucket']).toEqual({ componentInputParameter: 'bucket' });
    expect(inputs['pipelinechannel--produce-s']).toEqual({
      taskOutputParameter: { producerTask: 'produce', outputParameterKey: 's' },
    });
  });
});

describe('compile-time errors name the pipeline and the fix', () => {
  it('refuses an invalid pipeline name and suggests one', () => {
    const p = pipeline({ name: 'My_Pipeline' }, () => void produce());
    expect(() => compile(p)).toThrow(/pipeline name 'My_Pipeline' is not valid.*e\.g\. 'my-pipeline'/s);
  });

  it('refuses an unknown pipeline parameter', () => {
    const p = pipeline({ name: 'params', inputs: { a: param.int({ default: 1 }) } }, () => void produce());
    expect(() => compile(p, { pipelineParameters: { b: 2 } })).toThrow(
      /pipeline parameter 'b' does not match any input.*Inputs are: a/s,
    );
  });

  it('refuses a cycle made with after()', () => {
    const p = pipeline({ name: 'cycle' }, () => {
      const a = produce();
      const b = consume().after(a);
      a.after(b);
    });
    let error: unknown;
    try {
      compile(p);
    } catch (e) {
      error = e;
    }
    expect(PipelineDefinitionError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /cycle: (produce -> consume -> produce|consume -> produce -> consume).*Remove one of the .after\(\)/s,
    );
  });

  it('refuses waiting on a task inside a condition from outside', () => {
    const p = pipeline({ name: 'after-cond' }, () => {
      const t = produce();
      let inner: ReturnType<typeof consume> | undefined;
      If(eq(t.outputs.s, 'a'), () => {
        inner = consume();
      });
      consume().after(inner!);
    });
    expect(() => compile(p)).toThrow(/inside condition-1, which may not run/);
  });
});

describe('determinism', () => {
  it('compiles the same pipeline to the same bytes, twice and from a fresh definition', () => {
    const build = () =>
      pipeline({ name: 'same', inputs: { items: param.list(z.string(), { default: ['a', 'b'] }) } }, (p) => {
        const t = produce();
        parallelFor(p.items, (s) => void consume({ s, data: t.outputs.data }), { parallelism: 2 });
      });
    const first = compileToYaml(build());
    expect(compileToYaml(build())).toBe(first);
    expect(first).toMatch(/^# PIPELINE DEFINITION\n# Name: same\n/);
  });
});
