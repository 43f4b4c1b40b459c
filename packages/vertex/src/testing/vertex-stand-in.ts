/**
 * An in-process stand-in for Vertex AI's `google.cloud.aiplatform.v1.PipelineService` and
 * `ScheduleService`, for tests: a gRPC server on 127.0.0.1 (port 0) built from the .proto files
 * shipped in @google-cloud/aiplatform, so the real PipelineServiceClient can be pointed at it
 * (`apiEndpoint: standIn.endpoint`, an `http://` URL: plaintext, no credentials).
 *
 * It keeps what it receives (to check what the client really sent: the spec as a Struct, typed
 * parameter values, labels...), validates like the service (an empty pipelineSpec or missing
 * gcsOutputDirectory is INVALID_ARGUMENT; a taken job ID is ALREADY_EXISTS), runs each job
 * through a small script (PENDING -> RUNNING with per-task progress -> SUCCEEDED, or FAILED /
 * CANCELLED, one step per read), and injects faults on request.
 */
import type { grpc as GrpcTypes } from 'google-gax';
import type { PipelineJobMessage, ScheduleMessage, TaskDetailMessage, Timestamp } from '../client-types.js';
import { Status } from '../grpc-status.js';
import { fromProtoStruct, fromProtoValue, type JsonValue } from '../struct.js';
import { RunScript, type RunSnapshot, rootTaskNames, type ScriptOptions } from './job-script.js';
import { grpc, vertexServiceDefinitions } from './protos.js';

export interface ReceivedCall {
  method: string;
  request: any;
  /** Request metadata (headers), lower-case keys. */
  metadata: Record<string, unknown>;
}

export interface StoredJob {
  /** The PipelineJob as created (received fields plus the service's output fields). */
  message: PipelineJobMessage;
  script: RunScript;
  createTime: Date;
  startTime?: Date;
  endTime?: Date;
}

type Fault = { code: number; message: string; times: number } | { lose: true; times: number };

type Handler = (
  call: { request: any; metadata: GrpcTypes.Metadata },
  callback: GrpcTypes.sendUnaryData<any>,
) => void;

const JOB_ID = /^[a-z][-a-z0-9]{0,127}$/;
const PARENT = /^projects\/[^/]+\/locations\/[^/]+$/;

export class VertexStandIn {
  /** `http://127.0.0.1:<port>`: give it to the client as its API endpoint. */
  readonly endpoint: string;
  readonly port: number;
  /** Every call received, in order (failed ones included). */
  readonly calls: ReceivedCall[] = [];
  /** How jobs created from now on behave. */
  script: ScriptOptions;
  private readonly server: GrpcTypes.Server;
  private readonly jobsByName = new Map<string, StoredJob>();
  private readonly schedulesByName = new Map<string, ScheduleMessage>();
  private readonly faults = new Map<string, Fault[]>();
  private generatedIds = 0;

  private constructor(server: GrpcTypes.Server, port: number, script: ScriptOptions) {
    this.server = server;
    this.port = port;
    this.endpoint = `http://127.0.0.1:${port}`;
    this.script = script;
  }

