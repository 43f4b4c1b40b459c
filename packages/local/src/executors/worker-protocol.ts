/**
 * The messages between the runner (main thread) and a worker thread of the pool. One task at a
 * time per worker; every message about a task carries its `id`. Only types: both sides import it.
 */
import type { ExecutorInput, JsonValue, RuntimeArtifact } from '@kfp-ts/schemas';

/** Main -> worker: run one function component. */
export interface RunMessage {
  readonly type: 'run';
  readonly id: number;
  /** The components library (a CommonJS file from `@kfp-ts/bundler`'s `libraryFile`). */
  readonly library: string;
  /** The component's name (`--function_to_execute`). */
  readonly component: string;
  readonly executorInput: ExecutorInput;
  readonly taskName: string;
  readonly pipelineJobName: string;
  /** The run's `uriPrefixes`: the worker maps artifact URIs to paths as the main thread does. */
  readonly uriPrefixes: Readonly<Record<string, string>>;
  /** The task's own environment variables, set in the worker's copy of process.env while it runs. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Main -> worker: load these components libraries now (their modules' top level included), so
 * the first task a warmed-up worker gets does not wait for it. No answer: a library that does not
 * load is reported by the first task that needs it.
 */
export interface WarmMessage {
  readonly type: 'warm';
  readonly libraries: readonly string[];
}

/** An error as it crosses threads. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

/** Worker -> main. */
export type WorkerMessage =
  /** Text the task printed (console.*, process.stdout/stderr), as written. */
  | { readonly type: 'log'; readonly id: number; readonly text: string }
  | {
      readonly type: 'done';
      readonly id: number;
      readonly outputParameters: Record<string, JsonValue>;
      readonly outputArtifacts: Record<string, RuntimeArtifact[]>;
    }
  /** The component failed (the executor's error, as in-process). */
  | { readonly type: 'failed'; readonly id: number; readonly error: SerializedError }
  /** The worker cannot run it (the library does not load here, or lacks the component): run it on the main thread. */
  | { readonly type: 'unavailable'; readonly id: number; readonly reason: string };
