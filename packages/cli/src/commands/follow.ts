/**
 * Following a run in the terminal (`submit --wait`, `wait`): state changes and per-task
 * progress on stderr, the outcome on stdout; exit 0 on SUCCEEDED, 1 when the run FAILED or was
 * CANCELLED (with its error). Ctrl-C stops waiting and says the run goes on and how to cancel
 * it, or cancels it with --cancel-on-interrupt; then the exit status is 130.
 */
import type { JobSummary, PollOptions } from '@kfp-ts/vertex';
import type { CliIo } from '../io.js';
import { asCliError, type Vertex } from './run-options.js';

export const EXIT_JOB_FAILED = 1;
export const EXIT_INTERRUPTED = 130;

export interface FollowOptions {
  json?: boolean;
  pollIntervalMs: number;
  cancelOnInterrupt?: boolean;
  /** How to cancel the run (for the hint and --cancel-on-interrupt). */
  cancelCommand: string;
  cancel: () => Promise<JobSummary>;
}

export async function follow(
  vertex: Vertex,
  io: CliIo,
  poll: (options: PollOptions) => Promise<JobSummary>,
  options: FollowOptions,
): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  const started = Date.now();
  try {
    const done = await poll({
      pollIntervalMs: options.pollIntervalMs,
      maxPollIntervalMs: Math.max(options.pollIntervalMs, 60_000),
      signal: controller.signal,
      onUpdate: ({ job, stateChanged, taskChanges }) => {
        if (options.json) return;
        // The final state is the outcome line itself.
        if (stateChanged && !vertex.TERMINAL_STATES.has(job.state)) io.stderr(`${job.jobId}: ${job.state}\n`);
        for (const task of taskChanges) {
          io.stderr(`  ${task.name}: ${task.state}${task.error ? ` (${task.error})` : ''}\n`);
        }
      },
    });
    if (options.json) io.stdout(`${JSON.stringify(done, null, 2)}\n`);
    else io.stdout(`${done.jobId}: SUCCEEDED${duration(started)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof vertex.JobFailedError) {
      if (options.json)
        io.stdout(`${JSON.stringify(error.job ?? { name: error.jobName, state: error.state }, null, 2)}\n`);
      io.stderr(`kfp-ts: ${error.message}\n`);
      return EXIT_JOB_FAILED;
    }
    if (error instanceof vertex.WaitInterrupted) {
      if (options.cancelOnInterrupt) {
        const cancelled = await options.cancel().catch((e: unknown) => {
          throw asCliError(vertex, e);
        });
        io.stderr(`kfp-ts: interrupted: cancel requested, ${cancelled.jobId} is ${cancelled.state}.\n`);
      } else {
        io.stderr(
          `kfp-ts: interrupted: stopped waiting; the run goes on (${error.job?.state ?? 'state unknown'}). Cancel it with: ${options.cancelCommand}\n`,
        );
      }
      return EXIT_INTERRUPTED;
    }
    throw asCliError(vertex, error);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

function duration(startedMs: number): string {
  const seconds = Math.round((Date.now() - startedMs) / 1000);
  if (seconds < 1) return '';
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? ` (waited ${minutes}m ${seconds % 60}s)` : ` (waited ${seconds}s)`;
}

/** A job for people: a few lines of facts, then one line per task. */
export function describeJob(job: JobSummary): string {
  const lines = [`${job.jobId}: ${job.state}`];
  const facts: Array<[string, string | undefined]> = [
    ['name', job.name !== job.jobId ? job.name : undefined],
    ['display name', job.displayName],
    ['created', job.createTime],
    ['started', job.startTime],
    ['ended', job.endTime],
    ['pipeline root', job.pipelineRoot],
    ['error', job.error?.message],
    ['console', job.url],
  ];
  for (const [label, value] of facts) if (value) lines.push(`  ${`${label}:`.padEnd(15)}${value}`);
  if (job.tasks.length > 0) {
    lines.push('  tasks:');
    const width = Math.max(...job.tasks.map((t) => t.name.length));
    for (const task of job.tasks) {
      lines.push(`    ${task.name.padEnd(width)}  ${task.state}${task.error ? `  ${task.error}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
