/**
 * Runs a TypeScript function component on a worker thread of the run's pool (see
 * function-workers.ts), so that CPU-bound tasks, a parallel-for's, run at the same time. To the
 * runner it is the in-process executor (same ExecutorInput, outputs, errors and log), and it
 * falls back to the main thread when the component cannot run in a worker.
 */
import type { FunctionComponentDefinition } from '@kfp-ts/dsl';
import type { ExecutorKind } from '../types.js';
import type { FunctionWorkers } from './function-workers.js';
import type { ExecutionOutputs, ExecutionRequest, TaskExecutor } from './types.js';

export class WorkerExecutor implements TaskExecutor {
  readonly kind: ExecutorKind = 'in-process';

  constructor(
    private readonly definition: FunctionComponentDefinition,
    private readonly workers: FunctionWorkers,
    /** The task's own environment (`set({ env })`), set in the worker's copy of process.env. */
    private readonly env: Readonly<Record<string, string>>,
    /** The main-thread executor, for what cannot run in a worker. */
    private readonly mainThread: TaskExecutor,
  ) {}

  async execute(request: ExecutionRequest): Promise<ExecutionOutputs> {
    const outputs = await this.workers.run(this.definition, this.env, request);
    return outputs ?? this.mainThread.execute(request);
  }
}
