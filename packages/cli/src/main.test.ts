import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './test-helpers/run-cli.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('kfp-ts (program)', () => {
  it('prints its version', async () => {
    const run = await runCli(['--version']);
    expect(run).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints help with the commands and exit statuses', async () => {
    const run = await runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('compile [options] <file>');
    expect(run.stdout).toContain('validate <file>');
    expect(run.stdout).toContain('Exit status:');
  });

  it('prints the help of a command', async () => {
    const run = await runCli(['compile', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--param <name=value>');
  });

  it('shows the help on stderr and exits 2 without a command', async () => {
    const run = await runCli([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: kfp-ts');
  });

  it('rejects an unknown option with one error line, exit 2', async () => {
    const run = await runCli(['compile', 'x.ts', '--bogus']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("kfp-ts: error: unknown option '--bogus' (see kfp-ts --help)\n");
  });

  it('suggests the closest option', async () => {
    const run = await runCli(['compile', 'x.ts', '--pipline', 'a']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kfp-ts: error: unknown option '--pipline' \(Did you mean --pipeline\?\)/);
  });

  it('rejects an unknown command', async () => {
    const run = await runCli(['complie', 'x.ts']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kfp-ts: error: unknown command 'complie'.*Did you mean compile\?/);
  });

  it('requires the file argument', async () => {
    const run = await runCli(['validate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("kfp-ts: error: missing required argument 'file' (see kfp-ts --help)\n");
  });

  it('prints no stack trace for a user mistake, and one with --verbose', async () => {
    const quiet = await runCli(['validate', 'missing.yaml']);
    expect(quiet).toEqual({ status: 2, stdout: '', stderr: 'kfp-ts: error: missing.yaml: no such file.\n' });
    const verbose = await runCli(['--verbose', 'validate', 'missing.yaml']);
    expect(verbose.status).toBe(2);
    expect(verbose.stderr).toMatch(/^kfp-ts: error: missing\.yaml: no such file\.\nUsageError: .*\n\s+at /);
    expect(verbose.stderr).toContain('Caused by: Error: ENOENT');
  });

  it('accepts --verbose after the command too', async () => {
    const run = await runCli(['validate', 'missing.yaml', '--verbose']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('UsageError: ');
  });
});
