/**
 * Submitting a pipeline job to Vertex AI Pipelines. In order, so that nothing reaches the
 * network before the local checks pass:
 *
 * 1. the pipeline compiles (or the given spec validates); caching override applied;
 * 2. project, region, pipeline root, job ID, labels and parameter values are checked (all
 *    parameter problems in one message);
 * 3. credentials are found (clients.ts);
 * 4. staged bundles and `uploads` go to Cloud Storage (staging.ts);
 * 5. CreatePipelineJob, with the spec and the values in protobuf Struct/Value form, retried on
 *    transient errors without ever making two jobs (see `createJobOnce`).
 */
import { toApiError } from './api-errors.js';
import type { PipelineJobMessage, PipelineServiceLike } from './client-types.js';
import { usageError } from './errors.js';
import { grpcCodeOf, Status } from './grpc-status.js';
import { checkJobId, defaultJobId } from './job-id.js';
import { type ConnectionOptions, type JobSummary, summarizeJob } from './jobs.js';
import { assertParameterValues } from './parameters.js';
import { resolvePipeline, withCaching } from './pipeline-source.js';
import { consoleUrl, locationPath, pipelineJobName } from './resource-names.js';
import { type RetryOptions, withRetry } from './retry.js';
import {
  assetsBase,
  createStorageClient,
  parseGcsUri,
  rewriteAssetReferences,
  type StagedAsset,
  type StagingProgress,
  type StorageLike,
  stageAssets,
  uploadLocalFile,
} from './staging.js';
import { type JsonValue, toProtoStruct, toProtoValue } from './struct.js';

export type FailurePolicy = 'fast' | 'slow';

/** What a pipeline run is made of; shared by submit and schedule create. */
export interface PipelineRunOptions {
  /** A compiled PipelineSpec object, or a pipeline made with @kfp-ts/dsl (compiled here). */
  pipeline: unknown;
  /** Bundles a given spec refers to (`kfp-ts-asset:`); a compiled DSL pipeline brings its own. */
  assets?: readonly StagedAsset[];
  project?: string;
  region?: string;
  /** gs:// location for the run's outputs; default: the pipeline's `defaultPipelineRoot`. */
  pipelineRoot?: string;
  /** Values of the pipeline's parameters (JSON, of the declared types). */
  parameterValues?: Record<string, JsonValue>;
  /** Parameter name -> local file: uploaded, and its gs:// URI passed as the value. */
  uploads?: Record<string, string>;
  displayName?: string;
  labels?: Record<string, string>;
  serviceAccount?: string;
  /** Full VPC network name, `projects/<number>/global/networks/<name>`. */
  network?: string;
  /** Cloud KMS key name for customer-managed encryption. */
  encryptionKey?: string;
  /** Overrides the caching of every task (true or false); default: as compiled. */
  enableCaching?: boolean;
  failurePolicy?: FailurePolicy;
  /** Cloud Storage client (default: built from `storageEndpoint`, on demand). */
  storage?: StorageLike;
  storageEndpoint?: string;
  /** Told about each staged file. */
  onStaged?: StagingProgress;
}

export interface SubmitOptions extends PipelineRunOptions, Omit<ConnectionOptions, 'project' | 'region'> {
  /** Default `<pipeline-name>-<yyyymmddhhmmss>`. */
  jobId?: string;
  /** For the default job ID (tests). */
  now?: Date;
  /** Told before each retry of CreatePipelineJob. */
  onRetry?: RetryOptions['onRetry'];
  /**
   * Without `client`: gives the client, called where submit would build one (after the local
   * checks, before staging), so that its failure (no credentials) comes at the same point. The
   * client stays the caller's: it is not closed. For a client built elsewhere, such as on the
   * client thread (`startClientThread().pipelineService`).
   */
  connect?: () => Promise<PipelineServiceLike>;
}

