// Tasks that run a real command: container components on this machine (hostImages), TypeScript
// components through their bundled command (runner 'subprocess'), and container engines (a fake
// `docker` that records its arguments; a real engine when one answers).
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { compileWithAssets } from '@kfp-ts/compiler';
import { concat, containerComponent, ifPresent, param, pipeline } from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { shouting } from './__fixtures__/host-components.js';
import { createRegistry, detectEngine, runPipeline, runPipelineSpec } from './index.js';

// Docker/Podman tests need an engine that answers; without one they are skipped (named so).
const engine = await detectEngine();
const tempDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), `kfp-ts-${prefix}-`));

const greet = containerComponent({
  name: 'greet',
  image: 'alpine:3',
  inputs: { name: param.string(), title: param.string({ optional: true }) },
  outputs: { Output: param.string() },
  command: ['sh', '-c'],
  args: (i, o) => [
    'printf "%s|%s|%s" "$1" "$GREETING" "$2" > "$0"',
    o.Output,
    concat('Hello, ', i.name, '!'),
    ifPresent('title', [i.title], ['no title']),
  ],
});

describe('container components on this machine (hostImages)', () => {
  it('substitute placeholders, Concat, IfPresent and env, and read the output file', async () => {
    const p = pipeline({ name: 'greeting', inputs: { title: param.string({ optional: true }) } }, (p) => ({
      plain: greet({ name: 'Ada' }).set({ env: { GREETING: 'hi' } }).output,
      titled: greet({ name: 'Bob', title: p.title }).output,
    }));
    const result = await runPipeline(p, { title: 'Dr' }, { hostImages: ['alpine:3'] });
    expect(result.state).toBe('SUCCEEDED');
    expect(result.tasks.greet!.executor).toBe('subprocess');
    expect(result.pipelineOutputs.parameters).toEqual({
      plain: 'Hello, Ada!|hi|no title',
      titled: 'Hello, Bob!||Dr',
    });
  });

  it('refuses an image that is not mapped when no engine answers, naming the task and the fix', async () => {
    const fakeDown = path.join(tempDir('engine-down'), 'docker');
    writeFileSync(fakeDown, '#!/bin/sh\nexit 1\n');
    chmodSync(fakeDown, 0o755);
    const p = pipeline({ name: 'unmapped' }, () => greet({ name: 'x' }).output);
    const result = await runPipeline(p, {}, { containerEngine: fakeDown });
    expect(result.tasks.greet!.error).toMatch(
      /task 'greet' runs the image alpine:3, and no container engine answers .*hostImages: \['alpine:3'\]/,
    );
  });

  it('stops a running subprocess when the run is aborted', async () => {
    const sleeper = containerComponent({
      name: 'sleeper',
      image: 'alpine',
      command: ['sleep', '30'],
      args: () => [],
    });
    const controller = new AbortController();
    const p = pipeline({ name: 'sleeping' }, () => {
      sleeper();
    });
    const started = Date.now();
    const result = await runPipeline(
      p,
      {},
      {
        hostImages: ['*'],
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'task-started') setTimeout(() => controller.abort(), 100);
        },
      },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.state).toBe('CANCELLED');
  });
});

