/**
 * Runs a TypeScript function component in this process through the function executor
 * (`@kfp-ts/executor`'s `executeComponent`). Its `console` output goes to the task's log.
 *
 * Environment variables set on a task (`set({ env })`) are process-wide in Node, so such a task
 * runs alone: it waits for the in-process tasks already running, sets its variables, and others
 * wait for it to finish and restore them (kfp.local ignored task env for years, issue #11030).
 */
import type { FunctionComponentDefinition } from '@kfp-ts/dsl';
import type { SharedExclusiveGate } from '../limiter.js';
import type { ExecutorKind } from '../types.js';
import { withTaskLog } from './log-capture.js';
import type { ExecutionOutputs, ExecutionRequest, FunctionExecutor, TaskExecutor } from './types.js';

export class InProcessExecutor implements TaskExecutor {
  readonly kind: ExecutorKind = 'in-process';

  constructor(
    private readonly definition: FunctionComponentDefinition,
    private readonly executeComponent: FunctionExecutor,
    private readonly gate: SharedExclusiveGate,
    private readonly env: Readonly<Record<string, string>>,
  ) {}

  async execute(request: ExecutionRequest): Promise<ExecutionOutputs> {
    const call = () =>
      withTaskLog(request.log, () =>
        this.executeComponent(this.definition, request.executorInput, {
          uriToPath: request.uriToPath,
          taskName: request.taskName,
          pipelineJobName: request.pipelineJobName,
        }),
      );
    const result = await runWithEnv(this.gate, this.env, call);
    return { parameters: result.outputParameters, artifacts: result.outputArtifacts };
  }
}

/** Runs `fn` with `env` set in process.env, exclusively when there is anything to set. */
export function runWithEnv<T>(
  gate: SharedExclusiveGate,
  env: Readonly<Record<string, string>>,
  fn: () => Promise<T>,
) {
  const keys = Object.keys(env);
  if (!keys.length) return gate.run(false, fn);
  return gate.run(true, async () => {
    const saved = new Map(keys.map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      return await fn();
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
}
