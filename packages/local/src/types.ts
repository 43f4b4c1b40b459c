/**
 * The public shapes of a local run: options, events and the result. `RunResult` is also written as
 * `run.json` in the run folder; its JSON form is documented in the package README because scripts
 * and CI read it.
 */
import type { FunctionComponentDefinition, RunContext } from '@kfp-ts/dsl';
import type { JsonValue } from '@kfp-ts/schemas';
import type { ContainerEngine } from './executors/docker.js';
import type { FunctionExecutor } from './executors/types.js';

/**
 * Final state of a task. `SKIPPED`: its condition was false (its downstream still runs, as on
 * Vertex). `NOT_TRIGGERED`: an upstream task failed. `CANCELLED`: the run stopped (fail-fast or an
 * abort) before the task started. `CACHED`: its outputs came from the cache of an earlier run.
 */
export type TaskState = 'SUCCEEDED' | 'CACHED' | 'FAILED' | 'SKIPPED' | 'NOT_TRIGGERED' | 'CANCELLED';
export type RunState = 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** How a task ran: `dag` (a condition, exit handler or nested pipeline), `loop` (a parallel-for) or a leaf. */
export type TaskKind = 'dag' | 'loop' | 'container' | 'importer';
export type ExecutorKind = 'in-process' | 'mock' | 'subprocess' | 'docker' | 'importer';

/** An artifact as the result reports it. `path` is present when the artifact lives on this machine. */
export interface ArtifactResult {
  name: string;
  schemaTitle: string;
  uri: string;
  path?: string;
  metadata: Record<string, JsonValue>;
}

export interface TaskResult {
  /** The task's key in its DAG (`train-2`). */
  name: string;
  /** `taskInfo.name` (what `set({ displayName })` sets). */
  displayName: string;
  kind: TaskKind;
  executor?: ExecutorKind;
  state: TaskState;
  /** Time spent running (0 for skipped tasks); cache hits report the lookup time. */
  durationMs: number;
  /** Attempts made (retries + 1); 0 when the task never started. */
  attempts: number;
  outputParameters: Record<string, JsonValue>;
  /** Output artifact name -> local path (a list for artifact lists, the URI when not local). */
  artifacts: Record<string, string | string[]>;
  /** Output artifact name -> its metadata (Metrics values, ROC curves...), when not empty. */
  metrics: Record<string, Record<string, JsonValue>>;
  /** Folder of the task's files (executor_output.json, executor.log, outputs). */
  taskDir?: string;
  /** Cache hits: the run folder of the task whose outputs were reused. */
  cachedFrom?: string;
  /** Why it failed (FAILED), or why it did not run (SKIPPED, NOT_TRIGGERED, CANCELLED). */
  error?: string;
  reason?: string;
  /** The last lines the task printed (failed tasks). */
  logTail?: string[];
}

export interface RunResult {
  state: RunState;
  pipelineName: string;
  /** `<pipeline>-<timestamp>`: the run folder's name and `{{$.pipeline_job_name}}`. */
  jobName: string;
  /** The run folder: `<outputDir>/<jobName>`. */
  outputDir: string;
  startedAt: string;
  durationMs: number;
  pipelineOutputs: {
    parameters: Record<string, JsonValue>;
    artifacts: Record<string, ArtifactResult | ArtifactResult[]>;
  };
  /** Every task by path: `train`, `condition-1/print-msg`, `for-loop-2/0/train` (iteration 0). */
  tasks: Record<string, TaskResult>;
  /** Paths of the tasks that failed, in the order they failed. */
  failedTasks: string[];
  /** One paragraph saying which task failed and why (absent on success). */
  error?: string;
}

interface EventBase {
  /** `Date.now()` when the event happened. */
  time: number;
}
interface TaskEventBase extends EventBase {
  path: string;
}
export type RunEvent =
  | (EventBase & { type: 'run-started'; pipelineName: string; jobName: string; outputDir: string })
  | (TaskEventBase & { type: 'task-queued'; name: string; displayName: string; kind: TaskKind })
  | (TaskEventBase & { type: 'task-started'; kind: TaskKind; executor?: ExecutorKind; attempt: number })
  | (TaskEventBase & { type: 'task-retrying'; attempt: number; error: string; delayMs: number })
  | (TaskEventBase & {
      type: 'task-succeeded';
      kind: TaskKind;
      durationMs: number;
      outputParameters: Record<string, JsonValue>;
      metrics: Record<string, Record<string, JsonValue>>;
    })
  | (TaskEventBase & { type: 'task-cached'; durationMs: number; cachedFrom: string })
  | (TaskEventBase & {
      type: 'task-failed';
      kind: TaskKind;
      durationMs: number;
      error: string;
      logTail: string[];
    })
  | (TaskEventBase & {
      type: 'task-skipped';
      state: 'SKIPPED' | 'NOT_TRIGGERED' | 'CANCELLED';
      reason: string;
    })
  | (TaskEventBase & { type: 'task-log'; line: string })
  | (EventBase & { type: 'warning'; path?: string; message: string })
  | (EventBase & { type: 'run-finished'; result: RunResult });

