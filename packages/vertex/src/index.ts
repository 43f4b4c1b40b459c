/**
 * @kfp-ts/vertex: submit kfp-ts pipelines to Vertex AI Pipelines and follow them (status, wait,
 * cancel, list, schedules), or run the same IR on a self-hosted Kubeflow Pipelines (REST
 * v2beta1). The `kfp-ts submit|status|wait|cancel|list|schedule` commands are built on these
 * functions; every one takes a compiled spec or a pipeline object, and its clients injectable.
 */
export { toApiError } from './api-errors.js';
export type { ClientConnection, ClientThread, ClientThreadOptions } from './client-thread-host.js';
export { startClientThread } from './client-thread-host.js';
export type {
  PipelineJobMessage,
  PipelineServiceLike,
  ScheduleMessage,
  ScheduleServiceLike,
  TaskDetailMessage,
} from './client-types.js';
export type { ClientOptions, Endpoint } from './clients.js';
export {
  createPipelineServiceClient,
  createScheduleServiceClient,
  parseApiEndpoint,
  preloadClients,
} from './clients.js';
export type { AuthLike } from './credentials.js';
export { CREDENTIALS_HINT, checkCredentials } from './credentials.js';
export type { VertexErrorKind } from './errors.js';
export { ApiError, JobFailedError, VertexError } from './errors.js';
export { grpcCodeOf, isTransient, Status, statusName } from './grpc-status.js';
export { checkJobId, defaultJobId, JOB_ID_PATTERN } from './job-id.js';
export type { ConnectionOptions, JobReference, JobSummary, ListOptions, TaskSummary } from './jobs.js';
export {
  cancelPipelineJob,
  getPipelineJob,
  listPipelineJobs,
  summarizeJob,
  TERMINAL_STATES,
} from './jobs.js';
export type { KfpConnection, KfpRunReference, KfpSubmitOptions } from './kfp-rest.js';
export {
  getKfpRun,
  listKfpRuns,
  submitKfpRun,
  summarizeKfpRun,
  terminateKfpRun,
  waitForKfpRun,
} from './kfp-rest.js';
export type { ParameterIssue, RootParameter } from './parameters.js';
export {
  assertParameterValues,
  checkParameterValues,
  parameterError,
  parseParameterAssignments,
  parseParameterText,
  rootParameters,
} from './parameters.js';
export type { ResolvedPipeline } from './pipeline-source.js';
export { isPipelineSpecObject, resolvePipeline, withCaching } from './pipeline-source.js';
export type { Location } from './resource-names.js';
export {
  consoleUrl,
  locationPath,
  pipelineJobName,
  resolveResourceName,
  scheduleName,
} from './resource-names.js';
export type { RetryOptions } from './retry.js';
export { RetriesExhausted, withRetry } from './retry.js';
export type {
  CreateScheduleOptions,
  ListSchedulesOptions,
  ScheduleConnection,
  ScheduleReference,
  ScheduleSummary,
} from './schedules.js';
export {
  checkCron,
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  pauseSchedule,
  resumeSchedule,
} from './schedules.js';
export type { GcsLocation, StagedAsset, StorageClientOptions, StorageLike } from './staging.js';
export {
  assetsBase,
  createStorageClient,
  parseGcsUri,
  referencedAssets,
  rewriteAssetReferences,
  stageAssets,
  uploadLocalFile,
} from './staging.js';
export type { JsonValue, ProtoStruct, ProtoValue } from './struct.js';
export { fromProtoStruct, fromProtoValue, toProtoStruct, toProtoValue } from './struct.js';
export type {
  FailurePolicy,
  PipelineRunOptions,
  PreparedJob,
  SubmitOptions,
  SubmittedJob,
} from './submit.js';
export { preparePipelineJob, submitPipelineJob } from './submit.js';
export type { PollOptions, WaitOptions, WaitUpdate } from './wait.js';
export { pollUntilDone, WaitInterrupted, waitForPipelineJob } from './wait.js';