describe("TypeScript components with runner 'subprocess'", () => {
  it('run their bundled command (embedded) with this Node, outputs and env included', async () => {
    const result = await runPipeline(shouting, { text: 'hey' }, { runner: 'subprocess' });
    expect(result.state).toBe('SUCCEEDED');
    expect(result.tasks.shout!.executor).toBe('subprocess');
    expect(result.pipelineOutputs.parameters.shouted).toBe('HEY!');
    expect(result.pipelineOutputs.parameters.env).toMatch(/^hello from \d+$/);
    expect(result.pipelineOutputs.parameters.env).not.toBe(`hello from ${process.pid}`);
    const data = result.pipelineOutputs.artifacts.data as { path: string; metadata: unknown };
    expect(readFileSync(data.path, 'utf8')).toBe('HEYHEY');
    expect(data.metadata).toEqual({ length: 6 });
    expect(readFileSync(path.join(result.outputDir, 'shout', 'executor.log'), 'utf8')).toMatch(
      /shouting "hey" in pid/,
    );
  }, 60_000);

  it('run from IR alone (no registry): bundled commands run on this machine, with a warning', async () => {
    const { spec } = compileWithAssets(shouting);
    const warnings: string[] = [];
    const result = await runPipelineSpec(spec, {
      parameters: { text: 'yaml' },
      outputDir: tempDir('no-registry'),
      onEvent: (e) => e.type === 'warning' && warnings.push(e.message),
    });
    expect(result.state).toBe('SUCCEEDED');
    expect(result.tasks.shout!.executor).toBe('subprocess');
    expect(result.pipelineOutputs.parameters.shouted).toBe('YAML!');
    expect(warnings).toContain(
      "component 'shout' is not among the in-process components; running its bundled command on this machine.",
    );
  }, 60_000);

  it('map staged kfp-ts-asset references to the assets folder and refuse a tampered bundle', async () => {
    const { spec, assets } = compileWithAssets(shouting, { shipping: { mode: 'staged' } });
    expect(assets.length).toBeGreaterThan(0);
    const assetsDir = tempDir('assets');
    for (const a of assets) writeFileSync(path.join(assetsDir, a.fileName), a.code);
    const options = {
      runner: 'subprocess' as const,
      assetsDir,
      registry: createRegistry(shouting),
      parameters: { text: 'ok' },
    };
    const good = await runPipelineSpec(spec, { ...options, outputDir: tempDir('staged') });
    expect(good.state).toBe('SUCCEEDED');
    expect(good.pipelineOutputs.parameters.shouted).toBe('OK!');
    for (const file of readdirSync(assetsDir)) writeFileSync(path.join(assetsDir, file), '// tampered\n');
    const bad = await runPipelineSpec(spec, { ...options, outputDir: tempDir('staged') });
    expect(bad.state).toBe('FAILED');
    expect(bad.tasks.shout!.error).toMatch(/does not match its hash/);
    const missing = await runPipelineSpec(spec, {
      ...options,
      assetsDir: undefined,
      outputDir: tempDir('staged'),
    });
    expect(missing.tasks.shout!.error).toMatch(/names a bundled asset; pass assetsDir/);
  }, 60_000);
});

describe('container engines', () => {
  it('run tasks with the output folder mounted at the same path, env, user and entrypoint', async () => {
    const dir = tempDir('fake-docker');
    const log = path.join(dir, 'args.txt');
    const fake = path.join(dir, 'docker');
    writeFileSync(
      fake,
      `#!/bin/sh\nif [ "$1" = info ]; then exit 0; fi\nprintf '%s\\n' "$@" > '${log}'\necho "container says hi"\n`,
    );
    chmodSync(fake, 0o755);
    const quiet = containerComponent({
      name: 'quiet',
      image: 'alpine:3',
      inputs: { name: param.string() },
      command: ['sh', '-c', 'echo "$0"'],
      args: (i) => [i.name],
    });
    const outputDir = tempDir('docker-out');
    const p = pipeline({ name: 'in-container' }, () => {
      quiet({ name: 'it is $(me)' }).set({ env: { COLOR: 'blue' } });
    });
    const result = await runPipeline(p, {}, { containerEngine: fake, outputDir });
    expect(result.tasks.quiet).toMatchObject({ state: 'SUCCEEDED', executor: 'docker' });
    const args = readFileSync(log, 'utf8').trimEnd().split('\n');
    const taskDir = path.join(result.outputDir, 'quiet');
    expect(args.slice(0, 4)).toEqual(['run', '--rm', '-w', taskDir]);
    expect(args).toContain(`${outputDir}:${outputDir}`);
    expect(args).toContain('COLOR=blue');
    expect(args.slice(-5)).toEqual(
      ['--entrypoint', 'sh', 'alpine:3', '-c', 'echo "$0"', 'it is $(me)'].slice(-5),
    );
    expect(args[args.indexOf('--entrypoint') + 1]).toBe('sh');
    expect(args[args.indexOf('--user') + 1]).toMatch(/^\d+:\d+$/);
    expect(readFileSync(path.join(taskDir, 'executor.log'), 'utf8')).toBe('container says hi\n');
  });

  describe.skipIf(!engine)(
    `a real engine (${engine ?? 'skipped: neither `docker info` nor `podman info` answers'})`,
    () => {
      it('runs a shell command in alpine', async () => {
        const p = pipeline({ name: 'real-docker' }, () => greet({ name: 'container' }).output);
        const result = await runPipeline(p, {}, { runner: 'docker' });
        expect(result.pipelineOutputs.parameters.Output).toMatch(/^Hello, container!/);
      }, 300_000);
    },
  );
});
