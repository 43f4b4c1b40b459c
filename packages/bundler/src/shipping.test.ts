import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleComponentModule } from './bundle.js';
import {
  assetFileName,
  assetReference,
  EMBED_BOOTSTRAP,
  embedCommand,
  executorArgs,
  resolveAssetReference,
  STAGED_BOOTSTRAP,
  stagedCommand,
} from './shipping.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}.ts`, import.meta.url));
const bundle = bundleComponentModule(fixture('components'));

function executorInput(root: string, text: string) {
  return {
    inputs: { parameterValues: { text } },
    outputs: {
      parameters: { same: { outputFile: path.join(root, 'outputs', 'same') } },
      artifacts: {
        copy: {
          artifacts: [
            { name: 'copy', type: { schemaTitle: 'system.Dataset' }, uri: path.join(root, 'copy') },
          ],
        },
      },
      outputFile: path.join(root, 'executor_output.json'),
    },
  };
}

/** Runs the container command as KFP does: `{{$}}` replaced by the executor input, no shell. */
function runCommand(command: string[], componentName: string, input: object, env: NodeJS.ProcessEnv = {}) {
  const args = executorArgs(componentName).map((arg) => (arg === '{{$}}' ? JSON.stringify(input) : arg));
  const [program, ...rest] = [...command, ...args];
  expect(program).toBe('node');
  return spawnSync(process.execPath, rest, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 20000,
  });
}

const temp = () => mkdtempSync(path.join(tmpdir(), 'kfp-ts-ship-'));
const TEXT = `it's "$(rm -rf /)" \`id\` {{$}} \n 日本 🚀`;

describe('embed mode', () => {
  it('runs the bundle from the command line, parameters unchanged', () => {
    const root = temp();
    const run = runCommand(embedCommand(bundle), 'echo', executorInput(root, TEXT));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(root, 'outputs', 'same'), 'utf8')).toBe(TEXT);
    expect(readFileSync(path.join(root, 'copy'), 'utf8')).toBe(TEXT);
    expect(JSON.parse(readFileSync(path.join(root, 'executor_output.json'), 'utf8'))).toEqual({
      parameterValues: { same: TEXT },
      artifacts: {
        copy: {
          artifacts: [{ name: 'copy', uri: path.join(root, 'copy'), metadata: { length: TEXT.length } }],
        },
      },
    });
  });

  it('fails a throwing component with exit code 1 and one stderr line', () => {
    const root = temp();
    const run = runCommand(embedCommand(bundle), 'explode', executorInput(root, 'x'));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("kfp-ts executor: component 'explode' failed: the model did not converge\n");
    expect(existsSync(path.join(root, 'executor_output.json'))).toBe(false);
  });

  it('fails a component that calls process.exit(0) before returning', () => {
    const root = temp();
    const run = runCommand(embedCommand(bundle), 'quit-early', executorInput(root, 'x'));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "kfp-ts executor: component 'quit-early' failed: it called process.exit(0); a component must return or throw instead\n",
    );
    expect(existsSync(path.join(root, 'executor_output.json'))).toBe(false);
  });

  it('reports a module that throws while loading in one line', () => {
    const broken = bundleComponentModule(fixture('throws-at-load'));
    const run = runCommand(embedCommand(broken), 'never', executorInput(temp(), 'x'));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'kfp-ts executor: the module that defines the components failed to load: REGION is not set\n',
    );
  });

  it('keeps every command element free of placeholders and shells', () => {
    const command = embedCommand(bundle);
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    for (const element of command) expect(element).not.toContain('{{');
    expect(bundle.gzipBase64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // Linux refuses a single argument of 128 KiB or more.
    expect(Buffer.byteLength(command[3]!)).toBeLessThan(128 * 1024);
  });
});

describe('staged mode', () => {
  const stage = () => {
    const dir = temp();
    const file = path.join(dir, assetFileName(bundle.sha256));
    writeFileSync(file, bundle.code);
    return { dir, file };
  };
  const localCommand = (dir: string) => stagedCommand(bundle).map((arg) => resolveAssetReference(arg, dir));

  it('names the bundle by content hash until the reference is resolved', () => {
    expect(stagedCommand(bundle)).toEqual([
      'node',
      '-e',
      STAGED_BOOTSTRAP,
      `kfp-ts-asset:sha256/${bundle.sha256}.cjs`,
    ]);
    expect(resolveAssetReference(assetReference(bundle.sha256), 'gs://b/root/kfp-ts/assets/')).toBe(
      `gs://b/root/kfp-ts/assets/${bundle.sha256}.cjs`,
    );
    expect(resolveAssetReference('--executor_input', '/x')).toBe('--executor_input');
    for (const bootstrap of [EMBED_BOOTSTRAP, STAGED_BOOTSTRAP]) expect(bootstrap).not.toContain('{{');
  });

  it('runs a staged bundle from a local file', () => {
    const { dir } = stage();
    const root = temp();
    const run = runCommand(localCommand(dir), 'echo', executorInput(root, TEXT));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(root, 'outputs', 'same'), 'utf8')).toBe(TEXT);
  });

  it('refuses a bundle that does not match its hash', () => {
    const { dir, file } = stage();
    writeFileSync(file, `${bundle.code}\n// tampered`);
    const run = runCommand(localCommand(dir), 'echo', executorInput(temp(), 'x'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^kfp-ts executor: bundle .* does not match its sha256 name \(got [0-9a-f]{64}\)\n$/,
    );
  });

  it('explains an unresolved asset reference and a missing file', () => {
    const unresolved = runCommand(stagedCommand(bundle), 'echo', executorInput(temp(), 'x'));
    expect(unresolved.status).toBe(1);
    expect(unresolved.stderr).toBe(
      `kfp-ts executor: bundle kfp-ts-asset:sha256/${bundle.sha256}.cjs was not staged: submit the pipeline with kfp-ts, which uploads its assets and rewrites this reference\n`,
    );
    const missing = runCommand(localCommand(temp()), 'echo', executorInput(temp(), 'x'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^kfp-ts executor: cannot read the component bundle .*: ENOENT/);
  });
});
