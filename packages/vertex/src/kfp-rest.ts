/**
 * The same IR on a self-hosted Kubeflow Pipelines: its REST API v2beta1 (the API server's
 * grpc-gateway; JSON fields in snake_case, unknown fields rejected, Bearer token auth).
 * A run is created with the pipeline spec inline (no upload of a pipeline version first), then
 * read, listed and terminated by run ID.
 */
import { ApiError, usageError } from './errors.js';
import type { JobSummary, TaskSummary } from './jobs.js';
import { assertParameterValues } from './parameters.js';
import { resolvePipeline, withCaching } from './pipeline-source.js';
import { referencedAssets } from './staging.js';
import type { JsonValue } from './struct.js';
import { type PollOptions, pollUntilDone } from './wait.js';

export interface KfpConnection {
  /** Base URL of the API server (or of the UI's proxy), e.g. http://localhost:8080. */
  host: string;
  /** Bearer token (e.g. from `kubectl create token`); never printed. */
  token?: string;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
}

interface KfpRun {
  run_id?: string;
  display_name?: string;
  state?: string;
  created_at?: string;
  scheduled_at?: string;
  finished_at?: string;
  error?: { code?: number; message?: string };
  run_details?: {
    task_details?: Array<{
      display_name?: string;
      task_id?: string;
      state?: string;
      error?: { message?: string };
    }>;
  };
  runtime_config?: { pipeline_root?: string };
}

/** Calls the API; a non-2xx answer becomes an ApiError with the server's message. */
async function call<T>(
  connection: KfpConnection,
  method: string,
  path: string,
  action: string,
  body?: unknown,
): Promise<T> {
  const base = connection.host.replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base))
    throw usageError(`--host '${connection.host}': give the API server's URL (http:// or https://).`);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (connection.token) headers.authorization = `Bearer ${connection.token}`;
  let response: Response;
  try {
    response = await (connection.fetch ?? fetch)(`${base}/apis/v2beta1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const reason = networkReason(error);
    throw new ApiError(
      'UNAVAILABLE',
      String(reason),
      `${action} failed: cannot reach ${base} (${reason}); check --host`,
      { cause: error },
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    json = { message: text.slice(0, 200) };
  }
  if (!response.ok) {
    const server =
      (json as { message?: string; error?: string }).message ??
      (json as { error?: string }).error ??
      response.statusText;
    const hint =
      response.status === 401 || response.status === 403
        ? ' (hint: pass a valid --token, e.g. from `kubectl -n kubeflow create token default-editor`)'
        : response.status === 404
          ? ' (hint: check the run ID and --host)'
          : '';
    throw new ApiError(
      `HTTP ${response.status}`,
      server,
      `${action} failed: HTTP ${response.status}: ${server}${hint}`,
    );
  }
  return json as T;
}

/** ECONNREFUSED, ENOTFOUND...: fetch hides it in its cause (an AggregateError for several addresses). */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string; errors?: Array<{ code?: string }> } })
    .cause;
  return (
    cause?.code ?? cause?.errors?.find((e) => e.code)?.code ?? cause?.message ?? (error as Error).message
  );
}

export function summarizeKfpRun(run: KfpRun, host?: string): JobSummary {
  const id = run.run_id ?? '';
  const tasks: TaskSummary[] = (run.run_details?.task_details ?? []).map((t) => ({
    name: t.display_name ?? t.task_id ?? '?',
    state: t.state ?? 'RUNTIME_STATE_UNSPECIFIED',
    ...(t.error?.message ? { error: t.error.message } : {}),
  }));
  return {
    name: id,
    jobId: id,
    ...(run.display_name ? { displayName: run.display_name } : {}),
    // KFP spells it CANCELED; the shared terminal states know both.
    state: run.state ?? 'RUNTIME_STATE_UNSPECIFIED',
    tasks,
    ...(run.created_at ? { createTime: run.created_at } : {}),
    ...(run.finished_at && !run.finished_at.startsWith('1970') ? { endTime: run.finished_at } : {}),
    ...(run.error?.message
      ? { error: { ...(run.error.code ? { code: run.error.code } : {}), message: run.error.message } }
      : {}),
    ...(run.runtime_config?.pipeline_root ? { pipelineRoot: run.runtime_config.pipeline_root } : {}),
    ...(host ? { url: `${host.replace(/\/+$/, '')}/#/runs/details/${id}` } : {}),
  };
}

export interface KfpSubmitOptions extends KfpConnection {
  pipeline: unknown;
  parameterValues?: Record<string, JsonValue>;
  pipelineRoot?: string;
  displayName?: string;
  experimentId?: string;
  serviceAccount?: string;
  enableCaching?: boolean;
}

/** Creates a run of the pipeline (spec inline) and returns it as created. */
export async function submitKfpRun(options: KfpSubmitOptions): Promise<JobSummary> {
  const resolved = await resolvePipeline(options.pipeline);
  const spec =
    options.enableCaching === undefined ? resolved.spec : withCaching(resolved.spec, options.enableCaching);
  const values = options.parameterValues ?? {};
  assertParameterValues(resolved.name, spec, values);
  if (referencedAssets(spec).length > 0) {
    throw usageError(
      `pipeline '${resolved.name}' has component bundles too large to embed, staged for Vertex AI's /gcs/ mount, which a Kubeflow cluster does not have: compile with the image shipping mode for Kubeflow.`,
    );
  }
  const body = {
    display_name: options.displayName ?? spec.pipelineInfo.displayName ?? resolved.name,
    pipeline_spec: spec,
    runtime_config: {
      parameters: values,
      ...(options.pipelineRoot ? { pipeline_root: options.pipelineRoot } : {}),
    },
    ...(options.experimentId ? { experiment_id: options.experimentId } : {}),
    ...(options.serviceAccount ? { service_account: options.serviceAccount } : {}),
  };
  const run = await call<KfpRun>(options, 'POST', '/runs', `creating a run of '${resolved.name}'`, body);
  return summarizeKfpRun(run, options.host);
}

export interface KfpRunReference extends KfpConnection {
  runId: string;
}

function checkRunId(runId: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(runId)) throw usageError(`'${runId}' is not a Kubeflow run ID.`);
  return runId;
}

export async function getKfpRun(options: KfpRunReference): Promise<JobSummary> {
  const id = checkRunId(options.runId);
  return summarizeKfpRun(
    await call<KfpRun>(options, 'GET', `/runs/${id}`, `getting run ${id}`),
    options.host,
  );
}

/** Terminates the run and returns it as it is right after. */
export async function terminateKfpRun(options: KfpRunReference): Promise<JobSummary> {
  const id = checkRunId(options.runId);
  await call(options, 'POST', `/runs/${id}:terminate`, `terminating run ${id}`, {});
  return getKfpRun(options);
}

export async function listKfpRuns(
  options: KfpConnection & { limit?: number; experimentId?: string },
): Promise<JobSummary[]> {
  const query = new URLSearchParams({ page_size: String(options.limit ?? 50), sort_by: 'created_at desc' });
  if (options.experimentId) query.set('experiment_id', options.experimentId);
  const response = await call<{ runs?: KfpRun[] }>(options, 'GET', `/runs?${query}`, 'listing runs');
  return (response.runs ?? []).map((run) => summarizeKfpRun(run, options.host));
}

/** Waits for a run to end: resolves on SUCCEEDED, rejects with JobFailedError otherwise. */
export async function waitForKfpRun(options: KfpRunReference & PollOptions): Promise<JobSummary> {
  return pollUntilDone(() => getKfpRun(options), options);
}
