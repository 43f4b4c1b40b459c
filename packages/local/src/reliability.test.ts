// The runner under stress: hostile values, components that throw or forget outputs, conditions
// that cannot be evaluated, runs aborted or killed midway and resumed from the cache, concurrent
// runs sharing an output folder, and IR names that would escape the output folder.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '@kfp-ts/compiler';
import { component, containerComponent, eq, If, outputParameterPath, param, pipeline } from '@kfp-ts/dsl';
import type { PipelineSpec } from '@kfp-ts/schemas';
import { describe, expect, it } from 'vitest';
import { chain, STEPS } from './__fixtures__/chain-pipeline.js';
import { createRegistry, LocalRunError, runPipeline, runPipelineSpec } from './index.js';
import type { RunEvent } from './types.js';

// In-process runs need no bundles: compile without esbuild.
const IMAGE = { shipping: { mode: 'image' as const } };
const tempDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), `kfp-ts-${prefix}-`));

const echo = component({
  name: 'echo',
  inputs: { text: param.string() },
  outputs: { Output: param.string() },
  run: ({ text }) => ({ Output: text }),
});

const HOSTILE = [
  'it\'s "quoted" \\ back\\slash',
  'line one\nline two\r\n\ttabbed',
  '$(touch /tmp/kfp-ts-pwned) `id` ; rm -rf / | cat && echo',
  "{{$.inputs.parameters['text']}} {{$}}",
  '{"Concat": ["a", "b"]}',
  '🚀 ünïcödé 中文 \u0000nul',
  '-e --flag=value',
  ' ',
  'x'.repeat(100_000),
];

describe('hostile parameter strings', () => {
  const shellEcho = containerComponent({
    name: 'shell_echo',
    image: 'alpine',
    inputs: { text: param.string() },
    outputs: { Output: param.string() },
    command: ['sh', '-c', 'printf "%s" "$0" > "$1"'],
    args: (i, o) => [i.text, o.Output],
  });

  it.each(HOSTILE.map((text) => [text.slice(0, 40), text]))(
    'pass through in-process and on the host unchanged: %j',
    async (_, text) => {
      const p = pipeline({ name: 'hostile', inputs: { text: param.string() } }, (p) => ({
        inProcess: echo({ text: p.text }).output,
        onHost: shellEcho({ text: p.text }).output,
      }));
      const nul = text.includes('\u0000');
      const result = await runPipeline(p, { text }, { hostImages: ['alpine'] });
      expect(result.tasks.echo!.outputParameters.Output).toBe(text);
      // A NUL cannot be passed in a process argument: that task fails with a message, the other is fine.
      if (nul) {
        expect(result.tasks['shell-echo']!.state).toBe('FAILED');
      } else {
        expect(result.state).toBe('SUCCEEDED');
        expect(result.pipelineOutputs.parameters).toEqual({ inProcess: text, onHost: text });
      }
      expect(existsSync('/tmp/kfp-ts-pwned')).toBe(false);
    },
  );
});

describe('components that misbehave', () => {
  it('fails a component that throws, keeping its message and what it printed', async () => {
    const thrower = component({
      name: 'thrower',
      run: () => {
        console.log('step 1 ok');
        console.error('step 2 going wrong');
        throw new TypeError('cannot read the data');
      },
    });
    const p = pipeline({ name: 'throws' }, () => {
      echo({ text: 'x' }).after(thrower());
    });
    const result = await runPipeline(p);
    expect(result.state).toBe('FAILED');
    expect(result.tasks.thrower).toMatchObject({
      state: 'FAILED',
      error: expect.stringContaining('cannot read the data'),
      logTail: ['step 1 ok', 'step 2 going wrong'],
    });
    expect(result.tasks.echo!.state).toBe('NOT_TRIGGERED');
    expect(result.error).toMatch(/^Task 'thrower' failed: .*cannot read the data/);
  });

  it('fails a function component that does not return a declared output', async () => {
    const forgetful = component({
      name: 'forgetful',
      outputs: { count: param.int(), label: param.string() },
      run: (() => ({ count: 1 })) as never,
    });
    const result = await runPipeline(pipeline({ name: 'forgetful' }, () => forgetful().outputs.count));
    expect(result.tasks.forgetful!.state).toBe('FAILED');
    expect(result.tasks.forgetful!.error).toMatch(/label/);
  });

  it('fails a container that exits 0 without writing its declared output file', async () => {
    const lazy = containerComponent({
      name: 'lazy',
      image: 'alpine',
      outputs: { Output: param.string() },
      command: ['sh', '-c', 'echo "did nothing"; exit 0', outputParameterPath('Output')],
      args: () => [],
    });
    const result = await runPipeline(
      pipeline({ name: 'lazy' }, () => lazy().output),
      {},
      { hostImages: ['alpine'] },
    );
    expect(result.tasks.lazy).toMatchObject({
      state: 'FAILED',
      error: "the component finished without writing its declared output parameter 'Output'.",
      logTail: ['did nothing'],
    });
  });

  it('fails a container that exits non-zero, with its exit code and output', async () => {
    const crash = containerComponent({
      name: 'crash',
      image: 'alpine',
      command: ['sh', '-c', 'echo "fatal: disk full" >&2; exit 3'],
      args: () => [],
    });
    const result = await runPipeline(
      pipeline({ name: 'crash' }, () => {
        crash();
      }),
      {},
      { hostImages: ['alpine'] },
    );
    expect(result.tasks.crash).toMatchObject({
      state: 'FAILED',
      error: "'sh' exited with code 3.",
      logTail: ['fatal: disk full'],
    });
  });
});

