/**
 * A pool of worker threads for one run: workers start when a task is ready, every worker is busy
 * and there are fewer than `size` (or ahead of time, `warm`), each runs one task at a time and is reused for
 * many. A worker that dies (an exit outside the component's call, an uncaught exception, out of
 * memory) fails the task it was running, naming the task and the exit code; the next task gets a
 * new worker. An abort terminates the workers of the tasks it stops. `close()` terminates every
 * worker, so nothing keeps the process alive after the run.
 */
import { Worker } from 'node:worker_threads';
import type { TaskLog } from './log-capture.js';
import type { RunMessage, SerializedError, WarmMessage, WorkerMessage } from './worker-protocol.js';

export type PoolJob = Omit<RunMessage, 'type' | 'id'>;

export interface JobHooks {
  /** For messages: `for-loop-2/0/train`. */
  readonly taskPath: string;
  readonly log: TaskLog;
  readonly signal: AbortSignal;
}

export type JobAnswer = Extract<WorkerMessage, { type: 'done' } | { type: 'unavailable' }>;

/** A component's error, rebuilt on this side of the thread boundary (same name and message). */
export class WorkerTaskError extends Error {
  constructor(error: SerializedError) {
    super(error.message);
    this.name = error.name;
    if (error.stack) this.stack = error.stack;
  }
}

interface Pending {
  readonly id: number;
  readonly job: PoolJob;
  readonly hooks: JobHooks;
  readonly resolve: (answer: JobAnswer) => void;
  readonly reject: (error: Error) => void;
  readonly onAbort: () => void;
  aborted?: boolean;
}

interface PoolWorker {
  readonly worker: Worker;
  job?: Pending;
  /** The uncaught error that is ending it, if any. */
  crash?: Error;
}

/** Workers alive in this process, over every pool (tests check that runs leave none). */
let alive = 0;
export function liveWorkerCount(): number {
  return alive;
}

export class WorkerPool {
  private readonly workers = new Set<PoolWorker>();
  private readonly idle: PoolWorker[] = [];
  private readonly queue: Pending[] = [];
  private readonly exited = new Set<Promise<void>>();
  private nextId = 1;
  private closed = false;
  /** Workers started so far (a dead one replaced counts twice). */
  started = 0;

  /**
   * @param size at most this many workers at once
   * @param script the worker program (a CommonJS file, see worker-main.ts)
   * @param env the environment workers start with (a copy; a task's own env is set in the worker)
   */
  constructor(
    readonly size: number,
    private readonly script: string,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {}

  get liveWorkers(): number {
    return this.workers.size;
  }

  /** Runs a job on a worker; rejects with the component's error, a dead worker's or an abort's. */
  run(job: PoolJob, hooks: JobHooks): Promise<JobAnswer> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the worker pool is closed (the run has finished).'));
      if (hooks.signal.aborted) return reject(abortError(hooks.taskPath, false));
      const pending: Pending = {
        id: this.nextId++,
        job,
        hooks,
        resolve,
        reject,
        onAbort: () => this.abort(pending),
      };
      hooks.signal.addEventListener('abort', pending.onAbort, { once: true });
      this.queue.push(pending);
      this.pump();
    });
  }

  /**
   * Starts idle workers up to `count` (at most `size`) and has each load `libraries`, so that the
   * tasks of a fan-out do not each wait for a worker's start-up. They stay unreferenced while
   * idle, like any idle worker.
   */
  warm(count: number, libraries: readonly string[]): void {
    const message: WarmMessage = { type: 'warm', libraries };
    // Idle workers kept from an earlier run load what they lack (a module they have is skipped).
    for (const idle of this.idle) idle.worker.postMessage(message);
    while (!this.closed && this.workers.size < Math.min(count, this.size)) {
      let worker: PoolWorker;
      try {
        worker = this.spawn();
      } catch {
        return; // the first task reports why workers cannot start
      }
      worker.worker.postMessage(message);
      worker.worker.unref();
      this.idle.push(worker);
    }
    this.pump();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Terminates every worker and fails what still waits; resolves when all have exited. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0))
      this.settle(pending, () => pending.reject(new Error('the run finished before the task started.')));
    for (const w of this.workers) void w.worker.terminate();
    await Promise.all([...this.exited]);
  }

  private pump(): void {
    while (this.queue.length && !this.closed) {
      let worker = this.idle.pop();
      if (!worker && this.workers.size < this.size) {
        try {
          worker = this.spawn();
        } catch (error) {
          const pending = this.queue.shift()!;
          const why = error instanceof Error ? error.message : String(error);
          this.settle(pending, () =>
            pending.reject(
              new Error(`task '${pending.hooks.taskPath}': cannot start a worker thread: ${why}`),
            ),
          );
          continue;
        }
      }
      if (!worker) return;
      const pending = this.queue.shift()!;
      worker.job = pending;
      worker.worker.ref();
      const message: RunMessage = { type: 'run', id: pending.id, ...pending.job };
      worker.worker.postMessage(message);
    }
  }

  private spawn(): PoolWorker {
    const worker = new Worker(this.script, { env: { ...this.env } });
    const entry: PoolWorker = { worker };
    this.workers.add(entry);
    this.started++;
    alive++;
    worker.on('message', (message: WorkerMessage) => this.onMessage(entry, message));
    worker.on('error', (error) => {
      entry.crash = error;
    });
    this.exited.add(
      new Promise<void>((resolve) => {
        worker.once('exit', (code) => {
          alive--;
          this.onExit(entry, code);
          resolve();
        });
      }),
    );
    return entry;
  }

  private onMessage(entry: PoolWorker, message: WorkerMessage): void {
    const pending = entry.job;
    if (!pending || pending.id !== message.id) return;
    if (message.type === 'log') {
      pending.hooks.log.write(message.text);
      return;
    }
    entry.job = undefined;
    entry.worker.unref();
    this.idle.push(entry);
    this.settle(pending, () =>
      message.type === 'failed'
        ? pending.reject(new WorkerTaskError(message.error))
        : pending.resolve(message),
    );
    this.pump();
  }

  private onExit(entry: PoolWorker, code: number): void {
    this.workers.delete(entry);
    const i = this.idle.indexOf(entry);
    if (i >= 0) this.idle.splice(i, 1);
    const pending = entry.job;
    if (pending) {
      entry.job = undefined;
      const why = entry.crash ? ` after an uncaught ${entry.crash.name}: ${entry.crash.message}` : '';
      this.settle(pending, () =>
        pending.reject(
          pending.aborted
            ? abortError(pending.hooks.taskPath, true)
            : this.closed
              ? new Error(
                  `task '${pending.hooks.taskPath}': the run finished before it did (its worker thread was terminated).`,
                )
              : new Error(
                  `task '${pending.hooks.taskPath}': its worker thread exited with code ${code}${why} ` +
                    `before component '${pending.job.component}' finished (process.exit outside the component's ` +
                    'call, an uncaught exception or running out of memory); later tasks get a new worker.',
                ),
        ),
      );
    }
    this.pump();
  }

  private abort(pending: Pending): void {
    pending.aborted = true;
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(pending, () => pending.reject(abortError(pending.hooks.taskPath, false)));
      return;
    }
    for (const w of this.workers) if (w.job === pending) void w.worker.terminate();
  }

  private settle(pending: Pending, action: () => void): void {
    pending.hooks.signal.removeEventListener('abort', pending.onAbort);
    action();
  }
}

function abortError(taskPath: string, started: boolean): Error {
  return new Error(
    `stopped: the run was aborted (task '${taskPath}'${started ? ': its worker thread was terminated' : ' had not started'}).`,
  );
}
