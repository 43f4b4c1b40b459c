/**
 * Recurring runs with Vertex AI's ScheduleService: a cron expression and a CreatePipelineJob
 * request (the same one submit builds: checked, staged, in Struct form) that the service sends
 * at each tick. Create, list, get, pause, resume, delete.
 */
import { toApiError } from './api-errors.js';
import type { ScheduleMessage, ScheduleServiceLike } from './client-types.js';
import { type ClientOptions, createScheduleServiceClient } from './clients.js';
import { usageError } from './errors.js';
import { isoTime } from './jobs.js';
import { locationPath, resolveResourceName } from './resource-names.js';
import { type RetryOptions, withRetry } from './retry.js';
import { type PipelineRunOptions, preparePipelineJob } from './submit.js';

export interface ScheduleConnection extends Partial<Omit<ClientOptions, 'region'>> {
  project?: string;
  region?: string;
  client?: ScheduleServiceLike;
  retry?: RetryOptions;
}

export interface ScheduleSummary {
  name: string;
  scheduleId: string;
  displayName?: string;
  cron?: string;
  /** ACTIVE, PAUSED, COMPLETED. */
  state: string;
  createTime?: string;
  nextRunTime?: string;
  startedRunCount?: number;
  maxConcurrentRunCount?: number;
}

export function summarizeSchedule(schedule: ScheduleMessage): ScheduleSummary {
  const name = schedule.name ?? '';
  const summary: ScheduleSummary = {
    name,
    scheduleId: name.split('/').pop() ?? name,
    state:
      typeof schedule.state === 'string'
        ? schedule.state
        : (['STATE_UNSPECIFIED', 'ACTIVE', 'PAUSED', 'COMPLETED'][Number(schedule.state ?? 0)] ??
          'STATE_UNSPECIFIED'),
  };
  if (schedule.displayName) summary.displayName = schedule.displayName;
  if (schedule.cron) summary.cron = schedule.cron;
  const created = isoTime(schedule.createTime);
  if (created) summary.createTime = created;
  const next = isoTime(schedule.nextRunTime);
  if (next) summary.nextRunTime = next;
  if (schedule.startedRunCount !== undefined && schedule.startedRunCount !== null) {
    summary.startedRunCount = Number(schedule.startedRunCount);
  }
  if (schedule.maxConcurrentRunCount) summary.maxConcurrentRunCount = Number(schedule.maxConcurrentRunCount);
  return summary;
}

/**
 * Five cron fields, optionally after `TZ=<zone> ` or `CRON_TZ=<zone> ` (what Vertex accepts);
 * checked here so a typo is a usage error rather than a round trip.
 */
