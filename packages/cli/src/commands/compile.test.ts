import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixturePath, runCli } from '../test-helpers/run-cli.js';

const fixture = (name: string) => `src/__fixtures__/${name}`;

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'kfp-ts-cli-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('kfp-ts compile: finding the pipeline', () => {
  it('reports a missing file', async () => {
    const run = await runCli(['compile', 'nope/pipeline.ts']);
    expect(run).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kfp-ts: error: nope/pipeline.ts: no such file.\n',
    });
  });

  it('rejects a file that is not a module', async () => {
    const run = await runCli(['compile', fixture('valid-pipeline.yaml')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^kfp-ts: error: src\/__fixtures__\/valid-pipeline\.yaml: expected a TypeScript or JavaScript module/,
    );
  });

  it('lists the pipelines when a module exports several', async () => {
    const run = await runCli(['compile', fixture('two-pipelines.ts')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "kfp-ts: error: src/__fixtures__/two-pipelines.ts exports 2 pipelines: scoringPipeline ('scoring'), training; " +
        'choose one with --pipeline <name>.\n',
    );
  });

  it('lists what the module exports when there is no pipeline', async () => {
    const run = await runCli(['compile', fixture('no-pipeline.ts')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "kfp-ts: error: src/__fixtures__/no-pipeline.ts: no exported pipeline; it exports answer (a number), prepare (component 'prepare'). " +
        'Export the result of pipeline(...).\n',
    );
  });

  it('names the choices when --pipeline matches nothing', async () => {
    const run = await runCli(['compile', fixture('two-pipelines.ts'), '--pipeline', 'nothing']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "kfp-ts: error: src/__fixtures__/two-pipelines.ts: no export or pipeline named 'nothing'; " +
        "its pipelines: scoringPipeline ('scoring'), training.\n",
    );
  });

  it('refuses an export that is not a pipeline', async () => {
    const run = await runCli(['compile', fixture('two-step.ts'), '--pipeline', 'prepare']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "kfp-ts: error: src/__fixtures__/two-step.ts: export 'prepare' is component 'prepare', not a pipeline; its pipelines: twoStep ('two-step').\n",
    );
  });

  it('reports a syntax error with file, line and column', async () => {
    const file = path.join(scratch, 'syntax-error.ts');
    await copyFile(fixturePath('syntax-error.ts.txt'), file);
    const run = await runCli(['compile', file]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^kfp-ts: error: \S*syntax-error\.ts:5:\d+: syntax error: \S.*\n$/);
  });

  it('reports an exception thrown while the module loads', async () => {
    const run = await runCli(['compile', fixture('throws-at-load.ts')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'kfp-ts: error: src/__fixtures__/throws-at-load.ts: loading the module threw Error: cannot read config.json ' +
        '(re-run with --verbose for the stack trace)\n',
    );
  });
});

describe('kfp-ts compile: pipeline definition errors', () => {
  it('reports a PipelineDefinitionError as one line naming the file and task path', async () => {
    const run = await runCli(['compile', fixture('bad-cpu.ts')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'kfp-ts: error: src/__fixtures__/bad-cpu.ts: bad-cpu/train: cpuLimit "lots" is not a CPU amount. ' +
        "Use cores or millicores, e.g. '2', '0.5' or '500m'.\n",
    );
  });

  it('adds the stack trace with --verbose', async () => {
    const run = await runCli(['compile', fixture('bad-cpu.ts'), '--verbose']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Caused by: PipelineDefinitionError: bad-cpu/train: cpuLimit');
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it("reports an exception of the body's own code", async () => {
    const run = await runCli(['compile', fixture('body-throws.ts')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "kfp-ts: error: src/__fixtures__/body-throws.ts: the body of pipeline 'broken' threw RangeError: no folds configured " +
        '(re-run with --verbose for the stack trace)\n',
    );
  });
});

describe('kfp-ts compile: --param', () => {
  const compileWith = (...params: string[]) =>
    runCli(['compile', fixture('two-step.ts'), ...params.flatMap((p) => ['--param', p])]);

  it.each([
    [
      'nope=1',
      "--param nope=1: pipeline 'two-step' has no input 'nope'; its inputs are: data_uri, seed, c, shuffle, folds, options, raw.",
    ],
    ['seed=1.5', '--param seed=1.5: expected an integer.'],
    ['seed=', '--param seed=: expected an integer.'],
    ['c=high', '--param c=high: expected a number.'],
    ['shuffle=yes', '--param shuffle=yes: expected true or false.'],
    ['folds=1,2', /^--param folds=1,2: not valid JSON \(.+\)\.$/],
    ['folds={"a":1}', '--param folds={"a":1}: expected a JSON list, e.g. [1, 2].'],
    ['folds=[1,"x"]', '--param folds=[1,"x"]: item 1: Invalid input: expected number, received string.'],
    ['options=[1]', '--param options=[1]: expected a JSON object, e.g. {"a": 1}.'],
    [
      'raw=gs://x',
      "--param raw=gs://x: 'raw' is an artifact input; only parameters can be set at compile time.",
    ],
    ['seed', '--param "seed": expected name=value.'],
  ])('rejects --param %s', async (param, message) => {
    const run = await compileWith(param);
    expect(run.status).toBe(2);
    // JSON.parse words its errors differently across Node versions.
    if (message instanceof RegExp) expect(run.stderr.replace(/^kfp-ts: error: |\n$/g, '')).toMatch(message);
    else expect(run.stderr).toBe(`kfp-ts: error: ${message}\n`);
  });

  it('rejects the same input given twice', async () => {
    const run = await compileWith('seed=1', 'seed=2');
    expect(run.stderr).toBe("kfp-ts: error: --param seed=2: 'seed' is given twice.\n");
  });
});

describe('kfp-ts compile: output (needs the compiler)', () => {
  it('writes the YAML to stdout and says so on stderr', async () => {
    // Its components bundle small enough to be embedded, so the YAML is complete on its own.
    const run = await runCli(['compile', fixture('two-pipelines.ts'), '--pipeline', 'scoring']);
    expect(run.stderr).toBe(
      "kfp-ts: compiled pipeline 'scoring' from src/__fixtures__/two-pipelines.ts (export 'scoringPipeline') to stdout\n",
    );
    expect(run.status).toBe(0);
    expect(parse(run.stdout).pipelineInfo.name).toBe('scoring');
  });

  it('refuses stdout when components are staged (their bundles need a folder next to the YAML)', async () => {
    // two-step's module imports zod: its bundle is too large to embed in the command.
    const run = await runCli(['compile', fixture('two-step.ts')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/stages 1 component bundle\(s\) too large to embed; use -o <file.yaml>/);
  });

  it('writes the YAML to -o, leaving no temporary file behind', async () => {
    const out = path.join(scratch, 'out.yaml');
    await writeFile(out, 'old content');
    const run = await runCli(['compile', fixture('two-step.ts'), '-o', out]);
    expect(run.stderr).toMatch(/kfp-ts: compiled pipeline 'two-step' from .* to .*out\.yaml\n$/);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    const yaml = await readFile(out, 'utf8');
    expect(parse(yaml).pipelineInfo.name).toBe('two-step');
    expect((await readdir(scratch)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // The staged bundle the YAML names is written next to it.
    const asset = /kfp-ts-asset:sha256\/([0-9a-f]{64}\.cjs)/.exec(yaml)?.[1];
    expect(asset).toBeDefined();
    expect((await readdir(`${out}.assets`)).includes(asset!)).toBe(true);
  });

  it('chooses a pipeline with --pipeline (by export name or pipeline name)', async () => {
    for (const name of ['scoringPipeline', 'scoring']) {
      const run = await runCli(['compile', fixture('two-pipelines.ts'), '--pipeline', name]);
      expect(run.status).toBe(0);
      expect(parse(run.stdout).pipelineInfo.name).toBe('scoring');
    }
  });

  it('applies --param values as new input defaults, typed by the input', async () => {
    const out = path.join(scratch, 'params.yaml');
    const run = await runCli([
      'compile',
      fixture('two-step.ts'),
      '-o',
      out,
      ...[
        'seed=7',
        'c=0.25',
        'shuffle=false',
        'folds=[5, 10]',
        'options={"depth": 9}',
        'data_uri=gs://b/x.csv',
      ].flatMap((p) => ['--param', p]),
    ]);
    expect(run.status).toBe(0);
    const parameters = parse(await readFile(out, 'utf8')).root.inputDefinitions.parameters;
    expect(parameters.seed.defaultValue).toBe(7);
    expect(parameters.c.defaultValue).toBe(0.25);
    expect(parameters.shuffle.defaultValue).toBe(false);
    expect(parameters.folds.defaultValue).toEqual([5, 10]);
    expect(parameters.options.defaultValue).toEqual({ depth: 9 });
    expect(parameters.data_uri.defaultValue).toBe('gs://b/x.csv');
  });
});

describe('kfp-ts compile: where the output goes', () => {
  it('refuses an output directory that does not exist, before compiling', async () => {
    const run = await runCli(['compile', fixture('two-step.ts'), '-o', 'no/such/dir/out.yaml']);
    expect(run).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kfp-ts: error: cannot write no/such/dir/out.yaml: directory no/such/dir does not exist.\n',
    });
  });

  it('refuses an output path that is a directory', async () => {
    const run = await runCli(['compile', fixture('two-step.ts'), '-o', scratch]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/: it is a directory; give a file name such as pipeline\.yaml\.\n$/);
  });
});
