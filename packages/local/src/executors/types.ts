/**
 * The executor seam. The DAG runner prepares one `ExecutionRequest` per task attempt (the same
 * ExecutorInput a remote run gets, with local paths) and hands it to a `TaskExecutor`: in-process,
 * subprocess, docker or importer. Each returns the outputs it produced; the task runner checks them.
 */
import type { FunctionComponentDefinition } from '@kfp-ts/dsl';
import type { ContainerSpec, ExecutorInput, JsonValue, RuntimeArtifact } from '@kfp-ts/schemas';
import type { ExecutorKind } from '../types.js';
import type { TaskLog } from './log-capture.js';

export interface ExecutionRequest {
  /** `for-loop-2/0/train`. */
  readonly taskPath: string;
  /** The task key (`train`), `{{$.pipeline_task_name}}`. */
  readonly taskName: string;
  readonly taskDir: string;
  readonly runDir: string;
  readonly pipelineJobName: string;
  readonly executorInput: ExecutorInput;
  /** Every input the task was given, including `pipelinechannel--*` ones its component does not declare (placeholders may use them). */
  readonly taskParameters: Readonly<Record<string, JsonValue>>;
  readonly container?: ContainerSpec;
  readonly log: TaskLog;
  readonly signal: AbortSignal;
  readonly attempt: number;
  /** Values of `{{$.pipeline_job_name}}` and the other runtime placeholders. */
  readonly runtime: Readonly<Record<string, string>>;
  /** Local path of an artifact URI. */
  readonly uriToPath: (uri: string) => string;
  /** Reports something the user should know that does not fail the task. */
  readonly warn: (message: string) => void;
}

export interface ExecutionOutputs {
  parameters: Record<string, JsonValue>;
  artifacts: Record<string, RuntimeArtifact[]>;
}

export interface TaskExecutor {
  readonly kind: ExecutorKind;
  execute(request: ExecutionRequest): Promise<ExecutionOutputs>;
}

export interface FunctionExecutorOptions {
  /** Local path of an artifact URI (identity for local paths; `gs://b/k` -> `/gcs/b/k`). */
  uriToPath?: (uri: string) => string;
  taskName?: string;
  pipelineJobName?: string;
}

/**
 * What `@kfp-ts/executor` exports as `executeComponent`: runs one TypeScript function component
 * in this process against a KFP ExecutorInput, writes output parameter files and the
 * ExecutorOutput JSON, and returns the outputs.
 */
export type FunctionExecutor = (
  definition: FunctionComponentDefinition,
  executorInput: ExecutorInput,
  options?: FunctionExecutorOptions,
) => Promise<{
  outputParameters: Record<string, JsonValue>;
  outputArtifacts: Record<string, RuntimeArtifact[]>;
}>;
