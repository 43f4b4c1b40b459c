/**
 * Runs a task in its image with Docker or Podman. The output folder is mounted at the same path
 * inside the container, so artifact paths in the ExecutorInput are valid on both sides; input
 * artifacts living elsewhere are mounted read-only at their own paths.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { OutputDefinitions } from '@kfp-ts/schemas';
import type { ExecutorKind } from '../types.js';
import { readContainerOutputs } from './collect-outputs.js';
import { spawnLogged } from './spawn.js';
import { containerArgv, containerEnv, resolveAssets } from './subprocess.js';
import type { ExecutionOutputs, ExecutionRequest, TaskExecutor } from './types.js';

/** `docker`, `podman`, or the path of a compatible command. */
export type ContainerEngine = 'docker' | 'podman' | (string & {});

const answers = new Map<string, Promise<boolean>>();

/** Whether `<engine> info` answers (a daemon is reachable), asked once per process. */
export function engineAnswers(engine: ContainerEngine): Promise<boolean> {
  let known = answers.get(engine);
  if (!known) {
    known = new Promise((resolve) => {
      const child = spawn(engine, ['info'], { stdio: 'ignore', shell: false });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(false);
      }, 15_000);
      child.on('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code === 0);
      });
    });
    answers.set(engine, known);
  }
  return known;
}

/** The engine to use: the one asked for if it answers, else the first of docker, podman that does. */
export async function detectEngine(preferred?: ContainerEngine): Promise<ContainerEngine | undefined> {
  const candidates: string[] = preferred ? [preferred] : ['docker', 'podman'];
  for (const engine of candidates) if (await engineAnswers(engine)) return engine;
  return undefined;
}

export class DockerExecutor implements TaskExecutor {
  readonly kind: ExecutorKind = 'docker';

  constructor(
    private readonly engine: ContainerEngine,
    private readonly outputs: OutputDefinitions | undefined,
    private readonly options: { outputDir: string; assetsDir?: string; env?: Record<string, string> },
  ) {}

  async execute(request: ExecutionRequest): Promise<ExecutionOutputs> {
    const container = request.container!;
    const argv = await resolveAssets(containerArgv(container, request), this.options.assetsDir);
    const mounts = new Set<string>([`${this.options.outputDir}:${this.options.outputDir}`]);
    if (this.options.assetsDir)
      mounts.add(`${path.resolve(this.options.assetsDir)}:${path.resolve(this.options.assetsDir)}:ro`);
    for (const list of Object.values(request.executorInput.inputs?.artifacts ?? {})) {
      for (const a of list.artifacts ?? []) {
        const local = request.uriToPath(a.uri ?? '');
        if (path.isAbsolute(local) && !isInside(local, this.options.outputDir))
          mounts.add(`${local}:${local}:ro`);
      }
    }
    const env = { ...containerEnv(container), ...this.options.env };
    const args = ['run', '--rm', '-w', request.taskDir];
    for (const m of mounts) args.push('-v', m);
    for (const [k, v] of Object.entries(env)) args.push('-e', `${k}=${v}`);
    // Files written in the container belong to the user running the pipeline, not root.
    if (process.getuid && process.getgid) args.push('--user', `${process.getuid()}:${process.getgid()}`);
    const commandLength = container.command?.length ?? 0;
    if (commandLength > 0) {
      args.push('--entrypoint', argv[0]!, container.image, ...argv.slice(1));
    } else {
      args.push(container.image, ...argv);
    }
    await spawnLogged(this.engine, args, {
      cwd: request.taskDir,
      env: process.env,
      log: request.log,
      signal: request.signal,
    });
    return readContainerOutputs(request.executorInput, this.outputs);
  }
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}
