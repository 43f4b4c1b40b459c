/**
 * Runs a task's real container command on this machine: the command and args from the IR with
 * every placeholder substituted, spawned without a shell in the task folder. `node` is this Node
 * (process.execPath); `kfp-ts-asset:sha256/<hex>.cjs` arguments become files of the assets folder,
 * checked against their hash so a stale bundle is never run.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ContainerSpec, OutputDefinitions } from '@kfp-ts/schemas';
import type { PlaceholderContext } from '../placeholders.js';
import { expandArgument } from '../placeholders.js';
import type { ExecutorKind } from '../types.js';
import { readContainerOutputs } from './collect-outputs.js';
import { spawnLogged } from './spawn.js';
import type { ExecutionOutputs, ExecutionRequest, TaskExecutor } from './types.js';

const ASSET = /^kfp-ts-asset:sha256\/([0-9a-f]{64})\.(c?js|mjs)$/;

/** The container's command and args with placeholders expanded (structured ones may add or drop arguments). */
export function containerArgv(container: ContainerSpec, request: ExecutionRequest): string[] {
  const context: PlaceholderContext = {
    parameters: { ...request.taskParameters, ...(request.executorInput.inputs?.parameterValues ?? {}) },
    executorInput: request.executorInput,
    uriToPath: request.uriToPath,
    runtime: request.runtime,
  };
  return [...(container.command ?? []), ...(container.args ?? [])].flatMap((arg) =>
    expandArgument(arg, context),
  );
}

/** Container env (`set({ env })`) as an object. */
export function containerEnv(container: ContainerSpec | undefined): Record<string, string> {
  return Object.fromEntries((container?.env ?? []).map((e) => [e.name, e.value ?? '']));
}

/** Replaces asset references by local files, verifying each file's sha256. */
export async function resolveAssets(argv: string[], assetsDir: string | undefined): Promise<string[]> {
  return Promise.all(
    argv.map(async (arg) => {
      const match = ASSET.exec(arg);
      if (!match) return arg;
      if (!assetsDir) {
        throw new Error(
          `argument ${arg} names a bundled asset; pass assetsDir (the folder written next to the compiled YAML).`,
        );
      }
      const file = path.join(assetsDir, `${match[1]}.${match[2]}`);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch {
        throw new Error(`asset ${arg} is not in ${assetsDir} (expected ${file}); recompile to write it.`);
      }
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== match[1])
        throw new Error(`asset ${file} does not match its hash (sha256 ${actual}); recompile.`);
      return file;
    }),
  );
}

export class SubprocessExecutor implements TaskExecutor {
  readonly kind: ExecutorKind = 'subprocess';

  constructor(
    private readonly outputs: OutputDefinitions | undefined,
    private readonly options: { assetsDir?: string; env?: Record<string, string> },
  ) {}

  async execute(request: ExecutionRequest): Promise<ExecutionOutputs> {
    const container = request.container;
    if (!container?.command?.length) {
      throw new Error(
        `image ${container?.image ?? '?'} has no command in the IR (it relies on the image's entrypoint), so it cannot run on this machine.`,
      );
    }
    const argv = await resolveAssets(containerArgv(container, request), this.options.assetsDir);
    const [program, ...args] = argv as [string, ...string[]];
    await spawnLogged(program === 'node' ? process.execPath : program, args, {
      cwd: request.taskDir,
      env: { ...process.env, ...containerEnv(container), ...this.options.env },
      log: request.log,
      signal: request.signal,
    });
    return readContainerOutputs(request.executorInput, this.outputs);
  }
}
