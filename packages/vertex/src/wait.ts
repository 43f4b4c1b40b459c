/**
 * Following a run to its end: polls with backoff, reports state changes and per-task progress,
 * and ends with the final summary (SUCCEEDED) or a JobFailedError (FAILED, CANCELLED) carrying
 * the job's own error. The poll loop is shared by the Vertex AI and the Kubeflow targets.
 */
import { JobFailedError, VertexError } from './errors.js';
import {
  fetchJob,
  type JobReference,
  type JobSummary,
  type TaskSummary,
  TERMINAL_STATES,
  withPipelineClient,
} from './jobs.js';
import { resolveResourceName } from './resource-names.js';

export interface WaitUpdate {
  job: JobSummary;
  /** The job's state differs from the previous poll (always true on the first). */
  stateChanged: boolean;
  /** Tasks that appeared or changed state since the previous poll. */
  taskChanges: TaskSummary[];
}

export interface PollOptions {
  /** First interval between polls (default 5 s); grows by half each quiet poll. */
  pollIntervalMs?: number;
  /** Largest interval (default 60 s). */
  maxPollIntervalMs?: number;
  /** Give up after this long (default: never). */
  timeoutMs?: number;
  /** Stop waiting (the job goes on): the wait rejects with a WaitInterrupted error. */
  signal?: AbortSignal;
  onUpdate?: (update: WaitUpdate) => void;
}

export interface WaitOptions extends JobReference, PollOptions {}

/** The wait was stopped (signal or timeout); the job itself was not touched. */
export class WaitInterrupted extends VertexError {
  readonly job: JobSummary | undefined;
  constructor(message: string, job: JobSummary | undefined) {
    super('job', message);
    this.name = 'WaitInterrupted';
    this.job = job;
  }
}

/** Waits for a Vertex AI pipeline job to end. Resolves on SUCCEEDED. */
export async function waitForPipelineJob(options: WaitOptions): Promise<JobSummary> {
  const job = resolveResourceName(options.job, 'pipelineJobs', {
    project: options.project,
    region: options.region,
  });
  return withPipelineClient(options, job.region, (client) =>
    pollUntilDone(() => fetchJob(client, job.name, options, job), options),
  );
}

/** Polls `read` until the run is in a terminal state. */
export async function pollUntilDone(
  read: () => Promise<JobSummary>,
  options: PollOptions,
): Promise<JobSummary> {
  const initial = options.pollIntervalMs ?? 5000;
  const max = Math.max(initial, options.maxPollIntervalMs ?? 60_000);
  const deadline = options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs;
  let interval = initial;
  let previous: JobSummary | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new WaitInterrupted('stopped waiting', previous);
    const current = await read();
    const taskChanges = changedTasks(previous, current);
    const stateChanged = previous?.state !== current.state;
    if (stateChanged || taskChanges.length > 0) {
      options.onUpdate?.({ job: current, stateChanged, taskChanges });
      interval = initial; // things are moving: look again soon
    } else {
      interval = Math.min(max, Math.round(interval * 1.5));
    }
    previous = current;
    if (TERMINAL_STATES.has(current.state)) {
      if (current.state === 'SUCCEEDED') return current;
      const reason = current.error?.message ? `: ${current.error.message}` : '';
      const failedTasks = current.tasks.filter((t) => t.state === 'FAILED').map((t) => t.name);
      const which =
        failedTasks.length > 0 && !reason.includes(failedTasks[0]!)
          ? ` (failed tasks: ${failedTasks.join(', ')})`
          : '';
      throw new JobFailedError(
        current.name,
        current.state,
        `${current.jobId} ended ${current.state}${reason}${which}`,
        current,
      );
    }
    if (deadline !== undefined && Date.now() + interval > deadline) {
      throw new WaitInterrupted(`timed out waiting for ${current.jobId} (still ${current.state})`, current);
    }
    await sleep(interval, options.signal);
  }
}

function changedTasks(previous: JobSummary | undefined, current: JobSummary): TaskSummary[] {
  const before = new Map((previous?.tasks ?? []).map((t) => [t.name, t.state]));
  return current.tasks.filter((t) => before.get(t.name) !== t.state);
}

/** Resolves after `ms`, or early when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
