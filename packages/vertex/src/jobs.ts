/**
 * Reading and steering pipeline jobs: get (with per-task states), cancel, list. Results are
 * summaries in plain JSON (states without the PIPELINE_STATE_ prefix, times as ISO text), the
 * same for the human output, `--json` and programs.
 */
import { toApiError } from './api-errors.js';
import type {
  PipelineJobMessage,
  PipelineServiceLike,
  TaskDetailMessage,
  Timestamp,
} from './client-types.js';
import { type ClientOptions, createPipelineServiceClient } from './clients.js';
import { usageError } from './errors.js';
import { Status } from './grpc-status.js';
import { consoleUrl, locationPath, resolveResourceName } from './resource-names.js';
import { type RetryOptions, withRetry } from './retry.js';

export interface TaskSummary {
  name: string;
  state: string;
  error?: string;
}

export interface JobSummary {
  /** Full resource name (Vertex) or run ID (KFP). */
  name: string;
  jobId: string;
  project?: string;
  region?: string;
  displayName?: string;
  /** SUCCEEDED, RUNNING, ... (no PIPELINE_STATE_ prefix). */
  state: string;
  createTime?: string;
  startTime?: string;
  endTime?: string;
  error?: { code?: number; message: string };
  tasks: TaskSummary[];
  labels?: Record<string, string>;
  pipelineRoot?: string;
  /** Where to look at it in a browser. */
  url?: string;
}

export const TERMINAL_STATES: ReadonlySet<string> = new Set([
  'SUCCEEDED',
  'FAILED',
  'CANCELLED',
  'CANCELED',
  'SKIPPED',
]);

const PIPELINE_STATES = [
  'UNSPECIFIED',
  'QUEUED',
  'PENDING',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'CANCELLING',
  'CANCELLED',
  'PAUSED',
];
const TASK_STATES = [
  'UNSPECIFIED',
  'PENDING',
  'RUNNING',
  'SUCCEEDED',
  'CANCEL_PENDING',
  'CANCELLING',
  'CANCELLED',
  'FAILED',
  'SKIPPED',
  'NOT_TRIGGERED',
];

function stateName(
  state: string | number | null | undefined,
  names: readonly string[],
  prefix: string,
): string {
  if (typeof state === 'number') return names[state] ?? `UNKNOWN(${state})`;
  if (!state) return 'UNSPECIFIED';
  return state.startsWith(prefix) ? state.slice(prefix.length) : state;
}

export function isoTime(time: Timestamp | null | undefined): string | undefined {
  if (!time || time.seconds === undefined || time.seconds === null) return undefined;
  const ms = Number(time.seconds) * 1000 + Math.floor((time.nanos ?? 0) / 1_000_000);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}

function taskSummary(task: TaskDetailMessage): TaskSummary {
  return {
    name: task.taskName ?? String(task.taskId ?? '?'),
    state: stateName(task.state, TASK_STATES, ''),
    ...(task.error?.message ? { error: task.error.message } : {}),
  };
}

/** A PipelineJob message as a JobSummary. */
export function summarizeJob(job: PipelineJobMessage): JobSummary {
  const name = job.name ?? '';
  const match = /^projects\/([^/]+)\/locations\/([^/]+)\/pipelineJobs\/([^/]+)$/.exec(name);
  const [project, region, jobId] = match ? [match[1]!, match[2]!, match[3]!] : [undefined, undefined, name];
  const tasks = (job.jobDetail?.taskDetails ?? []).map(taskSummary);
  const summary: JobSummary = {
    name,
    jobId,
    ...(project ? { project, region } : {}),
    ...(job.displayName ? { displayName: job.displayName } : {}),
    state: stateName(job.state, PIPELINE_STATES, 'PIPELINE_STATE_'),
    tasks,
  };
  const times = { createTime: job.createTime, startTime: job.startTime, endTime: job.endTime };
  for (const [key, value] of Object.entries(times)) {
    const iso = isoTime(value);
    if (iso) summary[key as 'createTime'] = iso;
  }
  if (job.error?.message)
    summary.error = { ...(job.error.code ? { code: job.error.code } : {}), message: job.error.message };
  if (job.labels && Object.keys(job.labels).length > 0) summary.labels = { ...job.labels };
  if (job.runtimeConfig?.gcsOutputDirectory) summary.pipelineRoot = job.runtimeConfig.gcsOutputDirectory;
  if (project && region) summary.url = consoleUrl({ project, region }, jobId);
  return summary;
}

