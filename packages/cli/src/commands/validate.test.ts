import { describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers/run-cli.js';

const fixture = (name: string) => `src/__fixtures__/${name}`;

describe('kfp-ts validate', () => {
  it('accepts a valid pipeline with a one-line summary', async () => {
    const run = await runCli(['validate', fixture('valid-pipeline.yaml')]);
    expect(run).toEqual({
      status: 0,
      stdout:
        "src/__fixtures__/valid-pipeline.yaml: OK: pipeline 'containerized-two-step-pipeline' " +
        '(schemaVersion 2.1.0, 2 components, 2 executors, 2 root tasks)\n',
      stderr: '',
    });
  });

  it('prints every issue at its line and column, exit 1', async () => {
    const run = await runCli(['validate', fixture('invalid-pipeline.yaml')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^src\/__fixtures__\/invalid-pipeline\.yaml:20:5 components\.comp-component2\.retries: .*retries/,
    );
    expect(lines[1]).toMatch(
      /^src\/__fixtures__\/invalid-pipeline\.yaml:66:11 root\.dag\.tasks\.component2\.componentRef\.name: .*comp-component3/,
    );
    expect(lines[2]).toBe('src/__fixtures__/invalid-pipeline.yaml: 2 problems');
  });

  it('reports YAML syntax errors with line and column, exit 1', async () => {
    const run = await runCli(['validate', fixture('broken-syntax.yaml')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^src\/__fixtures__\/broken-syntax\.yaml:\d+:\d+ YAML syntax error: \S/);
    expect(run.stdout).toMatch(/\nsrc\/__fixtures__\/broken-syntax\.yaml: \d+ YAML syntax errors?\n$/);
  });

  it('reports a missing file as a usage error, exit 2', async () => {
    const run = await runCli(['validate', 'nope.yaml']);
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'kfp-ts: error: nope.yaml: no such file.\n' });
  });

  it('reports a directory as a usage error', async () => {
    const run = await runCli(['validate', 'src']);
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'kfp-ts: error: src: not a file.\n' });
  });
});