export function checkCron(cron: string): string {
  const body = cron.trim().replace(/^(CRON_TZ|TZ)=\S+\s+/, '');
  const fields = body.split(/\s+/);
  if (fields.length !== 5 || fields.some((f) => !/^[0-9A-Za-z*,/?#LW-]+$/.test(f))) {
    throw usageError(
      `cron '${cron}' is not a cron expression: give five fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1", optionally after TZ=<zone>.`,
    );
  }
  return cron.trim();
}

async function withScheduleClient<T>(
  options: ScheduleConnection,
  region: string,
  work: (client: ScheduleServiceLike) => Promise<T>,
): Promise<T> {
  if (options.client) return work(options.client);
  const client = await createScheduleServiceClient({ ...options, region });
  try {
    return await work(client);
  } finally {
    await client.close().catch(() => {});
  }
}

export interface CreateScheduleOptions
  extends PipelineRunOptions,
    Omit<ScheduleConnection, 'project' | 'region'> {
  cron: string;
  /** Default: `<display name of the pipeline> (schedule)`. */
  scheduleDisplayName?: string;
  /** Runs allowed at once (default 1). */
  maxConcurrentRunCount?: number;
  /** Stop after this many runs. */
  maxRunCount?: number;
  startTime?: Date;
  endTime?: Date;
  /** Queue a run when the concurrency limit is reached instead of skipping it. */
  allowQueueing?: boolean;
}

export async function createSchedule(options: CreateScheduleOptions): Promise<ScheduleSummary> {
  const cron = checkCron(options.cron);
  const maxConcurrent = options.maxConcurrentRunCount ?? 1;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw usageError('max concurrent runs must be a positive integer.');
  }
  let client = options.client;
  let owned = false;
  try {
    const prepared = await preparePipelineJob(options, async () => {
      if (!client) {
        client = await createScheduleServiceClient({ ...options, region: options.region! });
        owned = true;
      }
    });
    const schedule: ScheduleMessage = {
      displayName: options.scheduleDisplayName ?? `${prepared.message.displayName} (schedule)`,
      cron,
      maxConcurrentRunCount: maxConcurrent,
      createPipelineJobRequest: { parent: prepared.parent, pipelineJob: prepared.message },
      ...(options.maxRunCount ? { maxRunCount: options.maxRunCount } : {}),
      ...(options.startTime ? { startTime: timestamp(options.startTime) } : {}),
      ...(options.endTime ? { endTime: timestamp(options.endTime) } : {}),
      ...(options.allowQueueing ? { allowQueueing: true } : {}),
    };
    try {
      // Not retried: a lost answer would leave a schedule we cannot recognise (its ID is the service's).
      const [created] = await client!.createSchedule({ parent: prepared.parent, schedule });
      return summarizeSchedule(created);
    } catch (error) {
      throw toApiError(error, {
        action: 'creating the schedule',
        project: prepared.project,
        region: prepared.region,
      });
    }
  } finally {
    if (owned) await client?.close().catch(() => {});
  }
}

export interface ScheduleReference extends ScheduleConnection {
  /** Full name `projects/P/locations/R/schedules/ID`, or an ID with `project` and `region`. */
  schedule: string;
}

function resolveSchedule(options: ScheduleReference) {
  return resolveResourceName(options.schedule, 'schedules', {
    project: options.project,
    region: options.region,
  });
}

export async function getSchedule(options: ScheduleReference): Promise<ScheduleSummary> {
  const target = resolveSchedule(options);
  return withScheduleClient(options, target.region, async (client) => {
    try {
      const [schedule] = await withRetry(() => client.getSchedule({ name: target.name }), options.retry);
      return summarizeSchedule(schedule);
    } catch (error) {
      throw toApiError(error, { action: `getting schedule ${target.name}`, ...target });
    }
  });
}

async function scheduleAction(
  options: ScheduleReference,
  verb: 'pausing' | 'resuming' | 'deleting',
  call: (client: ScheduleServiceLike, name: string) => Promise<unknown>,
): Promise<ScheduleSummary | { name: string; deleted: true }> {
  const target = resolveSchedule(options);
  return withScheduleClient(options, target.region, async (client) => {
    try {
      await withRetry(() => call(client, target.name), options.retry);
      if (verb === 'deleting') return { name: target.name, deleted: true as const };
      const [schedule] = await withRetry(() => client.getSchedule({ name: target.name }), options.retry);
      return summarizeSchedule(schedule);
    } catch (error) {
      throw toApiError(error, { action: `${verb} schedule ${target.name}`, ...target });
    }
  });
}

export async function pauseSchedule(options: ScheduleReference): Promise<ScheduleSummary> {
  return (await scheduleAction(options, 'pausing', (c, name) =>
    c.pauseSchedule({ name }),
  )) as ScheduleSummary;
}

export async function resumeSchedule(options: ScheduleReference): Promise<ScheduleSummary> {
  return (await scheduleAction(options, 'resuming', (c, name) =>
    c.resumeSchedule({ name }),
  )) as ScheduleSummary;
}

/** Deletes the schedule (runs it started are kept). Waits for the service's operation to finish. */
export async function deleteSchedule(options: ScheduleReference): Promise<{ name: string; deleted: true }> {
  return (await scheduleAction(options, 'deleting', async (c, name) => {
    const [operation] = await c.deleteSchedule({ name });
    await operation.promise();
  })) as { name: string; deleted: true };
}

export interface ListSchedulesOptions extends ScheduleConnection {
  filter?: string;
  limit?: number;
}

export async function listSchedules(options: ListSchedulesOptions): Promise<ScheduleSummary[]> {
  const { project, region } = options;
  if (!project || !region) throw usageError('listing schedules needs a project and a region.');
  const parent = locationPath({ project, region });
  const limit = options.limit ?? 50;
  return withScheduleClient(options, region, async (client) => {
    const schedules: ScheduleSummary[] = [];
    let pageToken: string | undefined;
    try {
      do {
        const request = {
          parent,
          pageSize: Math.min(100, limit - schedules.length),
          ...(options.filter ? { filter: options.filter } : {}),
          ...(pageToken ? { pageToken } : {}),
        };
        const [page, , response] = await withRetry(
          () => client.listSchedules(request, { autoPaginate: false }),
          options.retry,
        );
        schedules.push(...page.map(summarizeSchedule));
        pageToken = response?.nextPageToken || undefined;
      } while (pageToken && schedules.length < limit);
    } catch (error) {
      throw toApiError(error, { action: `listing schedules in ${parent}`, project, region });
    }
    return schedules.slice(0, limit);
  });
}

function timestamp(date: Date) {
  return { seconds: String(Math.floor(date.getTime() / 1000)), nanos: 0 };
}