describe('conditions that cannot be evaluated', () => {
  it('fail the condition task (never skip it silently) and the run', async () => {
    const p = pipeline({ name: 'bad-condition' }, () => {
      const e = echo({ text: 'heads' });
      If(eq(e.output, 'heads'), () => echo({ text: 'inside' }));
    });
    const spec = compile(p, IMAGE) as PipelineSpec & { root: { dag: { tasks: Record<string, any> } } };
    const conditionTask = Object.values(spec.root.dag.tasks).find((t) => t.triggerPolicy?.condition)!;
    // A comparison CEL cannot evaluate: a string converted to int.
    conditionTask.triggerPolicy.condition =
      "int(inputs.parameter_values['pipelinechannel--echo-Output']) > 5";
    const result = await runPipelineSpec(spec, { outputDir: tempDir('cel'), registry: createRegistry(p) });
    expect(result.state).toBe('FAILED');
    const [key, task] = Object.entries(result.tasks).find(([k]) => k.startsWith('condition-'))!;
    expect(task.state).toBe('FAILED');
    expect(task.error).toMatch(/condition .* could not be evaluated: .*int/);
    expect(result.failedTasks).toEqual([key]);
    expect(result.tasks[`${key}/echo-2`]).toBeUndefined();
  });
});

describe('interrupted runs resume from the cache', () => {
  const executions = (dir: string) =>
    readFileSync(path.join(dir, 'executions.log'), 'utf8').split('\n').filter(Boolean);

  it('aborted after N tasks: the rerun reuses every finished task and runs the rest', async () => {
    const dir = tempDir('abort');
    const controller = new AbortController();
    let succeeded = 0;
    const onEvent = (event: RunEvent) => {
      if (event.type === 'task-succeeded' && ++succeeded === 2) controller.abort();
    };
    const first = await runPipeline(chain, { dir }, { outputDir: dir, signal: controller.signal, onEvent });
    expect(first.state).toBe('CANCELLED');
    const states = Object.values(first.tasks).map((t) => t.state);
    expect(states.filter((s) => s === 'SUCCEEDED')).toHaveLength(2);
    expect(states.filter((s) => s === 'CANCELLED')).toHaveLength(STEPS - 2);
    expect(first.error).toMatch(/aborted/);

    const second = await runPipeline(chain, { dir }, { outputDir: dir });
    expect(second.state).toBe('SUCCEEDED');
    expect(Object.values(second.tasks).map((t) => t.state)).toEqual([
      'CACHED',
      'CACHED',
      ...Array(STEPS - 2).fill('SUCCEEDED'),
    ]);
    expect(executions(dir).sort()).toEqual(Array.from({ length: STEPS }, (_, i) => `step-${i}`).sort());
    expect(second.pipelineOutputs.parameters.Output).toBe((STEPS * (STEPS - 1)) / 2);
  });

  it('killed with SIGKILL midway (a separate process): the rerun recomputes no finished task', async () => {
    const dir = tempDir('kill');
    const script = fileURLToPath(new URL('./__fixtures__/chain-pipeline.ts', import.meta.url));
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const run = (killAfter?: number) =>
      new Promise<{ lines: any[]; signal: NodeJS.Signals | null }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--conditions=@kfp-ts/source', '--import', 'tsx', script, dir],
          {
            cwd: root,
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        const lines: any[] = [];
        let buffer = '';
        let done = 0;
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          buffer += chunk;
          const parts = buffer.split('\n');
          buffer = parts.pop()!;
          for (const part of parts) {
            const event = JSON.parse(part);
            lines.push(event);
            if (event.type === 'task-succeeded' && ++done === killAfter) child.kill('SIGKILL');
          }
        });
        child.on('error', reject);
        child.on('close', (_code, signal) => resolve({ lines, signal }));
      });
    const killed = await run(3);
    expect(killed.signal).toBe('SIGKILL');
    const finishedBeforeKill = executions(dir);
    expect(finishedBeforeKill.length).toBeGreaterThanOrEqual(3);
    expect(finishedBeforeKill.length).toBeLessThan(STEPS);

    const resumed = await run();
    const result = resumed.lines.at(-1);
    expect(result.state).toBe('SUCCEEDED');
    const states = Object.values(result.tasks as Record<string, { state: string }>).map((t) => t.state);
    expect(states.filter((s) => s === 'CACHED')).toHaveLength(finishedBeforeKill.length);
    // Every step completed exactly once across both processes.
    expect(executions(dir).sort()).toEqual(Array.from({ length: STEPS }, (_, i) => `step-${i}`).sort());
  }, 60_000);
});

