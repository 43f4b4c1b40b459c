// How the runner executes compiled pipelines: data passing, conditions, loops and fan-in, oneOf,
// exit handlers, upstream failures, retries, caching, nested pipelines, env and events.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  artifact,
  artifactList,
  collected,
  component,
  Dataset,
  eq,
  exitHandler,
  gt,
  If,
  Metrics,
  oneOf,
  parallelFor,
  param,
  pipeline,
} from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LocalRunError, runPipeline } from './index.js';
import type { RunEvent } from './types.js';

const produce = component({
  name: 'produce',
  inputs: { text: param.string(), times: param.int({ default: 2 }) },
  outputs: { data: artifact(Dataset), length: param.int(), stats: artifact(Metrics) },
  run: ({ text, times }, { data, stats }) => {
    writeFileSync(data.path, text.repeat(times));
    stats.metadata.chars = text.length * times;
    return { length: text.length * times };
  },
});

const consume = component({
  name: 'consume',
  inputs: { data: artifact(Dataset), length: param.int() },
  outputs: { Output: param.string() },
  run: ({ data, length }) => ({ Output: `${readFileSync(data.path, 'utf8')}:${length}` }),
});

describe('data passing', () => {
  it('passes parameters and artifacts, writes outputs under the run folder and run.json', async () => {
    const p = pipeline({ name: 'passing', inputs: { text: param.string() } }, (p) => {
      const a = produce({ text: p.text });
      return consume({ data: a.outputs.data, length: a.outputs.length }).output;
    });
    const result = await runPipeline(p, { text: 'ab' });
    expect(result.state).toBe('SUCCEEDED');
    expect(result.pipelineOutputs.parameters).toEqual({ Output: 'abab:4' });
    const produced = result.tasks.produce!;
    expect(produced).toMatchObject({
      state: 'SUCCEEDED',
      kind: 'container',
      executor: 'in-process',
      attempts: 1,
    });
    expect(produced.outputParameters).toEqual({ length: 4 });
    expect(produced.metrics).toEqual({ stats: { chars: 4 } });
    expect(produced.artifacts.data).toBe(path.join(result.outputDir, 'produce', 'data'));
    expect(readFileSync(produced.artifacts.data as string, 'utf8')).toBe('abab');
    expect(readFileSync(path.join(result.outputDir, 'produce', 'length'), 'utf8')).toBe('4');
    expect(
      JSON.parse(readFileSync(path.join(result.outputDir, 'produce', 'executor_output.json'), 'utf8')),
    ).toMatchObject({
      parameterValues: { length: 4 },
    });
    expect(path.basename(result.outputDir)).toMatch(/^passing-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d-\d{3}$/);
    expect(JSON.parse(readFileSync(path.join(result.outputDir, 'run.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(result)),
    );
  });

  it('refuses unknown and missing pipeline parameters before running anything', async () => {
    const p = pipeline({ name: 'params', inputs: { text: param.string() } }, (p) => {
      produce({ text: p.text });
    });
    await expect(runPipeline(p, { text: 'a', txet: 'b' })).rejects.toThrow(LocalRunError);
    await expect(runPipeline(p, { text: 'a', txet: 'b' })).rejects.toThrow(
      /unknown pipeline parameter 'txet'/,
    );
    await expect(runPipeline(p, {})).rejects.toThrow(/input parameter 'text' has no value/);
  });
});

const flip = component({
  name: 'flip',
  inputs: { side: param.string() },
  outputs: { Output: param.string() },
  run: ({ side }) => ({ Output: side }),
});
const say = component({
  name: 'say',
  inputs: { text: param.string() },
  outputs: { Output: param.string() },
  run: ({ text }) => ({ Output: text }),
});

describe('conditions and oneOf', () => {
  const chooser = pipeline({ name: 'chooser', inputs: { side: param.string() } }, (p) => {
    const f = flip({ side: p.side });
    const chain = If(eq(f.output, 'heads'), () => say({ text: 'H' }).output)
      .Elif(eq(f.output, 'tails'), () => say({ text: 'T' }).output)
      .Else(() => say({ text: 'other' }).output);
    const picked = oneOf(chain.results[0]!, chain.results[1]!, chain.results[2]!);
    return say({ text: picked }).output;
  });

  it.each([
    ['heads', 'H'],
    ['tails', 'T'],
    ['edge', 'other'],
  ])('runs only the branch whose condition holds (%s) and selects its output', async (side, expected) => {
    const result = await runPipeline(chooser, { side });
    expect(result.state).toBe('SUCCEEDED');
    expect(result.pipelineOutputs.parameters.Output).toBe(expected);
    const branches = Object.entries(result.tasks).filter(([p]) =>
      /^condition-branches-\d+\/condition-\d+$/.test(p),
    );
    expect(branches.map(([, t]) => t.state).sort()).toEqual(['SKIPPED', 'SKIPPED', 'SUCCEEDED']);
    const skipped = branches.find(([, t]) => t.state === 'SKIPPED')![1];
    expect(skipped.reason).toMatch(/^condition is false: .*inputs\.parameter_values/);
  });

  it('selects oneOf artifacts from the branch that ran', async () => {
    const p = pipeline({ name: 'oneof-artifacts', inputs: { n: param.int() } }, (p) => {
      const big = If(gt(p.n, 5), () => produce({ text: 'big', times: 1 }).outputs.data).Else(
        () => produce({ text: 'small', times: 1 }).outputs.data,
      );
      return consume({ data: oneOf(big.results[0]!, big.results[1]!), length: 0 }).output;
    });
    expect((await runPipeline(p, { n: 9 })).pipelineOutputs.parameters.Output).toBe('big:0');
    expect((await runPipeline(p, { n: 1 })).pipelineOutputs.parameters.Output).toBe('small:0');
  });
});

describe('loops', () => {
  const square = component({
    name: 'square',
    inputs: { x: param.int() },
    outputs: { Output: param.int(), out: artifact(Dataset) },
    run: ({ x }, { out }) => {
      writeFileSync(out.path, String(x * x));
      return { Output: x * x };
    },
  });
  const sum = component({
    name: 'sum',
    inputs: { values: param.list(z.number()), files: artifactList(Dataset) },
    outputs: { Output: param.int() },
    run: ({ values, files }) => {
      const fromFiles = files.reduce((acc, f) => acc + Number(readFileSync(f.path, 'utf8')), 0);
      if (fromFiles !== values.reduce((a, b) => a + b, 0)) throw new Error('files and values disagree');
      return { Output: fromFiles };
    },
  });

  it('fans in parameters and artifacts in item order, each iteration in its own folder', async () => {
    const p = pipeline({ name: 'fan-in' }, () => {
      const loop = parallelFor([1, 2, 3], (x) => square({ x }).outputs);
      const total = sum({ values: collected(loop.result.Output), files: collected(loop.result.out) });
      return { total: total.output, squares: collected(loop.result.Output) };
    });
    const result = await runPipeline(p);
    expect(result.state).toBe('SUCCEEDED');
    expect(result.pipelineOutputs.parameters).toEqual({ total: 14, squares: [1, 4, 9] });
    const loopKey = Object.keys(result.tasks).find((k) => /^for-loop-\d+$/.test(k))!;
    expect(result.tasks[loopKey]!.kind).toBe('loop');
    for (const i of [0, 1, 2]) {
      const file = path.join(result.outputDir, loopKey, String(i), 'square', 'out');
      expect(readFileSync(file, 'utf8')).toBe(String((i + 1) ** 2));
      expect(result.tasks[`${loopKey}/${i}/square`]!.state).toBe('SUCCEEDED');
    }
  });

  it('loops over a task output list of structs, reading fields through parameterExpressionSelector', async () => {
    const Row = z.object({ name: z.string(), n: z.number() });
    const rows = component({
      name: 'rows',
      outputs: { Output: param.list(Row) },
      run: () => ({
        Output: [
          { name: 'a', n: 1 },
          { name: 'b', n: 2 },
        ],
      }),
    });
    const label = component({
      name: 'label',
      inputs: { name: param.string(), n: param.int() },
      outputs: { Output: param.string() },
      run: ({ name, n }) => ({ Output: `${name}${n}` }),
    });
    const p = pipeline({ name: 'struct-loop' }, () => {
      const loop = parallelFor(
        rows().output,
        (row) => label({ name: row.field('name'), n: row.field('n') }).output,
      );
      return collected(loop.result);
    });
    const result = await runPipeline(p);
    expect(result.state).toBe('SUCCEEDED');
    expect(result.pipelineOutputs.parameters.Output).toEqual(['a1', 'b2']);
  });

  it('loops over a list of artifacts (artifactIterator)', async () => {
    const makeAll = pipeline({ name: 'make-all' }, () =>
      collected(parallelFor(['x', 'yy'], (t) => produce({ text: t, times: 1 }).outputs.data).result),
    );
    const measure = component({
      name: 'measure',
      inputs: { data: artifact(Dataset) },
      outputs: { Output: param.int() },
      run: ({ data }) => ({ Output: readFileSync(data.path, 'utf8').length }),
    });
    const p = pipeline({ name: 'artifact-loop' }, () => {
      const made = makeAll();
      return collected(parallelFor(made.output, (item) => measure({ data: item }).output).result);
    });
    const result = await runPipeline(p);
    expect(result.state).toBe('SUCCEEDED');
    expect(result.pipelineOutputs.parameters.Output).toEqual([1, 2]);
  });

  it('respects parallelismLimit and the global parallelism bound', async () => {
    let running = 0;
    let peak = 0;
    const slow = component({
      name: 'slow',
      inputs: { x: param.int() },
      run: async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
      },
    });
    const limited = pipeline({ name: 'limited' }, () => {
      parallelFor([1, 2, 3, 4, 5, 6], (x) => slow({ x }), { parallelism: 2 });
    });
    expect((await runPipeline(limited, {}, { parallelism: 8 })).state).toBe('SUCCEEDED');
    expect(peak).toBe(2);
    peak = 0;
    const unlimited = pipeline({ name: 'unlimited' }, () => {
      parallelFor([1, 2, 3, 4, 5, 6], (x) => slow({ x }));
    });
    expect((await runPipeline(unlimited, {}, { parallelism: 3 })).state).toBe('SUCCEEDED');
    expect(peak).toBe(3);
  });
});

const fail = component({
  name: 'fail',
  inputs: { message: param.string() },
  run: ({ message }) => {
    console.log('about to fail');
    throw new Error(message);
  },
});
const report = component({
  name: 'report',
  inputs: { status: param.taskFinalStatus(), label: param.string({ default: '' }) },
  outputs: { Output: param.struct() },
  run: ({ status }) => ({ Output: status as unknown as Record<string, never> }),
});

describe('exit handlers and upstream failures', () => {
  it('gives the exit task a FAILED final status naming the failed task, and fails the run', async () => {
    const p = pipeline({ name: 'exit-failed' }, () => {
      const exit = report({});
      exitHandler(
        exit,
        () => {
          say({ text: 'fine' });
          fail({ message: 'boom' });
        },
        { name: 'guarded' },
      );
    });
    const result = await runPipeline(p);
    expect(result.state).toBe('FAILED');
    const exit = result.tasks.report!;
    expect(exit.state).toBe('SUCCEEDED');
    expect(exit.outputParameters.Output).toEqual({
      state: 'FAILED',
      error: { code: 2, message: expect.stringMatching(/^exit-handler-1\/fail: .*boom/) },
      pipelineJobResourceName: result.jobName,
      pipelineTaskName: 'guarded',
    });
    expect(result.failedTasks).toEqual(['exit-handler-1/fail']);
    expect(result.error).toMatch(/^Task 'exit-handler-1\/fail' failed: .*boom/);
  });

  it('gives SUCCEEDED with code 0 when the guarded tasks succeed', async () => {
    const p = pipeline({ name: 'exit-ok' }, () => {
      exitHandler(report({}), () => {
        say({ text: 'fine' });
      });
    });
    const result = await runPipeline(p);
    expect(result.state).toBe('SUCCEEDED');
    expect(result.tasks.report!.outputParameters.Output).toMatchObject({
      state: 'SUCCEEDED',
      error: { code: 0, message: '' },
    });
  });

  it('does not trigger downstream tasks of a failure, but runs independent ones (fail-slow)', async () => {
    const p = pipeline({ name: 'fail-slow' }, () => {
      const f = fail({ message: 'boom' });
      say({ text: 'after' }).after(f);
      say({ text: 'independent' });
    });
    const result = await runPipeline(p);
    expect(result.state).toBe('FAILED');
    expect(result.tasks.say).toMatchObject({
      state: 'NOT_TRIGGERED',
      reason: "upstream task 'fail' failed.",
    });
    expect(result.tasks['say-2']!.state).toBe('SUCCEEDED');
    expect(result.error).toMatch(/1 task did not run/);
  });

  it('starts nothing new after a failure with fail-fast', async () => {
    const p = pipeline({ name: 'fail-fast' }, () => {
      const f = fail({ message: 'boom' });
      say({ text: 'later' }).after(say({ text: 'first' }).after(f).after(f));
      say({ text: 'independent' }).after(say({ text: 'slowly' }));
    });
    const result = await runPipeline(p, {}, { failurePolicy: 'fail-fast', parallelism: 1 });
    expect(result.state).toBe('FAILED');
    const states = Object.values(result.tasks).map((t) => t.state);
    expect(states).toContain('CANCELLED');
    expect(states.filter((s) => s === 'FAILED')).toHaveLength(1);
  });

  it('still runs the exit handler under fail-fast, while cancelling the rest', async () => {
    const p = pipeline({ name: 'fail-fast-exit' }, () => {
      exitHandler(report({}), () => {
        const f = fail({ message: 'boom' });
        say({ text: 'never' }).after(say({ text: 'queued' }));
        say({ text: 'after' }).after(f);
      });
    });
    const result = await runPipeline(p, {}, { failurePolicy: 'fail-fast', parallelism: 1 });
    expect(result.state).toBe('FAILED');
    expect(result.tasks.report).toMatchObject({
      state: 'SUCCEEDED',
      outputParameters: { Output: { state: 'FAILED' } },
    });
  });

  it('runs an ignoreUpstreamFailure task after its upstream failed', async () => {
    const p = pipeline({ name: 'ignore-failure' }, () => {
      const f = fail({ message: 'boom' });
      say({ text: 'cleanup' }).after(f).ignoreUpstreamFailure();
    });
    const result = await runPipeline(p);
    expect(result.tasks.say).toMatchObject({ state: 'SUCCEEDED', outputParameters: { Output: 'cleanup' } });
    expect(result.state).toBe('FAILED');
  });

  it('records the error and the log tail of a failed task', async () => {
    const p = pipeline({ name: 'log-tail' }, () => {
      fail({ message: 'the reason' });
    });
    const result = await runPipeline(p);
    expect(result.tasks.fail!.error).toMatch(/the reason/);
    expect(result.tasks.fail!.logTail).toEqual(['about to fail']);
    expect(readFileSync(path.join(result.outputDir, 'fail', 'executor.log'), 'utf8')).toMatch(
      /about to fail/,
    );
  });
});

describe('retries', () => {
  it('retries a failing task and succeeds, with backoff waits scaled', async () => {
    let calls = 0;
    const flaky = component({
      name: 'flaky',
      outputs: { Output: param.int() },
      run: () => {
        calls++;
        if (calls < 3) throw new Error(`attempt ${calls} failed`);
        return { Output: calls };
      },
    });
    const p = pipeline({ name: 'retry-ok' }, () => {
      flaky().set({ retry: { maxRetries: 3, backoffDuration: '10s', backoffFactor: 2 } });
    });
    const events: RunEvent[] = [];
    const started = Date.now();
    const result = await runPipeline(p, {}, { retryBackoffScale: 0.001, onEvent: (e) => events.push(e) });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.tasks.flaky).toMatchObject({
      state: 'SUCCEEDED',
      attempts: 3,
      outputParameters: { Output: 3 },
    });
    const retries = events.filter((e) => e.type === 'task-retrying');
    expect(retries.map((e) => e.type === 'task-retrying' && [e.attempt, e.delayMs])).toEqual([
      [1, 10],
      [2, 20],
    ]);
  });

  it('fails after the last retry with the last error', async () => {
    let calls = 0;
    const broken = component({
      name: 'broken',
      run: () => {
        calls++;
        throw new Error(`attempt ${calls}`);
      },
    });
    const p = pipeline({ name: 'retry-fail' }, () => {
      broken().set({ retry: { maxRetries: 2 } });
    });
    const result = await runPipeline(p, {}, { retryBackoffScale: 0 });
    expect(result.tasks.broken).toMatchObject({ state: 'FAILED', attempts: 3 });
    expect(result.tasks.broken!.error).toMatch(/attempt 3/);
  });
});

describe('caching', () => {
  it('reuses tasks whose component, code and inputs are unchanged, and only those', async () => {
    const counts: Record<string, number> = {};
    const count = (name: string) => {
      counts[name] = (counts[name] ?? 0) + 1;
    };
    const first = component({
      name: 'first',
      inputs: { x: param.int() },
      outputs: { data: artifact(Dataset) },
      run: ({ x }, { data }) => {
        count('first');
        writeFileSync(data.path, `fixed-${x % 2}`);
      },
    });
    const second = component({
      name: 'second',
      inputs: { data: artifact(Dataset) },
      outputs: { Output: param.string() },
      run: ({ data }) => {
        count('second');
        return { Output: readFileSync(data.path, 'utf8') };
      },
    });
    const uncached = component({
      name: 'uncached',
      run: () => {
        count('uncached');
      },
    });
    const p = pipeline({ name: 'cached', inputs: { x: param.int() } }, (p) => {
      second({ data: first({ x: p.x }).outputs.data });
      uncached().set({ caching: false });
    });
    const outputDir = (await runPipeline(p, { x: 1 })).outputDir.replace(/\/cached-[^/]+$/, '');
    const again = await runPipeline(p, { x: 1 }, { outputDir });
    expect(again.tasks.first!.state).toBe('CACHED');
    expect(again.tasks.second!.state).toBe('CACHED');
    expect(again.tasks.second!.outputParameters).toEqual({ Output: 'fixed-1' });
    expect(again.tasks.uncached!.state).toBe('SUCCEEDED');
    expect(counts).toEqual({ first: 1, second: 1, uncached: 2 });
    // x=3 changes first's input; its output has the same content, so second is reused.
    const changed = await runPipeline(p, { x: 3 }, { outputDir });
    expect(changed.tasks.first!.state).toBe('SUCCEEDED');
    expect(changed.tasks.second!.state).toBe('CACHED');
    expect(existsSync(path.join(outputDir, '.kfp-ts-cache'))).toBe(true);
    const off = await runPipeline(p, { x: 1 }, { outputDir, cache: false });
    expect(off.tasks.first!.state).toBe('SUCCEEDED');
  });
});

describe('nested pipelines, env and events', () => {
  it('runs nested pipelines and returns their outputs', async () => {
    const inner = pipeline(
      { name: 'inner', inputs: { text: param.string() } },
      (p) => say({ text: p.text }).output,
    );
    const outer = pipeline({ name: 'outer' }, () => say({ text: inner({ text: 'deep' }).output }).output);
    const result = await runPipeline(outer);
    expect(result.pipelineOutputs.parameters.Output).toBe('deep');
    expect(result.tasks.inner!.kind).toBe('dag');
    expect(result.tasks['inner/say']!.state).toBe('SUCCEEDED');
  });

  it('sets a task env for that task only, and restores the process env', async () => {
    const readEnv = component({
      name: 'read_env',
      outputs: { Output: param.string() },
      run: () => ({ Output: process.env.KFP_TS_TEST_VAR ?? 'unset' }),
    });
    const p = pipeline({ name: 'env' }, () => ({
      with: readEnv().set({ env: { KFP_TS_TEST_VAR: 'on' } }).output,
      without: readEnv().output,
    }));
    const result = await runPipeline(p);
    expect(result.pipelineOutputs.parameters).toEqual({ with: 'on', without: 'unset' });
    expect(process.env.KFP_TS_TEST_VAR).toBeUndefined();
  });

  it('emits queued, started and finished events with durations, and run-finished last', async () => {
    const p = pipeline({ name: 'events' }, () => {
      say({ text: say({ text: 'a' }).output });
    });
    const events: RunEvent[] = [];
    const result = await runPipeline(p, {}, { cache: false, onEvent: (e) => events.push(e) });
    const kinds = events.map((e) => `${e.type}${'path' in e && e.path ? `:${e.path}` : ''}`);
    expect(kinds[0]).toBe('run-started');
    expect(kinds.at(-1)).toBe('run-finished');
    expect(kinds.indexOf('task-succeeded:say')).toBeLessThan(kinds.indexOf('task-started:say-2'));
    const done = events.find((e) => e.type === 'task-succeeded' && e.path === 'say-2');
    expect(done).toMatchObject({ durationMs: expect.any(Number), outputParameters: { Output: 'a' } });
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', result: { state: result.state } });
  });
});