export interface SubmittedJob extends JobSummary {
  project: string;
  region: string;
  /** The Google Cloud console page of the run. */
  url: string;
  pipelineRoot: string;
  /** The parameter values sent (uploads resolved to gs:// URIs). */
  parameterValues: Record<string, JsonValue>;
  /** gs:// URIs of the staged bundles and uploads. */
  staged: string[];
}

/** A PipelineJob ready to create (used by submit and by schedules). */
export interface PreparedJob {
  project: string;
  region: string;
  parent: string;
  pipelineName: string;
  pipelineRoot: string;
  parameterValues: Record<string, JsonValue>;
  message: PipelineJobMessage;
  staged: string[];
}

const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/**
 * Steps 1, 2 and 4: the local checks, then staging (`beforeStaging` runs in between, where
 * submit checks credentials). Returns the PipelineJob message.
 */
export async function preparePipelineJob(
  options: PipelineRunOptions,
  beforeStaging: () => Promise<void> = async () => {},
): Promise<PreparedJob> {
  const resolved = await resolvePipeline(options.pipeline, { assets: options.assets });
  const spec =
    options.enableCaching === undefined ? resolved.spec : withCaching(resolved.spec, options.enableCaching);
  const { project, region } = options;
  if (!project) {
    throw usageError('no project: pass --project, or set GOOGLE_CLOUD_PROJECT (or CLOUDSDK_CORE_PROJECT).');
  }
  if (!region) {
    throw usageError(
      'no region: pass --region (e.g. us-central1), or set GOOGLE_CLOUD_REGION (or CLOUDSDK_COMPUTE_REGION).',
    );
  }
  const pipelineRoot = (options.pipelineRoot ?? spec.defaultPipelineRoot)?.replace(/\/+$/, '');
  if (!pipelineRoot) {
    throw usageError(
      `pipeline '${resolved.name}' has no pipeline root: pass --pipeline-root gs://<bucket>/<path> (where the run writes its outputs), or set pipelineRoot in the pipeline.`,
    );
  }
  if (!pipelineRoot.startsWith('gs://')) {
    throw usageError(
      `pipeline root '${pipelineRoot}': Vertex AI needs a Cloud Storage location (gs://bucket/path).`,
    );
  }
  parseGcsUri(pipelineRoot);
  checkLabels(options.labels ?? {});
  if (options.failurePolicy && options.failurePolicy !== 'fast' && options.failurePolicy !== 'slow') {
    throw usageError(`failure policy '${options.failurePolicy}': use fast or slow.`);
  }

  // Uploaded files are checked as gs:// strings: the values they will have.
  const uploads = options.uploads ?? {};
  const values: Record<string, JsonValue> = { ...(options.parameterValues ?? {}) };
  for (const name of Object.keys(uploads)) {
    if (name in values) throw usageError(`parameter '${name}' is given both a value and an --upload.`);
    values[name] = `gs://uploaded/${name}`;
  }
  assertParameterValues(resolved.name, spec, values);

  const { spec: rewritten, referenced } = rewriteAssetReferences(spec, assetsBase(pipelineRoot));
  await beforeStaging();

  const staged: string[] = [];
  if (referenced.length > 0 || Object.keys(uploads).length > 0) {
    const storage =
      options.storage ?? (await createStorageClient({ storageEndpoint: options.storageEndpoint, project }));
    staged.push(...(await stageAssets(storage, pipelineRoot, referenced, resolved.assets, options.onStaged)));
    for (const [name, file] of Object.entries(uploads)) {
      const uri = await uploadLocalFile(storage, pipelineRoot, file, options.onStaged);
      values[name] = uri;
      staged.push(uri);
    }
  }

  const message: PipelineJobMessage = {
    displayName: options.displayName ?? spec.pipelineInfo.displayName ?? resolved.name,
    // Struct form: a plain object here would be dropped silently by the client.
    pipelineSpec: toProtoStruct(rewritten),
    runtimeConfig: {
      gcsOutputDirectory: pipelineRoot,
      parameterValues: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, toProtoValue(v)])),
      ...(options.failurePolicy
        ? { failurePolicy: `PIPELINE_FAILURE_POLICY_FAIL_${options.failurePolicy.toUpperCase()}` }
        : {}),
    },
    ...(options.labels && Object.keys(options.labels).length > 0 ? { labels: { ...options.labels } } : {}),
    ...(options.serviceAccount ? { serviceAccount: options.serviceAccount } : {}),
    ...(options.network ? { network: options.network } : {}),
    ...(options.encryptionKey ? { encryptionSpec: { kmsKeyName: options.encryptionKey } } : {}),
  };
  return {
    project,
    region,
    parent: locationPath({ project, region }),
    pipelineName: resolved.name,
    pipelineRoot,
    parameterValues: values,
    message,
    staged,
  };
}

