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

/**
 * Pools kept for later runs (`keepWorkers`), by size, worker program and the environment their
 * workers started with: a run with another environment gets its own.
 */
const keptPools = new Map<string, WorkerPool>();

/** Terminates the worker threads kept by runs with `keepWorkers`. */
export async function closeWorkerPools(): Promise<void> {
  const pools = [...keptPools.values()];
  keptPools.clear();
  await Promise.all(pools.map((pool) => pool.close()));
}

export class FunctionWorkers {
  /** The pool, or why there is none. */
  private pool: Promise<WorkerPool | Unavailable> | undefined;
  private started: WorkerPool | undefined;
  /** Library file per module, or why the module cannot have one. */
  private readonly libraries = new Map<string, Promise<string | Unavailable>>();
  /** Reasons already reported (each is told once per run). */
  private readonly reported = new Set<Unavailable>();
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
    /** Leave the pool to later runs of this process instead of terminating it at `close`. */
    private readonly keep = false,
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
    const pool = await this.startPool();
    if (pool instanceof Unavailable) return this.report(pool, request.warn);
    const library = await this.library(file);
    if (library instanceof Unavailable) return this.report(library, request.warn);
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

  /**
   * Starts the workers ahead of the first tasks, each loading the libraries of `definitions`:
   * worker start-up and module loading then overlap the run's first (sequential) tasks instead of
   * delaying its first fan-out. `tasks` is how many function tasks the run has, so a run with one
   * never starts a second thread. Best effort: what fails here is reported by the task that meets it.
   */
  warm(definitions: Iterable<FunctionComponentDefinition>, tasks: number): void {
    const files = [...new Set([...definitions].flatMap((d) => (d.source?.file ? [d.source.file] : [])))];
    if (!files.length || tasks < 1 || this.closed) return;
    void this.startPool().then(async (pool) => {
      const libraries = (await Promise.all(files.map((file) => this.library(file)))).filter(
        (library): library is string => typeof library === 'string',
      );
      if (!(pool instanceof Unavailable) && libraries.length && !this.closed) pool.warm(tasks, libraries);
    });
  }

  /** Terminates the workers (at the end of the run, whatever its outcome). */
  async close(): Promise<void> {
    this.closed = true;
    const pool = await this.pool;
    if (pool instanceof WorkerPool && !this.keep) await pool.close();
  }

  private startPool(): Promise<WorkerPool | Unavailable> {
    this.pool ??= libraryFile(WORKER_MAIN, { kind: 'script', conditions: CONDITIONS }).then(
      (script) => (this.started = this.poolFor(script.path)),
      (error: unknown) =>
        new Unavailable(
          `worker threads are not available (${messageOf(error)}); function components run on the main thread.`,
        ),
    );
    return this.pool;
  }

  private poolFor(script: string): WorkerPool {
    if (!this.keep) return new WorkerPool(this.size, script, this.env);
    const key = JSON.stringify([this.size, script, this.env]);
    let pool = keptPools.get(key);
    if (!pool || pool.isClosed) {
      pool = new WorkerPool(this.size, script, this.env);
      keptPools.set(key, pool);
    }
    return pool;
  }

  private library(file: string): Promise<string | Unavailable> {
    let library = this.libraries.get(file);
    if (!library) {
      library = libraryFile(file, { conditions: CONDITIONS }).then(
        (built) => built.path,
        (error: unknown) =>
          new Unavailable(`the components of ${file} run on the main thread: ${messageOf(error)}`),
      );
      this.libraries.set(file, library);
    }
    return library;
  }

  private report(reason: Unavailable, warn: Warn): undefined {
    if (!this.reported.has(reason)) {
      this.reported.add(reason);
      warn(reason.message);
    }
    return undefined;
  }
}

/** Why tasks run on the main thread instead (told once, by the first task it concerns). */
class Unavailable {
  constructor(readonly message: string) {}
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
