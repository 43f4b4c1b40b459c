/**
 * `kfp-ts status|wait|cancel <job>` and `kfp-ts list`: a job is its full resource name
 * (`projects/P/locations/R/pipelineJobs/ID`) or an ID with --project and --region (or their
 * environment variables); with `--target kfp`, a run ID.
 */
import type { JobSummary } from '@kfp-ts/vertex';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';
import { describeJob, follow } from './follow.js';
import {
  asCliError,
  loadVertex,
  positiveInt,
  resolveTarget,
  seconds,
  type TargetOptions,
} from './run-options.js';

export interface JobCommandOptions extends TargetOptions {
  cancelOnInterrupt?: boolean;
  pollInterval?: string;
  filter?: string;
  limit?: string;
}

function connectionOf(target: ReturnType<typeof resolveTarget>) {
  return {
    ...(target.project ? { project: target.project } : {}),
    ...(target.region ? { region: target.region } : {}),
    ...(target.apiEndpoint ? { apiEndpoint: target.apiEndpoint } : {}),
  };
}

function kfpOf(target: ReturnType<typeof resolveTarget>) {
  return { host: target.host!, ...(target.token ? { token: target.token } : {}) };
}

export async function statusCommand(
  job: string,
  options: JobCommandOptions,
  { io }: CommandContext,
): Promise<number> {
  const target = resolveTarget(options);
  const vertex = await loadVertex();
  const summary = await (target.kind === 'kfp'
    ? vertex.getKfpRun({ ...kfpOf(target), runId: job })
    : vertex.getPipelineJob({ ...connectionOf(target), job })
  ).catch((error: unknown) => {
    throw asCliError(vertex, error);
  });
  io.stdout(options.json ? `${JSON.stringify(summary, null, 2)}\n` : describeJob(summary));
  return 0;
}

export async function waitCommand(
  job: string,
  options: JobCommandOptions,
  { io }: CommandContext,
): Promise<number> {
  const target = resolveTarget(options);
  const pollIntervalMs = seconds('--poll-interval', options.pollInterval, 5000);
  const vertex = await loadVertex();
  const json = options.json ? { json: true } : {};
  const cancelOnInterrupt = options.cancelOnInterrupt ? { cancelOnInterrupt: true } : {};
  if (target.kind === 'kfp') {
    const connection = kfpOf(target);
    return follow(vertex, io, (poll) => vertex.waitForKfpRun({ ...connection, runId: job, ...poll }), {
      ...json,
      ...cancelOnInterrupt,
      pollIntervalMs,
      cancelCommand: `kfp-ts cancel ${job} --target kfp --host ${connection.host}`,
      cancel: () => vertex.terminateKfpRun({ ...connection, runId: job }),
    });
  }
  const connection = connectionOf(target);
  const name = (() => {
    try {
      return vertex.resolveResourceName(job, 'pipelineJobs', connection).name;
    } catch (error) {
      throw asCliError(vertex, error);
    }
  })();
  return follow(vertex, io, (poll) => vertex.waitForPipelineJob({ ...connection, job: name, ...poll }), {
    ...json,
    ...cancelOnInterrupt,
    pollIntervalMs,
    cancelCommand: `kfp-ts cancel ${name}`,
    cancel: () => vertex.cancelPipelineJob({ ...connection, job: name }),
  });
}

export async function cancelCommand(
  job: string,
  options: JobCommandOptions,
  { io }: CommandContext,
): Promise<number> {
  const target = resolveTarget(options);
  const vertex = await loadVertex();
  const summary = await (target.kind === 'kfp'
    ? vertex.terminateKfpRun({ ...kfpOf(target), runId: job })
    : vertex.cancelPipelineJob({ ...connectionOf(target), job })
  ).catch((error: unknown) => {
    throw asCliError(vertex, error);
  });
  if (options.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else io.stdout(`cancel requested: ${summary.jobId} is ${summary.state}\n`);
  return 0;
}

export async function listCommand(options: JobCommandOptions, { io }: CommandContext): Promise<number> {
  const target = resolveTarget(options);
  const limit = positiveInt('--limit', options.limit) ?? 20;
  const vertex = await loadVertex();
  if (target.kind === 'kfp' && options.filter)
    throw new UsageError('--filter: not available with --target kfp.');
  const jobs = await (target.kind === 'kfp'
    ? vertex.listKfpRuns({ ...kfpOf(target), limit })
    : vertex.listPipelineJobs({
        ...connectionOf(target),
        limit,
        ...(options.filter ? { filter: options.filter } : {}),
      })
  ).catch((error: unknown) => {
    throw asCliError(vertex, error);
  });
  io.stdout(options.json ? `${JSON.stringify(jobs, null, 2)}\n` : table(jobs));
  return 0;
}

function table(jobs: JobSummary[]): string {
  if (jobs.length === 0) return 'no pipeline jobs\n';
  const rows = [
    ['JOB', 'STATE', 'CREATED', 'DISPLAY NAME'],
    ...jobs.map((j) => [j.jobId, j.state, j.createTime ?? '', j.displayName ?? '']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n')}\n`;
}
