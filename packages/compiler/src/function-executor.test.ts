import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBED_LIMIT_BYTES, resolveAssetReference } from '@kfp-ts/bundler';
import type { FunctionComponentDefinition } from '@kfp-ts/dsl';
import { PipelineDefinitionError } from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { twins } from './__fixtures__/same-name.js';
import { shout, shouting } from './__fixtures__/shipped-components.js';
import { validate } from './__fixtures__/validated-component.js';
import { compile, compileWithAssets } from './compile.js';
import {
  bundledExecutor,
  createFunctionExecutorSession,
  prebuiltImageExecutor,
} from './function-executor.js';

const HOSTILE = `it's "$(rm -rf /)" \`id\` {{$}} {{$.inputs.parameters['text']}} ; exit 1\n日本 🚀`;

type Container = { image: string; command: string[]; args: string[] };
const containerOf = (spec: object, executor: string): Container =>
  (spec as { deploymentSpec: { executors: Record<string, { container: Container }> } }).deploymentSpec
    .executors[executor]!.container;

/** Runs an IR container command as a KFP launcher does: `{{$}}` substituted, no shell. */
function runContainer(container: Container, executorInput: object) {
  const argv = [...container.command, ...container.args].map((arg) =>
    arg === '{{$}}' ? JSON.stringify(executorInput) : arg,
  );
  expect(argv[0]).toBe('node');
  return spawnSync(process.execPath, argv.slice(1), { encoding: 'utf8', timeout: 20000 });
}

function shoutInput(root: string, text: string) {
  const artifact = (name: string, schemaTitle: string) => ({
    artifacts: [
      { name, type: { schemaTitle, schemaVersion: '0.0.1' }, uri: path.join(root, name), metadata: {} },
    ],
  });
  return {
    inputs: { parameterValues: { text } },
    outputs: {
      parameters: { loud: { outputFile: path.join(root, 'outputs', 'loud') } },
      artifacts: {
        report: artifact('report', 'system.Dataset'),
        metrics: artifact('metrics', 'system.Metrics'),
      },
      outputFile: path.join(root, 'executor_output.json'),
    },
  };
}

const temp = () => mkdtempSync(path.join(tmpdir(), 'kfp-ts-compiled-'));

describe('compiled function components run from their IR command', () => {
  const { spec, assets } = compileWithAssets(shouting);

  it('embeds a small bundle and keeps the KFP lightweight-component args', () => {
    const container = containerOf(spec, 'exec-shout');
    expect(container.image).toBe('node:20-slim');
    expect(container.command.slice(0, 2)).toEqual(['node', '-e']);
    expect(container.command[3]!.length).toBeLessThanOrEqual(EMBED_LIMIT_BYTES);
    expect(container.args).toEqual(['--executor_input', '{{$}}', '--function_to_execute', 'shout']);
    // Components of one module share its bundle.
    expect(containerOf(spec, 'exec-crash').command).toEqual(container.command);
    expect(assets).toEqual([]);
  });

  it('passes hostile parameter values through unchanged and writes every output', () => {
    const root = temp();
    const run = runContainer(containerOf(spec, 'exec-shout'), shoutInput(root, HOSTILE));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const loud = `${HOSTILE.toUpperCase()}!`.repeat(2);
    expect(readFileSync(path.join(root, 'outputs', 'loud'), 'utf8')).toBe(loud);
    expect(readFileSync(path.join(root, 'report'), 'utf8')).toBe(HOSTILE);
    const output = JSON.parse(readFileSync(path.join(root, 'executor_output.json'), 'utf8'));
    expect(output.parameterValues).toEqual({ loud });
    expect(output.artifacts.metrics.artifacts[0].metadata).toEqual({ length: HOSTILE.length });
  });

  it('fails a throwing component with exit code 1 and one clear stderr line', () => {
    const root = temp();
    const input = {
      inputs: { parameterValues: { text: 'x' } },
      outputs: { outputFile: path.join(root, 'out.json') },
    };
    const run = runContainer(containerOf(spec, 'exec-crash'), input);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("kfp-ts executor: component 'crash' failed: cannot shout\n");
    expect(existsSync(path.join(root, 'out.json'))).toBe(false);
  });

  it('gives the same spec for the same sources', () => {
    expect(JSON.stringify(compile(shouting))).toBe(JSON.stringify(spec));
  });
});

