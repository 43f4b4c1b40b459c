/**
 * A local stand-in for the Kubeflow Pipelines API server's REST API v2beta1 (runs), built from
 * its documented behaviour: snake_case JSON, unknown fields rejected (400, code 3), Bearer
 * token checked when one is configured (401, code 16), errors as google.rpc.Status JSON
 * (`{error, code, message}`), run states PENDING -> RUNNING -> SUCCEEDED / FAILED, and
 * CANCELING -> CANCELED after `:terminate`. Runs advance one step per GET, like the Vertex
 * stand-in. Listens on 127.0.0.1, port 0.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RunScript, rootTaskNames, type ScriptOptions } from './job-script.js';

const RUN_FIELDS = new Set([
  'experiment_id',
  'display_name',
  'description',
  'pipeline_spec',
  'pipeline_version_reference',
  'runtime_config',
  'service_account',
  'recurring_run_id',
]);
const RUNTIME_CONFIG_FIELDS = new Set(['parameters', 'pipeline_root']);

interface StoredRun {
  body: Record<string, any>;
  id: string;
  script: RunScript;
  createdAt: string;
}

export class KfpStandIn {
  readonly endpoint: string;
  readonly received: Array<{ method: string; path: string; body: unknown; authorization?: string }> = [];
  script: ScriptOptions;
  private readonly server: Server;
  private readonly token: string | undefined;
  private readonly runs = new Map<string, StoredRun>();

  private constructor(server: Server, token: string | undefined, script: ScriptOptions) {
    this.server = server;
    this.token = token;
    this.script = script;
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  static async start(options: { token?: string; script?: ScriptOptions } = {}): Promise<KfpStandIn> {
    let standIn: KfpStandIn | undefined;
    const server = createServer((request, response) => {
      standIn!
        .handle(request, response)
        .catch((error: unknown) => send(response, 500, status(13, `stand-in bug: ${String(error)}`)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    standIn = new KfpStandIn(server, options.token, options.script ?? {});
    return standIn;
  }

  run(id: string): StoredRun | undefined {
    return this.runs.get(id);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      return send(response, 400, status(3, 'invalid JSON body'));
    }
    const authorization = request.headers.authorization;
    this.received.push({
      method: request.method ?? 'GET',
      path: url.pathname + url.search,
      body,
      ...(authorization ? { authorization } : {}),
    });
    if (this.token !== undefined && authorization !== `Bearer ${this.token}`) {
      return send(response, 401, status(16, 'Unauthenticated: missing or invalid bearer token'));
    }
    const path = url.pathname;
    if (path === '/apis/v2beta1/runs' && request.method === 'POST') return this.create(body, response);
    if (path === '/apis/v2beta1/runs' && request.method === 'GET') {
      const size = Number(url.searchParams.get('page_size') ?? 20);
      const runs = [...this.runs.values()]
        .reverse()
        .slice(0, size)
        .map((r) => this.view(r));
      return send(response, 200, { runs, total_size: this.runs.size });
    }
    const terminate = /^\/apis\/v2beta1\/runs\/([^/:]+):terminate$/.exec(path);
    if (terminate && request.method === 'POST') {
      const run = this.runs.get(terminate[1]!);
      if (!run) return send(response, 404, status(5, `Run ${terminate[1]} not found`));
      if (!run.script.cancel()) return send(response, 400, status(9, `Run ${run.id} has already ended`));
      return send(response, 200, {});
    }
    const get = /^\/apis\/v2beta1\/runs\/([^/:]+)$/.exec(path);
    if (get && request.method === 'GET') {
      const run = this.runs.get(get[1]!);
      if (!run) return send(response, 404, status(5, `Failed to get run: run ${get[1]} not found`));
      run.script.read();
      return send(response, 200, this.view(run));
    }
    send(response, 404, status(5, `Not Found: ${request.method} ${path}`));
  }

  private create(body: unknown, response: ServerResponse) {
    if (typeof body !== 'object' || body === null) return send(response, 400, status(3, 'a run is required'));
    const run = body as Record<string, any>;
    const unknown = Object.keys(run).filter((k) => !RUN_FIELDS.has(k));
    const unknownConfig = Object.keys(run.runtime_config ?? {}).filter((k) => !RUNTIME_CONFIG_FIELDS.has(k));
    if (unknown.length > 0 || unknownConfig.length > 0) {
      const field = unknown[0] ?? `runtime_config.${unknownConfig[0]}`;
      return send(response, 400, status(3, `proto: (line 1:2): unknown field "${field}"`));
    }
    if (!run.display_name)
      return send(
        response,
        400,
        status(3, 'Invalid input error: The run name is empty. Please specify a valid name.'),
      );
    if (!run.pipeline_spec && !run.pipeline_version_reference) {
      return send(
        response,
        400,
        status(3, 'Invalid input error: Pipeline spec or pipeline version reference is required.'),
      );
    }
    const id = randomUUID();
    const stored: StoredRun = {
      body: run,
      id,
      script: new RunScript(rootTaskNames(run.pipeline_spec), this.script),
      createdAt: new Date().toISOString(),
    };
    this.runs.set(id, stored);
    send(response, 200, this.view(stored));
  }

  private view(run: StoredRun): Record<string, unknown> {
    const snapshot = run.script.snapshot();
    const state =
      snapshot.state === 'CANCELLING'
        ? 'CANCELING'
        : snapshot.state === 'CANCELLED'
          ? 'CANCELED'
          : snapshot.state;
    return {
      experiment_id: run.body.experiment_id ?? 'default-experiment',
      run_id: run.id,
      display_name: run.body.display_name,
      storage_state: 'AVAILABLE',
      pipeline_spec: run.body.pipeline_spec,
      runtime_config: run.body.runtime_config ?? {},
      service_account: run.body.service_account ?? 'pipeline-runner',
      created_at: run.createdAt,
      scheduled_at: run.createdAt,
      finished_at: snapshot.ended ? new Date().toISOString() : '1970-01-01T00:00:00Z',
      state,
      ...(snapshot.error ? { error: { code: snapshot.error.code, message: snapshot.error.message } } : {}),
      run_details: {
        task_details: snapshot.tasks.map((task, index) => ({
          run_id: run.id,
          task_id: `${run.id}-${index}`,
          display_name: task.name,
          state: task.state === 'CANCELLED' ? 'CANCELED' : task.state,
          ...(task.error ? { error: { code: 2, message: task.error } } : {}),
        })),
      },
    };
  }
}

function status(code: number, message: string): Record<string, unknown> {
  return { error: message, code, message, details: [] };
}

function send(response: ServerResponse, statusCode: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
