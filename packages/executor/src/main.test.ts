import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { component, param, pipeline } from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { findFunctionComponent } from './find-component.js';
import { executorMain, parseExecutorArgs } from './main.js';
import { executorInputFor, tempDir } from './test-helpers/executor-input.js';

const add = component({
  name: 'add',
  inputs: { a: param.int(), b: param.int() },
  outputs: { sum: param.int() },
  run: ({ a, b }) => ({ sum: a + b }),
});
const fail = component({
  name: 'fail',
  run: () => {
    throw new Error('bad\nthings');
  },
});
// Used only inside a nested pipeline: found by walking the exported pipeline.
const hidden = component({ name: 'hidden', outputs: { x: param.string() }, run: () => ({ x: 'found' }) });
const inner = pipeline({ name: 'inner' }, () => {
  hidden();
});
const outer = pipeline({ name: 'outer' }, () => {
  inner();
  add({ a: 1, b: 2 });
});

/** Runs executorMain without touching the process: the exit code and stderr text come back. */
async function main(argv: string[], components: Parameters<typeof executorMain>[1] = { add, fail, outer }) {
  let stderr = '';
  const exits: number[] = [];
  const code = await executorMain(argv, components, {
    exit: (c) => void exits.push(c),
    writeError: (text) => {
      stderr += text;
    },
    guardProcess: false,
  });
  expect(exits).toEqual([code]);
  return { code, stderr };
}

describe('parseExecutorArgs', () => {
  it('reads both flag spellings and ignores unknown arguments, as KFP does', () => {
    expect(
      parseExecutorArgs([
        '--component_module_path',
        'x.py',
        '--executor_input={"a":1}',
        '-v',
        '--function_to_execute',
        'add',
      ]),
    ).toEqual({ ok: true, args: { executorInput: '{"a":1}', functionName: 'add' } });
    expect(parseExecutorArgs(['--function_to_execute', 'add'])).toEqual({
      ok: false,
      problem: 'missing --executor_input <json>',
    });
    expect(parseExecutorArgs(['--executor_input'])).toEqual({
      ok: false,
      problem: '--executor_input needs a value',
    });
  });
});

describe('executorMain', () => {
  it('runs the named component and exits 0', async () => {
    const root = tempDir();
    const input = executorInputFor(root, { parameterValues: { a: 2, b: 3 }, outputParameters: ['sum'] });
    const run = await main(['--executor_input', JSON.stringify(input), '--function_to_execute', 'add']);
    expect(run).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(path.join(root, 'outputs', 'sum'), 'utf8')).toBe('5');
  });

  it('finds a component used only by an exported (nested) pipeline', async () => {
    const root = tempDir();
    const input = executorInputFor(root, { outputParameters: ['x'] });
    const run = await main(['--executor_input', JSON.stringify(input), '--function_to_execute', 'hidden'], {
      outer,
    });
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(root, 'outputs', 'x'), 'utf8')).toBe('found');
  });

  it('prints one line and exits 1 when the component throws (multi-line messages joined)', async () => {
    const root = tempDir();
    const input = JSON.stringify(executorInputFor(root, {}));
    const run = await main(['--executor_input', input, '--function_to_execute', 'fail']);
    expect(run).toEqual({ code: 1, stderr: "kfp-ts executor: component 'fail' failed: bad | things\n" });
    expect(existsSync(path.join(root, 'executor_output.json'))).toBe(false);
  });

  it('adds the stack under KFP_TS_VERBOSE=1', async () => {
    process.env.KFP_TS_VERBOSE = '1';
    try {
      const run = await main(['--executor_input', '{}', '--function_to_execute', 'fail']);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines[0]).toBe("kfp-ts executor: component 'fail' failed: bad | things");
      expect(lines[1]).toBe('Error: bad');
      expect(run.stderr).toContain('main.test.ts');
    } finally {
      delete process.env.KFP_TS_VERBOSE;
    }
  });

  it('names the components it has when the name is unknown', async () => {
    const run = await main(['--executor_input', '{}', '--function_to_execute', 'nope']);
    expect(run).toEqual({
      code: 1,
      stderr:
        "kfp-ts executor: no function component named 'nope' in this bundle (found: add, fail, hidden); export it from the module that defines it\n",
    });
  });

  it('reports a module that fails to load in one line', async () => {
    const run = await main(['--executor_input', '{}', '--function_to_execute', 'add'], () => {
      throw new Error('REGION is not set');
    });
    expect(run).toEqual({
      code: 1,
      stderr: 'kfp-ts executor: the module that defines the components failed to load: REGION is not set\n',
    });
  });

  it('explains the usage when the arguments are missing', async () => {
    const run = await main([]);
    expect(run.stderr).toBe(
      'kfp-ts executor: missing --executor_input <json> (usage: --executor_input <json> --function_to_execute <component name>)\n',
    );
  });
});

describe('findFunctionComponent', () => {
  it('accepts arrays and maps of components or definitions', () => {
    expect(findFunctionComponent([add], 'add')).toMatchObject({ ok: true, definition: add.definition });
    expect(findFunctionComponent(new Map([['x', add.definition]]), 'add')).toMatchObject({ ok: true });
    // A CommonJS module's exports under `default`.
    expect(findFunctionComponent({ default: { add } }, 'add')).toMatchObject({ ok: true });
  });

  it('refuses two different components with one name', () => {
    const twin = component({ name: 'add', run: () => {} });
    expect(findFunctionComponent([add, twin], 'add')).toEqual({
      ok: false,
      problem: "2 different function components are named 'add'; give each a unique name",
    });
  });
});