/** How to reach Vertex AI: a client, or what is needed to build one. */
export interface ConnectionOptions extends Partial<Omit<ClientOptions, 'region'>> {
  project?: string;
  region?: string;
  /** Use this client (tests, or a program that keeps one); it is not closed. */
  client?: PipelineServiceLike;
  retry?: RetryOptions;
}

/** Runs `work` with the given client, or with one built for `region` and closed afterwards. */
export async function withPipelineClient<T>(
  options: ConnectionOptions,
  region: string,
  work: (client: PipelineServiceLike) => Promise<T>,
): Promise<T> {
  if (options.client) return work(options.client);
  const client = await createPipelineServiceClient({ ...options, region });
  try {
    return await work(client);
  } finally {
    await client.close().catch(() => {});
  }
}

export interface JobReference extends ConnectionOptions {
  /** Full name `projects/P/locations/R/pipelineJobs/ID`, or an ID with `project` and `region`. */
  job: string;
}

function resolveJob(options: JobReference) {
  return resolveResourceName(options.job, 'pipelineJobs', {
    project: options.project,
    region: options.region,
  });
}

export async function getPipelineJob(options: JobReference): Promise<JobSummary> {
  const job = resolveJob(options);
  return withPipelineClient(options, job.region, (client) => fetchJob(client, job.name, options, job));
}

/** One GET, retried when transient. */
export async function fetchJob(
  client: PipelineServiceLike,
  name: string,
  options: { retry?: RetryOptions },
  where: { project?: string; region?: string },
): Promise<JobSummary> {
  try {
    const [message] = await withRetry(() => client.getPipelineJob({ name }), options.retry);
    return summarizeJob(message);
  } catch (error) {
    throw toApiError(error, { action: `getting pipeline job ${name}`, ...where });
  }
}

/**
 * Asks the service to cancel the job (it moves to CANCELLING, then CANCELLED) and returns the
 * job as it is right after. A job that already ended is a usage error naming its state.
 */
export async function cancelPipelineJob(options: JobReference): Promise<JobSummary> {
  const job = resolveJob(options);
  return withPipelineClient(options, job.region, async (client) => {
    try {
      await withRetry(() => client.cancelPipelineJob({ name: job.name }), options.retry);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === Status.FAILED_PRECONDITION) {
        const current = await fetchJob(client, job.name, options, job).catch(() => undefined);
        if (current && TERMINAL_STATES.has(current.state)) {
          throw usageError(
            `pipeline job ${job.id} has already ended (${current.state}); there is nothing to cancel.`,
          );
        }
      }
      throw toApiError(error, { action: `cancelling pipeline job ${job.name}`, ...job });
    }
    return fetchJob(client, job.name, options, job);
  });
}

export interface ListOptions extends ConnectionOptions {
  /** Vertex AI list filter, e.g. `display_name="churn" AND state="PIPELINE_STATE_RUNNING"`. */
  filter?: string;
  /** At most this many jobs (default 50). */
  limit?: number;
  orderBy?: string;
}

/** The newest jobs of the project and region (one page of at most `limit`). */
export async function listPipelineJobs(options: ListOptions): Promise<JobSummary[]> {
  const { project, region } = options;
  if (!project || !region) throw usageError('listing pipeline jobs needs a project and a region.');
  const parent = locationPath({ project, region });
  const limit = options.limit ?? 50;
  return withPipelineClient(options, region, async (client) => {
    const jobs: JobSummary[] = [];
    let pageToken: string | undefined;
    try {
      do {
        const request = {
          parent,
          pageSize: Math.min(100, limit - jobs.length),
          ...(options.filter ? { filter: options.filter } : {}),
          ...(options.orderBy ? { orderBy: options.orderBy } : {}),
          ...(pageToken ? { pageToken } : {}),
        };
        const [page, , response] = await withRetry(
          () => client.listPipelineJobs(request, { autoPaginate: false }),
          options.retry,
        );
        jobs.push(...page.map(summarizeJob));
        pageToken = response?.nextPageToken || undefined;
      } while (pageToken && jobs.length < limit);
    } catch (error) {
      throw toApiError(error, { action: `listing pipeline jobs in ${parent}`, project, region });
    }
    return jobs.slice(0, limit);
  });
}