  static async start(script: ScriptOptions = {}): Promise<VertexStandIn> {
    const definitions = vertexServiceDefinitions();
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      );
    });
    const standIn = new VertexStandIn(server, port, script);
    server.addService(definitions.pipelineService, standIn.pipelineHandlers());
    server.addService(definitions.scheduleService, standIn.scheduleHandlers());
    return standIn;
  }

  /** The next `times` calls of `method` (e.g. 'CreatePipelineJob') fail with `code`. */
  failNext(method: string, code: number, options: { times?: number; message?: string } = {}): void {
    this.pushFault(method, {
      code,
      message: options.message ?? `injected ${code} for ${method}`,
      times: options.times ?? 1,
    });
  }

  /** The next call of `method` is carried out, but its answer is lost (the client sees UNAVAILABLE). */
  loseNextResponse(method: string): void {
    this.pushFault(method, { lose: true, times: 1 });
  }

  job(name: string): StoredJob | undefined {
    return this.jobsByName.get(name);
  }

  jobs(): StoredJob[] {
    return [...this.jobsByName.values()];
  }

  schedules(): ScheduleMessage[] {
    return [...this.schedulesByName.values()];
  }

  /** The pipeline spec of a job as the server received it, turned back into JSON. */
  receivedSpec(name: string): JsonValue {
    return fromProtoStruct(this.requireJob(name).message.pipelineSpec);
  }

  /** The runtime parameter values of a job as received, as JSON. */
  receivedParameters(name: string): Record<string, JsonValue> {
    const values = this.requireJob(name).message.runtimeConfig?.parameterValues ?? {};
    return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, fromProtoValue(v)]));
  }

  /** Calls of one method. */
  callsOf(method: string): ReceivedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.tryShutdown(() => resolve());
    });
    // Connections a client left open would keep tryShutdown waiting: end them.
    this.server.forceShutdown();
  }

  private requireJob(name: string): StoredJob {
    const job = this.jobsByName.get(name);
    if (!job) throw new Error(`stand-in: no job ${name}`);
    return job;
  }

  private pushFault(method: string, fault: Fault): void {
    const list = this.faults.get(method) ?? [];
    list.push(fault);
    this.faults.set(method, list);
  }

  /** Records the call and applies a pending fault: returns true when the call was answered. */
  private wrap(method: string, handler: (request: any) => any): Handler {
    return (call, callback) => {
      this.calls.push({ method, request: call.request, metadata: call.metadata.getMap() });
      const fault = this.faults.get(method)?.[0];
      if (fault) {
        fault.times--;
        if (fault.times <= 0) this.faults.get(method)!.shift();
      }
      if (fault && 'code' in fault) {
        callback({
          code: fault.code,
          details: fault.message,
          metadata: new grpc.Metadata(),
        } as GrpcTypes.ServiceError);
        return;
      }
      let response: any;
      try {
        response = handler(call.request);
      } catch (error) {
        if (error instanceof StatusError) {
          callback({
            code: error.code,
            details: error.message,
            metadata: new grpc.Metadata(),
          } as GrpcTypes.ServiceError);
          return;
        }
        callback({
          code: Status.INTERNAL,
          details: `stand-in bug: ${String(error)}`,
          metadata: new grpc.Metadata(),
        } as GrpcTypes.ServiceError);
        return;
      }
      if (fault && 'lose' in fault) {
        // The work is done, the answer never arrives: what a dropped connection looks like.
        callback({
          code: Status.UNAVAILABLE,
          details: 'Connection reset (injected: response lost)',
          metadata: new grpc.Metadata(),
        } as GrpcTypes.ServiceError);
        return;
      }
      callback(null, response);
    };
  }

  private pipelineHandlers(): Record<string, Handler> {
    return {
      CreatePipelineJob: this.wrap('CreatePipelineJob', (request) => this.createJob(request)),
      GetPipelineJob: this.wrap('GetPipelineJob', (request) => {
        const job = this.findJob(request.name);
        this.advance(job);
        return this.jobView(job);
      }),
      ListPipelineJobs: this.wrap('ListPipelineJobs', (request) => {
        if (!PARENT.test(request.parent ?? ''))
          throw new StatusError(Status.INVALID_ARGUMENT, 'Invalid parent.');
        const matches = [...this.jobsByName.values()]
          .filter((job) => job.message.name!.startsWith(`${request.parent}/`))
          .filter(jobFilter(request.filter ?? ''))
          .reverse(); // newest first, as the service lists them
        return page(matches, request, (job) => this.jobView(job), 'pipelineJobs');
      }),
      CancelPipelineJob: this.wrap('CancelPipelineJob', (request) => {
        const job = this.findJob(request.name);
        if (!job.script.cancel()) {
          throw new StatusError(
            Status.FAILED_PRECONDITION,
            `Cannot cancel pipeline job ${request.name} because it is in state PIPELINE_STATE_${job.script.snapshot().state}.`,
          );
        }
        return {};
      }),
    };
  }

  private createJob(request: any): PipelineJobMessage {
    const parent: string = request.parent ?? '';
    if (!PARENT.test(parent)) throw new StatusError(Status.INVALID_ARGUMENT, `Invalid parent '${parent}'.`);
    const job: PipelineJobMessage = request.pipelineJob ?? {};
    const specFields = Object.keys(job.pipelineSpec?.fields ?? {});
    if (specFields.length === 0) {
      throw new StatusError(
        Status.INVALID_ARGUMENT,
        'pipeline_spec is empty: the PipelineJob has no pipeline to run.',
      );
    }
    if (!job.runtimeConfig?.gcsOutputDirectory) {
      throw new StatusError(Status.INVALID_ARGUMENT, 'runtime_config.gcs_output_directory is required.');
    }
    const id: string = request.pipelineJobId || `job-${++this.generatedIds}`;
    if (!JOB_ID.test(id)) throw new StatusError(Status.INVALID_ARGUMENT, `Invalid pipeline_job_id '${id}'.`);
    const name = `${parent}/pipelineJobs/${id}`;
    if (this.jobsByName.has(name))
      throw new StatusError(Status.ALREADY_EXISTS, `PipelineJob ${name} already exists.`);
    const spec = fromProtoStruct(job.pipelineSpec);
    const stored: StoredJob = {
      message: { ...job, name },
      script: new RunScript(rootTaskNames(spec), this.script),
      createTime: new Date(),
    };
    this.jobsByName.set(name, stored);
    return this.jobView(stored);
  }

  private findJob(name: string): StoredJob {
    const job = this.jobsByName.get(name ?? '');
    if (!job) throw new StatusError(Status.NOT_FOUND, `PipelineJob ${name} does not exist.`);
    return job;
  }

  private advance(job: StoredJob): void {
    const snapshot = job.script.read();
    if (snapshot.started && !job.startTime) job.startTime = new Date();
    if (snapshot.ended && !job.endTime) job.endTime = new Date();
  }

  /** The job as GetPipelineJob shows it now. */
  private jobView(job: StoredJob): PipelineJobMessage {
    const snapshot: RunSnapshot = job.script.snapshot();
    const taskDetails: TaskDetailMessage[] = snapshot.tasks.map((task, index) => ({
      taskId: String(index + 1),
      taskName: task.name,
      state: task.state,
      ...(task.error ? { error: { code: 9, message: task.error } } : {}),
    }));
    return {
      ...job.message,
      createTime: timestamp(job.createTime),
      updateTime: timestamp(new Date()),
      ...(job.startTime ? { startTime: timestamp(job.startTime) } : {}),
      ...(job.endTime ? { endTime: timestamp(job.endTime) } : {}),
      state: `PIPELINE_STATE_${snapshot.state}`,
      jobDetail: { taskDetails },
      ...(snapshot.error ? { error: snapshot.error } : {}),
    };
  }

  private scheduleHandlers(): Record<string, Handler> {
    const find = (name: string): ScheduleMessage => {
      const schedule = this.schedulesByName.get(name ?? '');
      if (!schedule) throw new StatusError(Status.NOT_FOUND, `Schedule ${name} does not exist.`);
      return schedule;
    };
    return {
      CreateSchedule: this.wrap('CreateSchedule', (request) => {
        const parent: string = request.parent ?? '';
        if (!PARENT.test(parent))
          throw new StatusError(Status.INVALID_ARGUMENT, `Invalid parent '${parent}'.`);
        const schedule: ScheduleMessage = request.schedule ?? {};
        if (!schedule.displayName)
          throw new StatusError(Status.INVALID_ARGUMENT, 'display_name is required.');
        if (!schedule.cron) throw new StatusError(Status.INVALID_ARGUMENT, 'cron is required.');
        if (!(Number(schedule.maxConcurrentRunCount) > 0)) {
          throw new StatusError(Status.INVALID_ARGUMENT, 'max_concurrent_run_count must be positive.');
        }
        const jobRequest = schedule.createPipelineJobRequest;
        if (Object.keys(jobRequest?.pipelineJob?.pipelineSpec?.fields ?? {}).length === 0) {
          throw new StatusError(
            Status.INVALID_ARGUMENT,
            'create_pipeline_job_request.pipeline_job.pipeline_spec is empty.',
          );
        }
        if (!jobRequest?.pipelineJob?.runtimeConfig?.gcsOutputDirectory) {
          throw new StatusError(Status.INVALID_ARGUMENT, 'runtime_config.gcs_output_directory is required.');
        }
        const name = `${parent}/schedules/${1000 + this.schedulesByName.size + 1}`;
        const now = new Date();
        const stored: ScheduleMessage = {
          ...schedule,
          name,
          state: 'ACTIVE',
          createTime: timestamp(now),
          nextRunTime: timestamp(new Date(now.getTime() + 3600_000)),
          startedRunCount: '0',
        };
        this.schedulesByName.set(name, stored);
        return stored;
      }),
      GetSchedule: this.wrap('GetSchedule', (request) => find(request.name)),
      ListSchedules: this.wrap('ListSchedules', (request) => {
        const matches = [...this.schedulesByName.values()].filter((s) =>
          s.name!.startsWith(`${request.parent}/`),
        );
        return page(matches, request, (s) => s, 'schedules');
      }),
      PauseSchedule: this.wrap('PauseSchedule', (request) => {
        const schedule = find(request.name);
        if (schedule.state !== 'ACTIVE') {
          throw new StatusError(
            Status.FAILED_PRECONDITION,
            `Schedule ${request.name} is ${schedule.state}, not ACTIVE.`,
          );
        }
        schedule.state = 'PAUSED';
        return {};
      }),
      ResumeSchedule: this.wrap('ResumeSchedule', (request) => {
        const schedule = find(request.name);
        if (schedule.state !== 'PAUSED') {
          throw new StatusError(
            Status.FAILED_PRECONDITION,
            `Schedule ${request.name} is ${schedule.state}, not PAUSED.`,
          );
        }
        schedule.state = 'ACTIVE';
        return {};
      }),
      DeleteSchedule: this.wrap('DeleteSchedule', (request) => {
        find(request.name);
        this.schedulesByName.delete(request.name);
        // A long-running operation that is already done: the client does not need to poll.
        return {
          name: `${request.name}/operations/1`,
          done: true,
          response: { typeUrl: 'type.googleapis.com/google.protobuf.Empty', value: Buffer.alloc(0) },
        };
      }),
    };
  }
}

