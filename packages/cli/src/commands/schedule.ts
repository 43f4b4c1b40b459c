/**
 * `kfp-ts schedule create <file> --cron "..."` and `schedule list|pause|resume|delete`: recurring
 * runs with Vertex AI's ScheduleService. A schedule is its full name
 * (`projects/P/locations/R/schedules/ID`) or an ID with --project and --region.
 */
import type { ScheduleSummary } from '@kfp-ts/vertex';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';
import {
  asCliError,
  loadVertex,
  pipelineErrorWithFile,
  positiveInt,
  resolveTarget,
  type TargetOptions,
} from './run-options.js';
import { prepareRun, type RunCommandOptions } from './submit.js';

export interface ScheduleCreateOptions extends RunCommandOptions {
  cron: string;
  scheduleName?: string;
  maxConcurrentRuns?: string;
  maxRuns?: string;
  startTime?: string;
  endTime?: string;
  allowQueueing?: boolean;
}

export interface ScheduleCommandOptions extends TargetOptions {
  filter?: string;
  limit?: string;
}

function vertexTarget(options: TargetOptions) {
  const target = resolveTarget(options);
  if (target.kind !== 'vertex')
    throw new UsageError('schedules are a Vertex AI feature: --target kfp is not available.');
  return {
    ...(target.project ? { project: target.project } : {}),
    ...(target.region ? { region: target.region } : {}),
    ...(target.apiEndpoint ? { apiEndpoint: target.apiEndpoint } : {}),
    ...(target.storageEndpoint ? { storageEndpoint: target.storageEndpoint } : {}),
  };
}

function date(option: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const value = new Date(text);
  if (Number.isNaN(value.getTime()))
    throw new UsageError(`${option} ${text}: expected a date and time, e.g. 2025-07-01T09:00:00Z.`);
  return value;
}

export async function scheduleCreateCommand(
  file: string,
  options: ScheduleCreateOptions,
  { io }: CommandContext,
): Promise<number> {
  const target = vertexTarget(options);
  const maxConcurrent = positiveInt('--max-concurrent-runs', options.maxConcurrentRuns);
  const maxRuns = positiveInt('--max-runs', options.maxRuns);
  const startTime = date('--start-time', options.startTime);
  const endTime = date('--end-time', options.endTime);
  const run = await prepareRun(file, options, io.cwd, { kind: 'vertex' });
  const { vertex } = run;
  const schedule = await vertex
    .createSchedule({
      ...target,
      cron: options.cron,
      pipeline: run.loaded.pipeline,
      assets: run.loaded.assets,
      parameterValues: run.parameterValues,
      uploads: run.uploads,
      labels: run.labels,
      ...(options.pipelineRoot ? { pipelineRoot: options.pipelineRoot } : {}),
      ...(options.displayName ? { displayName: options.displayName } : {}),
      ...(options.scheduleName ? { scheduleDisplayName: options.scheduleName } : {}),
      ...(maxConcurrent ? { maxConcurrentRunCount: maxConcurrent } : {}),
      ...(maxRuns ? { maxRunCount: maxRuns } : {}),
      ...(startTime ? { startTime } : {}),
      ...(endTime ? { endTime } : {}),
      ...(options.allowQueueing ? { allowQueueing: true } : {}),
      ...(options.serviceAccount ? { serviceAccount: options.serviceAccount } : {}),
      ...(options.network ? { network: options.network } : {}),
      ...(options.encryptionKey ? { encryptionKey: options.encryptionKey } : {}),
      ...(options.cache === undefined ? {} : { enableCaching: options.cache }),
      ...(options.failurePolicy ? { failurePolicy: options.failurePolicy as 'fast' | 'slow' } : {}),
    })
    .catch((error: unknown) => {
      throw asCliError(vertex, pipelineErrorWithFile(error, run.loaded.shown));
    });
  io.stdout(
    options.json
      ? `${JSON.stringify(schedule, null, 2)}\n`
      : `created schedule ${schedule.name} (${schedule.cron}, ${schedule.state})\n`,
  );
  return 0;
}

export async function scheduleListCommand(
  options: ScheduleCommandOptions,
  { io }: CommandContext,
): Promise<number> {
  const target = vertexTarget(options);
  const limit = positiveInt('--limit', options.limit) ?? 50;
  const vertex = await loadVertex();
  const schedules = await vertex
    .listSchedules({ ...target, limit, ...(options.filter ? { filter: options.filter } : {}) })
    .catch((error: unknown) => {
      throw asCliError(vertex, error);
    });
  io.stdout(options.json ? `${JSON.stringify(schedules, null, 2)}\n` : table(schedules));
  return 0;
}

export async function scheduleActionCommand(
  action: 'pause' | 'resume' | 'delete',
  schedule: string,
  options: ScheduleCommandOptions,
  { io }: CommandContext,
): Promise<number> {
  const target = vertexTarget(options);
  const vertex = await loadVertex();
  const call = { pause: vertex.pauseSchedule, resume: vertex.resumeSchedule, delete: vertex.deleteSchedule }[
    action
  ];
  const result = await call({ ...target, schedule }).catch((error: unknown) => {
    throw asCliError(vertex, error);
  });
  if (options.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if ('deleted' in result) io.stdout(`deleted schedule ${result.name}\n`);
  else io.stdout(`schedule ${result.name} is ${result.state}\n`);
  return 0;
}

function table(schedules: ScheduleSummary[]): string {
  if (schedules.length === 0) return 'no schedules\n';
  const rows = [
    ['SCHEDULE', 'STATE', 'CRON', 'NEXT RUN', 'DISPLAY NAME'],
    ...schedules.map((s) => [s.scheduleId, s.state, s.cron ?? '', s.nextRunTime ?? '', s.displayName ?? '']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n')}\n`;
}