describe('concurrent runs into one output folder', () => {
  it('do not corrupt each other: own run folders, whole cache entries, then full reuse', async () => {
    const outputDir = tempDir('concurrent');
    const fan = pipeline({ name: 'fan' }, () => {
      for (let i = 0; i < 8; i++) echo({ text: `value-${i}` });
    });
    const results = await Promise.all([1, 2, 3].map(() => runPipeline(fan, {}, { outputDir })));
    expect(results.map((r) => r.state)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(new Set(results.map((r) => r.outputDir)).size).toBe(3);
    for (const r of results)
      expect(JSON.parse(readFileSync(path.join(r.outputDir, 'run.json'), 'utf8')).state).toBe('SUCCEEDED');
    const cacheDir = path.join(outputDir, '.kfp-ts-cache');
    const entries = readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(entries.every((e) => e.name.endsWith('.json') && !e.name.includes('.tmp-'))).toBe(true);
    for (const e of entries)
      expect(() => JSON.parse(readFileSync(path.join(e.parentPath, e.name), 'utf8'))).not.toThrow();
    const again = await runPipeline(fan, {}, { outputDir });
    expect(Object.values(again.tasks).every((t) => t.state === 'CACHED')).toBe(true);
  });
});

describe('names that would leave the output folder', () => {
  const base = () =>
    compile(
      pipeline({ name: 'names' }, () => echo({ text: 'x' }).output),
      IMAGE,
    );

  it('refuses a task key with path separators or ..', async () => {
    const spec = base() as any;
    spec.root.dag.tasks['../../escaped'] = spec.root.dag.tasks.echo;
    delete spec.root.dag.tasks.echo;
    spec.root.dag.outputs.parameters.Output.valueFromParameter.producerSubtask = '../../escaped';
    const outputDir = tempDir('names');
    await expect(runPipelineSpec(spec, { outputDir, validate: false })).rejects.toThrow(LocalRunError);
    await expect(runPipelineSpec(spec, { outputDir, validate: false })).rejects.toThrow(
      /task name "..\/..\/escaped"/,
    );
    expect(readdirSync(outputDir)).toEqual([]);
  });

  it('refuses an output name that is a path', async () => {
    const spec = base() as any;
    const outputs = spec.components['comp-echo'].outputDefinitions.parameters;
    outputs['../../../etc/evil'] = outputs.Output;
    await expect(runPipelineSpec(spec, { outputDir: tempDir('names'), validate: false })).rejects.toThrow(
      /output name "..\/..\/..\/etc\/evil" cannot be used as a file name/,
    );
  });
});

describe('foreign Python components', () => {
  it('fail with a message naming the task and what to do', async () => {
    const spec = compile(
      pipeline({ name: 'py' }, () => echo({ text: 'x' }).output),
      IMAGE,
    ) as any;
    spec.deploymentSpec.executors['exec-echo'].container = {
      image: 'python:3.11',
      command: ['sh', '-ec', 'python3 -m kfp.dsl.executor_main --component_module_path x "$@"'],
      args: ['--executor_input', '{{$}}', '--function_to_execute', 'echo'],
    };
    const result = await runPipelineSpec(spec, { outputDir: tempDir('py') });
    expect(result.tasks.echo!.error).toMatch(
      /task 'echo' is a Python lightweight component .*runner 'docker', or mock it/,
    );
  });
});
