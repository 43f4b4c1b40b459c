/**
 * Local stand-ins for tests and benchmarks (not for production use): Vertex AI's gRPC
 * PipelineService and ScheduleService, the Cloud Storage JSON API, and the Kubeflow Pipelines
 * REST API. Each binds to 127.0.0.1 on a free port; close it when done.
 */
export { crc32cBase64, type GcsRequest, GcsStandIn, type StoredObject } from './gcs-stand-in.js';
export { RunScript, type RunSnapshot, rootTaskNames, type ScriptOptions } from './job-script.js';
export { KfpStandIn } from './kfp-stand-in.js';
export { type ReceivedCall, type StoredJob, VertexStandIn } from './vertex-stand-in.js';