function checkLabels(labels: Record<string, string>): void {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (!LABEL_KEY.test(key)) problems.push(`key '${key}'`);
    if (!LABEL_VALUE.test(value)) problems.push(`value '${value}' (of ${key})`);
  }
  if (problems.length > 0) {
    throw usageError(
      `labels: ${problems.join(', ')} not valid: keys are lower-case letters, digits, _ and - starting with a letter, values the same without that rule, 63 characters at most.`,
    );
  }
}

/** Submits a pipeline job and returns it as created (state PENDING or QUEUED, usually). */
export async function submitPipelineJob(options: SubmitOptions): Promise<SubmittedJob> {
  const jobId = options.jobId === undefined ? undefined : checkJobId(options.jobId);
  let client: PipelineServiceLike | undefined = options.client;
  let owned = false;
  try {
    const prepared = await preparePipelineJob(options, async () => {
      // Credentials are checked here: after the local checks, before the first upload.
      if (!client && options.connect) {
        client = await options.connect();
      } else if (!client) {
        const { createPipelineServiceClient } = await import('./clients.js');
        client = await createPipelineServiceClient({ ...options, region: options.region! });
        owned = true;
      }
    });
    const id = jobId ?? defaultJobId(prepared.pipelineName, options.now);
    const job = await createJobOnce(client!, prepared, id, { ...options.retry, onRetry: options.onRetry });
    const summary = summarizeJob(job);
    return {
      ...summary,
      project: prepared.project,
      region: prepared.region,
      url: consoleUrl(prepared, summary.jobId),
      pipelineRoot: prepared.pipelineRoot,
      parameterValues: prepared.parameterValues,
      staged: prepared.staged,
    };
  } finally {
    if (owned) await client?.close().catch(() => {});
  }
}

/**
 * CreatePipelineJob with retries that never make two jobs: the job ID is fixed before the first
 * attempt, so an attempt whose answer was lost leaves a job with that ID, and the retry gets
 * ALREADY_EXISTS. On a retry that means "ours": the job is fetched and returned. On the first
 * attempt it means the ID was taken before, which is an error.
 */
async function createJobOnce(
  client: PipelineServiceLike,
  prepared: PreparedJob,
  jobId: string,
  retry: RetryOptions,
): Promise<PipelineJobMessage> {
  const name = pipelineJobName(prepared, jobId);
  try {
    return await withRetry(async (attempt) => {
      try {
        const [job] = await client.createPipelineJob({
          parent: prepared.parent,
          pipelineJob: prepared.message,
          pipelineJobId: jobId,
        });
        return job;
      } catch (error) {
        if (attempt > 1 && grpcCodeOf(error) === Status.ALREADY_EXISTS) {
          const [job] = await client.getPipelineJob({ name });
          return job;
        }
        throw error;
      }
    }, retry);
  } catch (error) {
    throw toApiError(error, {
      action: `creating pipeline job ${jobId}`,
      project: prepared.project,
      region: prepared.region,
    });
  }
}