describe('staged bundles', () => {
  it('stages a bundle too large to embed and returns it as an asset the command names by hash', () => {
    const { spec, assets } = compileWithAssets(validate);
    expect(assets).toHaveLength(1);
    const asset = assets[0]!;
    expect(asset.sha256).toBe(createHash('sha256').update(asset.code).digest('hex'));
    expect(asset.fileName).toBe(`${asset.sha256}.cjs`);
    const container = containerOf(spec, 'exec-validate');
    expect(container.command[3]).toBe(`kfp-ts-asset:sha256/${asset.fileName}`);

    // What the local runner (and, with a gs:// base, submit) does: write the asset, resolve the reference.
    const assetsDir = temp();
    writeFileSync(path.join(assetsDir, asset.fileName), asset.code);
    const root = temp();
    const local = {
      ...container,
      command: container.command.map((arg) => resolveAssetReference(arg, assetsDir)),
    };
    const input = {
      inputs: { parameterValues: { config: { depth: 3 } } },
      outputs: {
        parameters: { depth: { outputFile: path.join(root, 'depth') } },
        outputFile: path.join(root, 'out.json'),
      },
    };
    const run = runContainer(local, input);
    expect(run.stderr).toBe('');
    expect(readFileSync(path.join(root, 'depth'), 'utf8')).toBe('3');
    const bad = runContainer(local, { inputs: { parameterValues: { config: { depth: 2.5 } } } });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(
      /^kfp-ts executor: input 'config' of component 'validate': the value does not match its schema at depth: /,
    );
  });

  it('can be forced; embedding is refused above the argv limit', () => {
    expect(compileWithAssets(shouting, { shipping: { mode: 'staged' } }).assets).toHaveLength(1);
    expect(compileWithAssets(shouting, { shipping: { mode: 'embed' } }).assets).toHaveLength(0);
    expect(() => compile(validate, { shipping: { mode: 'embed' } })).toThrow(
      /^validate: its bundle is \d+ bytes of base64, too large to embed in a command \(Linux refuses arguments of 128 KiB\)\./,
    );
    expect(() => bundledExecutor({ embedLimitBytes: 200 * 1024 })).toThrow(RangeError);
  });
});

describe('other shipping choices', () => {
  it('runs a prebuilt image when asked', () => {
    const spec = compile(shouting, { shipping: { mode: 'image' } });
    expect(containerOf(spec, 'exec-shout').command).toEqual(['node', '/kfp-ts/components.cjs']);
    expect(prebuiltImageExecutor(shout.definition as never, 'img').command).toEqual([
      'node',
      '/kfp-ts/components.cjs',
    ]);
  });

  it('falls back to the prebuilt-image command, with a note, when the module is unknown', () => {
    const session = createFunctionExecutorSession();
    const { source: _source, ...withoutSource } = shout.definition as unknown as FunctionComponentDefinition;
    const command = bundledExecutor()(withoutSource, 'node:20-slim', session);
    expect(command.command).toEqual(['node', '/kfp-ts/components.cjs']);
    expect(session.notes).toEqual([
      "component 'shout': the module that defines it is unknown, so it runs 'node /kfp-ts/components.cjs' and its image (node:20-slim) must contain the bundle. Define components in a module file to have them bundled.",
    ]);
  });

  it('refuses two different components with one name in one module', () => {
    expect(() => compile(twins)).toThrow(PipelineDefinitionError);
    expect(() => compile(twins)).toThrow(
      `twin: two different components named 'twin' are defined in ${fileURLToPath(new URL('./__fixtures__/same-name.ts', import.meta.url))}.`,
    );
  });
});