/**
 * A stand-in for a component in tests, called like a function component's `run`: parameter values
 * and input artifacts (`{ path, uri, metadata }`), then output artifacts to write, then the context;
 * returns the output parameters.
 */
export type MockFunction = (inputs: any, outputs: any, context: RunContext) => unknown;

/** An input artifact given to a run: a local file or folder, or a URI (`gs://...`). */
export interface ArtifactInput {
  /** Local path; the URI defaults to it. */
  path?: string;
  uri?: string;
  metadata?: Record<string, JsonValue>;
  /** Defaults to the type the pipeline declares. */
  schemaTitle?: string;
}

export interface RunOptions {
  /** Pipeline parameters (overriding the IR's defaults). Unknown names are an error. */
  parameters?: Record<string, JsonValue>;
  /** Pipeline input artifacts (a list for artifact-list inputs). */
  artifacts?: Record<string, ArtifactInput | ArtifactInput[]>;
  /** Root of run folders (default `./local_outputs`); the cache lives in `<outputDir>/.kfp-ts-cache`. */
  outputDir?: string;
  /**
   * How TypeScript function components run: `in-process` (default; found in `registry`),
   * `subprocess` (their container command on this machine) or `docker` (their image).
   */
  runner?: 'in-process' | 'subprocess' | 'docker';
  /** TypeScript function components by name (see `createRegistry`). */
  registry?: ReadonlyMap<string, FunctionComponentDefinition>;
  /**
   * Components replaced by a function, by component name (`flip_coin`) or task key prefix
   * (`flip-coin`, which also matches `flip-coin-2`).
   */
  mocks?: Record<string, MockFunction>;
  /** Runs one function component in-process (default: `@kfp-ts/executor`'s `executeComponent`). */
  functionExecutor?: FunctionExecutor;
  /** Images whose commands run on this machine instead of a container (`'*'` for all). */
  hostImages?: readonly string[];
  /** Container engine: `docker`, `podman` or a compatible command's path (default: the first of docker, podman whose `info` answers). */
  containerEngine?: ContainerEngine;
  /** Folder of `kfp-ts-asset:sha256/<hex>.cjs` bundles named in container arguments. */
  assetsDir?: string;
  /** Remote URI prefix -> local folder, e.g. `{ 'gs://bucket/': './fixtures/bucket/' }`. */
  uriPrefixes?: Record<string, string>;
  /** Executing tasks at once (default: the number of cores). */
  parallelism?: number;
  /**
   * Worker threads for in-process TypeScript function components, so CPU-bound tasks (a
   * parallel-for's) run at once: a number, or `'auto'` (the number of cores); never more than
   * `parallelism`. Default 1: every component runs on the main thread. Mocks, components whose
   * module is unknown and a custom `functionExecutor` always run on the main thread.
   */
  workers?: number | 'auto';
  /**
   * Keep the worker threads for later runs in this process (default false: the run terminates
   * them). Later runs then skip their start-up and find modules loaded and code warm, as a test
   * file or a benchmark that runs several pipelines wants. Idle workers do not keep the process
   * alive; `closeWorkerPools()` terminates them. Module state then lives on across runs, as it
   * does on the main thread.
   */
  keepWorkers?: boolean;
  /** `fail-slow` (default, as Vertex): independent branches go on. `fail-fast`: start nothing new. */
  failurePolicy?: 'fail-slow' | 'fail-fast';
  /** Reuse outputs of earlier runs for tasks whose caching is on (default true). */
  cache?: boolean;
  /** Multiplies retry backoff waits (default 1; tests use 0). */
  retryBackoffScale?: number;
  /** Stops the run: nothing new starts, running subprocesses are terminated. */
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Also emit every line tasks print as `task-log` events (default false; always kept in executor.log). */
  streamLogs?: boolean;
  /** Environment for subprocess and container tasks, on top of the task's own `env`. */
  env?: Record<string, string>;
  /** Validate the spec against the IR schema first (default true). */
  validate?: boolean;
  /** Pipeline name for the run folder (default `pipelineInfo.name`). */
  pipelineName?: string;
}
