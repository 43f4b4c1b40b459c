/**
 * The parts of the Vertex AI clients this package uses, typed here rather than through the
 * package's 20 MB generated declarations. The real `PipelineServiceClient` and
 * `ScheduleServiceClient` satisfy these interfaces; tests may pass anything else that does.
 */
import type { ProtoStruct, ProtoValue } from './struct.js';

export interface Timestamp {
  seconds?: number | string | null;
  nanos?: number | null;
}

export interface StatusMessage {
  code?: number | null;
  message?: string | null;
}

export interface TaskDetailMessage {
  taskId?: number | string | null;
  parentTaskId?: number | string | null;
  taskName?: string | null;
  state?: string | number | null;
  startTime?: Timestamp | null;
  endTime?: Timestamp | null;
  error?: StatusMessage | null;
}

export interface PipelineJobMessage {
  name?: string | null;
  displayName?: string | null;
  createTime?: Timestamp | null;
  startTime?: Timestamp | null;
  endTime?: Timestamp | null;
  updateTime?: Timestamp | null;
  pipelineSpec?: ProtoStruct | null;
  state?: string | number | null;
  jobDetail?: { taskDetails?: TaskDetailMessage[] | null } | null;
  error?: StatusMessage | null;
  labels?: Record<string, string> | null;
  runtimeConfig?: {
    gcsOutputDirectory?: string | null;
    parameterValues?: Record<string, ProtoValue> | null;
    failurePolicy?: string | number | null;
  } | null;
  encryptionSpec?: { kmsKeyName?: string | null } | null;
  serviceAccount?: string | null;
  network?: string | null;
  scheduleName?: string | null;
}

export interface CallOptions {
  timeout?: number;
  autoPaginate?: boolean;
}

export interface PipelineServiceLike {
  createPipelineJob(
    request: { parent: string; pipelineJob: PipelineJobMessage; pipelineJobId?: string },
    options?: CallOptions,
  ): Promise<[PipelineJobMessage, ...unknown[]]>;
  getPipelineJob(
    request: { name: string },
    options?: CallOptions,
  ): Promise<[PipelineJobMessage, ...unknown[]]>;
  cancelPipelineJob(request: { name: string }, options?: CallOptions): Promise<unknown>;
  listPipelineJobs(
    request: { parent: string; filter?: string; pageSize?: number; pageToken?: string; orderBy?: string },
    options?: CallOptions,
  ): Promise<
    [PipelineJobMessage[], unknown, { nextPageToken?: string | null } | null | undefined, ...unknown[]]
  >;
  close(): Promise<void>;
}

export interface ScheduleMessage {
  name?: string | null;
  displayName?: string | null;
  cron?: string | null;
  createPipelineJobRequest?: {
    parent?: string | null;
    pipelineJob?: PipelineJobMessage | null;
    pipelineJobId?: string | null;
  } | null;
  startTime?: Timestamp | null;
  endTime?: Timestamp | null;
  maxRunCount?: number | string | null;
  startedRunCount?: number | string | null;
  state?: string | number | null;
  createTime?: Timestamp | null;
  nextRunTime?: Timestamp | null;
  maxConcurrentRunCount?: number | string | null;
  allowQueueing?: boolean | null;
}

export interface ScheduleServiceLike {
  createSchedule(
    request: { parent: string; schedule: ScheduleMessage },
    options?: CallOptions,
  ): Promise<[ScheduleMessage, ...unknown[]]>;
  getSchedule(request: { name: string }, options?: CallOptions): Promise<[ScheduleMessage, ...unknown[]]>;
  listSchedules(
    request: { parent: string; filter?: string; pageSize?: number; pageToken?: string; orderBy?: string },
    options?: CallOptions,
  ): Promise<
    [ScheduleMessage[], unknown, { nextPageToken?: string | null } | null | undefined, ...unknown[]]
  >;
  pauseSchedule(request: { name: string }, options?: CallOptions): Promise<unknown>;
  resumeSchedule(request: { name: string; catchUp?: boolean }, options?: CallOptions): Promise<unknown>;
  deleteSchedule(
    request: { name: string },
    options?: CallOptions,
  ): Promise<[{ promise(): Promise<unknown> }, ...unknown[]]>;
  close(): Promise<void>;
}
