/**
 * Everything one run shares: the spec, the resolved options, the run folder, the bounds on
 * concurrency, the cache, the results being collected, and the stop flag that fail-fast and abort
 * raise (nothing new starts after it; running tasks finish, subprocesses are terminated on abort).
 */
import type { TaskCache } from './cache.js';
import type { SelectContext } from './executors/select.js';
import type { Semaphore } from './limiter.js';
import type { SpecModel } from './spec-model.js';
import type { RunEvent, TaskResult } from './types.js';

export interface RunContext {
  readonly model: SpecModel;
  readonly jobName: string;
  readonly jobUuid: string;
  readonly createTime: string;
  /** Root of run folders; `{{$.pipeline_root}}`. */
  readonly outputRoot: string;
  /** This run's folder. */
  readonly runDir: string;
  readonly slots: Semaphore;
  readonly cache: TaskCache | undefined;
  readonly select: SelectContext;
  readonly uriToPath: (uri: string) => string;
  readonly failFast: boolean;
  readonly streamLogs: boolean;
  readonly retryBackoffScale: number;
  /** Aborted when the caller's signal fires: running subprocesses are stopped. */
  readonly abort: AbortController;
  readonly results: Map<string, TaskResult>;
  readonly failedTasks: string[];
  /** Why nothing new may start (fail-fast after a failure, or an abort); undefined while running. */
  stopReason: string | undefined;
  emit(event: EventInput): void;
}

/** An event before the runner stamps its time. */
export type EventInput = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'time'> : never) : never;
