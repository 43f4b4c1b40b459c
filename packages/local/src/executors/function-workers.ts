/**
 * What one run needs to run TypeScript function components on worker threads: the pool, the
 * worker program and one components library per module (`@kfp-ts/bundler`'s `libraryFile`, cached
 * on disk), built when the first task needs them. Whatever cannot run in a worker (a module that
 * does not bundle or load there, a component its module does not reach) runs on the main thread
 * instead, with one warning per module or component.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { libraryFile } from '@kfp-ts/bundler';
import type { FunctionComponentDefinition } from '@kfp-ts/dsl';
import type { ExecutionOutputs, ExecutionRequest } from './types.js';
import { WorkerPool } from './worker-pool.js';

/** worker-main.ts from the sources (tests, tsx), worker-main.js from the build. */
const WORKER_MAIN = fileURLToPath(
  new URL(`./worker-main${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

/**
 * Workers run the code this thread runs: workspace packages from their sources when this module
 * is (tests, `--conditions=@kfp-ts/source`), else from their builds, as a plain import resolves them.
 */
const CONDITIONS = WORKER_MAIN.endsWith('.ts') ? ['@kfp-ts/source'] : [];

type Warn = (message: string) => void;

export class FunctionWorkers {
  private pool: Promise<WorkerPool | undefined> | undefined;
  private started: WorkerPool | undefined;
  private readonly libraries = new Map<string, Promise<string | undefined>>();
  /** Components (`file\0name`) found not to run in a worker: they stay on the main thread. */
  private readonly mainThread = new Set<string>();
  private readonly env: Readonly<Record<string, string | undefined>> = { ...process.env };
  private closed = false;

  /**
   * @param size at most this many worker threads
   * @param uriPrefixes the run's `uriPrefixes` (the worker maps URIs to paths with them)
   */
  constructor(
    readonly size: number,
    private readonly uriPrefixes: Readonly<Record<string, string>>,
  ) {}

  /** Worker threads alive now (zero before the first task and after `close`). */
  get liveWorkers(): number {
    return this.started?.liveWorkers ?? 0;
  }

  /** Threads started so far (a dead worker replaced counts twice). */
  get startedWorkers(): number {
    return this.started?.started ?? 0;
  }

  /**
   * Runs the task on a worker thread; undefined when it must run on the main thread instead
   * (the reason was reported with `warn`, once). Rejects as the component would in-process.
   */
  async run(
    definition: FunctionComponentDefinition,
    env: Readonly<Record<string, string>>,
    request: ExecutionRequest,
  ): Promise<ExecutionOutputs | undefined> {
    const file = definition.source?.file;
    const key = `${file}\0${definition.name}`;
    if (file === undefined || this.mainThread.has(key) || this.closed) return undefined;
    const pool = await this.startPool(request.warn);
    const library = pool && (await this.library(file, request.warn));
    if (!pool || !library) return undefined;
    const answer = await pool.run(
      {
        library,
        component: definition.name,
        executorInput: request.executorInput,
        taskName: request.taskName,
        pipelineJobName: request.pipelineJobName,
        uriPrefixes: this.uriPrefixes,
        env,
      },
      { taskPath: request.taskPath, log: request.log, signal: request.signal },
    );
    if (answer.type === 'unavailable') {
      if (!this.mainThread.has(key)) {
        this.mainThread.add(key);
        request.warn(
          `component '${definition.name}' cannot run in a worker thread (${answer.reason}); it runs on the main thread.`,
        );
      }
      return undefined;
    }
    return { parameters: answer.outputParameters, artifacts: answer.outputArtifacts };
  }

  /** Terminates the workers (at the end of the run, whatever its outcome). */
  async close(): Promise<void> {
    this.closed = true;
    await (await this.pool)?.close();
  }

  private startPool(warn: Warn): Promise<WorkerPool | undefined> {
    this.pool ??= libraryFile(WORKER_MAIN, { kind: 'script', conditions: CONDITIONS }).then(
      (script) => (this.started = new WorkerPool(this.size, script.path, this.env)),
      (error: unknown) => {
        warn(
          `worker threads are not available (${messageOf(error)}); function components run on the main thread.`,
        );
        return undefined;
      },
    );
    return this.pool;
  }

  private library(file: string, warn: Warn): Promise<string | undefined> {
    let library = this.libraries.get(file);
    if (!library) {
      library = libraryFile(file, { conditions: CONDITIONS }).then(
        (built) => built.path,
        (error: unknown) => {
          warn(`the components of ${file} run on the main thread: ${messageOf(error)}`);
          return undefined;
        },
      );
      this.libraries.set(file, library);
    }
    return library;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