class StatusError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

function timestamp(date: Date): Timestamp {
  const ms = date.getTime();
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
}

/** Pages of a list response: `pageToken` is the offset as text. */
function page<T>(
  items: T[],
  request: any,
  view: (item: T) => unknown,
  field: string,
): Record<string, unknown> {
  const size = Number(request.pageSize) > 0 ? Number(request.pageSize) : 100;
  const start = request.pageToken ? Number(request.pageToken) : 0;
  if (!Number.isInteger(start) || start < 0)
    throw new StatusError(Status.INVALID_ARGUMENT, 'Invalid page_token.');
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? String(start + size) : '';
  return { [field]: slice.map(view), nextPageToken: next };
}

/**
 * The part of Vertex's list filter syntax tests use: `field="value"` clauses joined by AND, for
 * display_name, state and labels.<key>. Anything else is INVALID_ARGUMENT, as the service
 * answers a filter it cannot parse.
 */
function jobFilter(filter: string): (job: StoredJob) => boolean {
  if (filter.trim() === '') return () => true;
  const clauses = filter.split(/\s+AND\s+/i).map((clause) => {
    const match = /^\s*([a-z_.]+(?:\.[a-z0-9_-]+)?)\s*=\s*"([^"]*)"\s*$/i.exec(clause);
    if (!match) throw new StatusError(Status.INVALID_ARGUMENT, `Unsupported filter: ${clause}`);
    return { field: match[1]!, value: match[2]! };
  });
  return (job) =>
    clauses.every(({ field, value }) => {
      if (field === 'display_name') return job.message.displayName === value;
      if (field === 'state') return `PIPELINE_STATE_${job.script.snapshot().state}` === value;
      if (field.startsWith('labels.')) return job.message.labels?.[field.slice(7)] === value;
      throw new StatusError(Status.INVALID_ARGUMENT, `Unsupported filter field: ${field}`);
    });
}
