/**
 * The life of a pipeline run in the stand-ins: a run advances one step each time it is read,
 * so a test (or a `--wait`) sees every state without sleeping. PENDING, then RUNNING while the
 * root tasks run one after another, then SUCCEEDED; or FAILED at the task named to fail; or
 * CANCELLING then CANCELLED once cancelled.
 */
export type RunState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLING' | 'CANCELLED';
export type TaskState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'NOT_TRIGGERED';

export interface ScriptOptions {
  /** Reads spent PENDING before the run starts (default 1). */
  pendingReads?: number;
  /** The task that fails, and with what message: the run then FAILS. */
  failTask?: { name: string; message: string };
  /** Never leave RUNNING on its own (for cancel tests). */
  runForever?: boolean;
}

export interface TaskSnapshot {
  name: string;
  state: TaskState;
  error?: string;
}

export interface RunSnapshot {
  state: RunState;
  tasks: TaskSnapshot[];
  error?: { code: number; message: string };
  started: boolean;
  ended: boolean;
}

/** One run's script: `read()` advances it and returns what a GET would show. */
export class RunScript {
  private step = 0;
  private cancelledAt: number | undefined;
  private readonly taskNames: string[];
  private readonly options: ScriptOptions;

  constructor(taskNames: readonly string[], options: ScriptOptions = {}) {
    this.taskNames = [...taskNames];
    this.options = options;
  }

  /** Cancels the run (CANCELLING on the next read, CANCELLED after); false when it already ended. */
  cancel(): boolean {
    if (this.snapshot().ended) return false;
    this.cancelledAt = this.step;
    return true;
  }

  /** Advances one step and returns the new state. */
  read(): RunSnapshot {
    this.step++;
    return this.snapshot();
  }

  /** The state now, without advancing. */
  snapshot(): RunSnapshot {
    const pending = this.options.pendingReads ?? 1;
    // Tasks started so far; frozen when the run is cancelled.
    const started = (this.cancelledAt ?? this.step) - pending;
    const failIndex = this.options.failTask ? this.taskNames.indexOf(this.options.failTask.name) : -1;
    const failed = failIndex >= 0 && started >= failIndex + 2;
    const tasks = this.taskNames.map((name, index): TaskSnapshot => {
      if (failed && index > failIndex) return { name, state: 'NOT_TRIGGERED' };
      if (started <= index) return { name, state: 'PENDING' };
      if (started === index + 1 || this.options.runForever) return { name, state: 'RUNNING' };
      return index === failIndex
        ? { name, state: 'FAILED', error: this.options.failTask!.message }
        : { name, state: 'SUCCEEDED' };
    });
    if (this.cancelledAt !== undefined) {
      const final = this.step > this.cancelledAt + 1;
      return {
        state: final ? 'CANCELLED' : 'CANCELLING',
        tasks: final
          ? tasks.map((t) =>
              t.state === 'RUNNING' || t.state === 'PENDING' ? { ...t, state: 'CANCELLED' } : t,
            )
          : tasks,
        started: started > 0,
        ended: final,
        ...(final ? { error: { code: 1, message: 'The pipeline job was cancelled.' } } : {}),
      };
    }
    if (started <= 0) return { state: 'PENDING', tasks, started: false, ended: false };
    if (failed) {
      const message = this.options.failTask!.message;
      return {
        state: 'FAILED',
        tasks,
        started: true,
        ended: true,
        error: {
          code: 9,
          message: `The DAG failed because some tasks failed. The failed tasks are: [${this.taskNames[failIndex]}]. ${message}`,
        },
      };
    }
    if (tasks.every((t) => t.state === 'SUCCEEDED'))
      return { state: 'SUCCEEDED', tasks, started: true, ended: true };
    return { state: 'RUNNING', tasks, started: true, ended: false };
  }
}

/** The root task names of a PipelineSpec (JSON), in order; a spec without tasks has one. */
export function rootTaskNames(spec: unknown): string[] {
  const tasks = (spec as { root?: { dag?: { tasks?: Record<string, unknown> } } } | null)?.root?.dag?.tasks;
  const names = tasks ? Object.keys(tasks) : [];
  return names.length > 0 ? names : ['root'];
}
