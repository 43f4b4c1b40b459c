import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/kfp-ts.js', import.meta.url));
const dist = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const built = existsSync(dist);
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('the kfp-ts bin', () => {
  // The bin runs the compiled CLI; unit tests run the sources, so they need no build.
  const title = built
    ? 'runs the built CLI: node bin/kfp-ts.js --version'
    : `runs the built CLI: SKIPPED, ${dist} does not exist (run the workspace build first)`;
  it.skipIf(!built)(title, () => {
    const run = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${version}\n`);
    expect(run.status).toBe(0);
  });
});
