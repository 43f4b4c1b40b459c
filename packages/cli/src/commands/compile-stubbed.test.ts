import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PipelineDefinitionError } from '@kfp-ts/dsl';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fixturePath, runCli } from '../test-helpers/run-cli.js';

// Stands in for the compiler, so these branches do not depend on what the real one accepts.
// `compileToYaml` gives the YAML text; `assets` the staged bundles the stub compile reports.
const compileToYaml = vi.fn<() => string>();
const assets: { fileName: string; code: string }[] = [];
vi.mock('@kfp-ts/compiler', () => ({
  compileWithAssets: (...args: unknown[]) => ({
    spec: { yaml: (compileToYaml as (...a: unknown[]) => string)(...args) },
    assets: [...assets],
    notes: [],
  }),
  toKfpYaml: (spec: { yaml: string }) => spec.yaml,
}));

const compileFixture = (...extra: string[]) => runCli(['compile', 'src/__fixtures__/two-step.ts', ...extra]);

describe('kfp-ts compile, with a stub compiler', () => {
  beforeEach(() => {
    compileToYaml.mockReset();
    assets.length = 0;
  });

  it('writes staged bundles next to the YAML, and refuses stdout when there are some', async () => {
    compileToYaml.mockReturnValue('pipelineInfo:\n  name: two-step\n');
    assets.push({ fileName: 'abc.cjs', code: 'module.exports = 1;' });
    expect((await compileFixture()).stderr).toMatch(
      /stages 1 component bundle\(s\) too large to embed; use -o/,
    );
    const dir = await mkdtemp(path.join(tmpdir(), 'kfp-ts-cli-'));
    try {
      const out = path.join(dir, 'p.yaml');
      const run = await runCli(['compile', 'src/__fixtures__/two-step.ts', '-o', out]);
      expect(run.status).toBe(0);
      expect(await readFile(path.join(`${out}.assets`, 'abc.cjs'), 'utf8')).toBe('module.exports = 1;');
      expect(await readFile(out, 'utf8')).toBe('pipelineInfo:\n  name: two-step\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports an unexpected error as an internal error with the --verbose hint, exit 2', async () => {
    compileToYaml.mockImplementation(() => {
      throw new Error('boom');
    });
    const run = await compileFixture();
    expect(run).toEqual({
      status: 2,
      stdout: '',
      stderr:
        "kfp-ts: internal error: compiling pipeline 'two-step' failed: boom " +
        '(this is a bug in kfp-ts or its dependencies; re-run with --verbose for the stack trace)\n',
    });
  });

  it('prints the stack trace, cause included, with --verbose', async () => {
    compileToYaml.mockImplementation(() => {
      throw new Error('boom');
    });
    const run = await compileFixture('--verbose');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^kfp-ts: internal error: compiling pipeline 'two-step' failed: boom\nInternalError: /,
    );
    expect(run.stderr).toMatch(/\nCaused by: Error: boom\n\s+at /);
  });

  it('reports a PipelineDefinitionError the compiler finds as a user mistake', async () => {
    compileToYaml.mockImplementation(() => {
      throw new PipelineDefinitionError('input seed: 2.5 is not an integer.', {
        where: 'two-step/for-loop-1/train',
      });
    });
    const run = await compileFixture();
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'kfp-ts: error: src/__fixtures__/two-step.ts: two-step/for-loop-1/train: input seed: 2.5 is not an integer.\n',
    );
  });

  it('passes --param values to the compiler as pipelineParameters', async () => {
    compileToYaml.mockReturnValue('pipelineInfo:\n  name: two-step\n');
    const run = await compileFixture('--param', 'seed=3', '--param', 'folds=[1]');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('pipelineInfo:\n  name: two-step\n');
    expect(compileToYaml).toHaveBeenCalledWith(expect.anything(), {
      pipelineParameters: { seed: 3, folds: [1] },
    });
  });

  it('replaces the -o file atomically and says where it wrote', async () => {
    compileToYaml.mockReturnValue('pipelineInfo:\n  name: two-step\n');
    const dir = await mkdtemp(path.join(tmpdir(), 'kfp-ts-cli-'));
    try {
      const out = path.join(dir, 'two-step.yaml');
      await writeFile(out, 'old content');
      const run = await runCli(['compile', 'src/__fixtures__/two-step.ts', '-o', out]);
      expect(run).toEqual({
        status: 0,
        stdout: '',
        stderr: `kfp-ts: compiled pipeline 'two-step' from src/__fixtures__/two-step.ts (export 'twoStep') to ${out}\n`,
      });
      expect(await readFile(out, 'utf8')).toBe('pipelineInfo:\n  name: two-step\n');
      expect(await readdir(dir)).toEqual(['two-step.yaml']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints a relative -o path as given', async () => {
    compileToYaml.mockReturnValue('x: 1\n');
    const dir = await mkdtemp(path.join(tmpdir(), 'kfp-ts-cli-'));
    try {
      await writeFile(path.join(dir, 'p.ts'), `export { twoStep } from '${fixturePath('two-step.ts')}';\n`);
      const run = await runCli(['compile', 'p.ts', '-o', 'out.yaml'], dir);
      expect(run.stderr).toBe(
        "kfp-ts: compiled pipeline 'two-step' from p.ts (export 'twoStep') to out.yaml\n",
      );
      expect(await readFile(path.join(dir, 'out.yaml'), 'utf8')).toBe('x: 1\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
