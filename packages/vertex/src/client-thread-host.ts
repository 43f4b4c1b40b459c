/**
 * Clients on a thread of their own (`@kfp-ts/vertex/client-thread`, also in the index; this
 * module is small so that a command can start the thread before it loads anything else).
 *
 * Loading google-gax with the PipelineService client and @google-cloud/storage, and building the
 * client, takes a few hundred milliseconds of a `kfp-ts submit`; so does loading the compiler and
 * the pipeline module. One after the other on the main thread, although the machine usually has
 * a second core. `startClientThread` starts a worker thread (client-thread.ts) that loads and
 * builds the clients right away, while the main thread goes on compiling, and hands back
 * stand-ins that satisfy the interfaces the library already takes for injected clients
 * (`PipelineServiceLike`, `StorageLike`): each call is a message to the thread, its result plain
 * data, its error rebuilt here with the same code, message and kind (client-thread-protocol.ts),
 * so retries, hints and exit codes are those of the main-thread clients.
 *
 * The thread runs the package's compiled JavaScript (dist/client-thread.js): from the TypeScript
 * sources (tests, tsx) there is none, and `startClientThread` returns undefined, as it does with
 * `KFP_TS_CLIENT_THREAD=0`; the caller then builds the clients on the main thread as before.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type ClientConnection,
  type ClientThreadOptions,
  deserializeError,
  type ThreadReply,
  type ThreadRequest,
  type ThreadService,
} from './client-thread-protocol.js';
import type { PipelineServiceLike } from './client-types.js';
import type { StorageLike } from './staging.js';

export type { ClientConnection, ClientThreadOptions } from './client-thread-protocol.js';

export interface ClientThread {
  /**
   * Where the clients connect, when it was not known at the start: the thread builds them as
   * soon as it has loaded what they need. Once; calls sent after it use it.
   */
  configure(connection: ClientConnection): void;
  /**
   * The PipelineService client of the thread, once built: rejects as createPipelineServiceClient
   * would (no credentials, a malformed endpoint). Ask for it where the client would be built
   * (submitPipelineJob's `connect`), so that its errors come at the same point.
   */
  pipelineService(): Promise<PipelineServiceLike>;
  /** The Cloud Storage client of the thread (built on its first call unless preloaded). */
  readonly storage: StorageLike;
  /** Ends the thread; calls still waiting are rejected. Calling it again does nothing. */
  close(): Promise<void>;
}

/**
 * Starts the client thread, or returns undefined when there is none to start: running from
 * the TypeScript sources, `KFP_TS_CLIENT_THREAD=0` in `env`, or a single core (the thread costs
 * ~0.1 s of CPU to start, which only a second core pays back).
 */
export function startClientThread(
  options: ClientThreadOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): ClientThread | undefined {
  if (env.KFP_TS_CLIENT_THREAD === '0' || availableParallelism() < 2) return undefined;
  const entry = clientThreadEntry();
  if (!entry) return undefined;
  try {
    return new ThreadHost(entry, options);
  } catch {
    // No thread could be started (resource limits): the caller goes on without one.
    return undefined;
  }
}

/** dist/client-thread.js next to this module, when this module is itself compiled JavaScript. */
export function clientThreadEntry(): URL | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  const entry = new URL('./client-thread.js', import.meta.url);
  return existsSync(fileURLToPath(entry)) ? entry : undefined;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

class ThreadHost implements ClientThread {
  readonly storage: StorageLike;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Set once the thread is gone: every later call fails with it. */
  private stopped: Error | undefined;
  private closing: Promise<void> | undefined;
  private connected: Promise<PipelineServiceLike> | undefined;

  constructor(entry: URL, options: ClientThreadOptions) {
    this.worker = new Worker(entry, { workerData: options });
    // The thread keeps the process alive only while a call is waiting for it (see `call`).
    this.worker.unref();
    this.worker.on('message', (reply: ThreadReply) => this.receive(reply));
    this.worker.on('error', (error) => this.stop(error));
    this.worker.on('exit', (code) => this.stop(new Error(`the client thread stopped (exit code ${code})`)));
    const call = this.call.bind(this);
    this.storage = {
      bucket: (bucket: string) => ({
        file: (object: string) => ({
          exists: () => call('storage', 'exists', [bucket, object]) as Promise<[boolean]>,
          save: async (data: string | Buffer, saveOptions?: Record<string, unknown>) => {
            await call('storage', 'save', [bucket, object, data, saveOptions]);
          },
        }),
      }),
    };
  }

  configure(connection: ClientConnection): void {
    if (this.stopped) return;
    const request: ThreadRequest = { id: 0, service: 'thread', method: 'configure', args: [connection] };
    this.worker.postMessage(request);
  }

  pipelineService(): Promise<PipelineServiceLike> {
    this.connected ??= this.call('pipeline', 'connect', []).then(() => {
      const call = this.call.bind(this);
      const service: PipelineServiceLike = {
        createPipelineJob: (request, options) =>
          call('pipeline', 'createPipelineJob', [request, options]) as ReturnType<
            PipelineServiceLike['createPipelineJob']
          >,
        getPipelineJob: (request, options) =>
          call('pipeline', 'getPipelineJob', [request, options]) as ReturnType<
            PipelineServiceLike['getPipelineJob']
          >,
        cancelPipelineJob: (request, options) => call('pipeline', 'cancelPipelineJob', [request, options]),
        listPipelineJobs: (request, options) =>
          call('pipeline', 'listPipelineJobs', [request, options]) as ReturnType<
            PipelineServiceLike['listPipelineJobs']
          >,
        close: async () => {
          await call('pipeline', 'close', []);
        },
      };
      return service;
    });
    // A failure is not kept here (the thread keeps its own): asking again asks the thread again.
    this.connected.catch(() => {
      this.connected = undefined;
    });
    return this.connected;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.stop(new Error('the client thread was closed'));
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private call(service: ThreadService, method: string, args: unknown[]): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      // Absent call options stay absent (not `undefined`): the clients tell them apart.
      const request: ThreadRequest = { id, service, method, args: trimTrailingUndefined(args) };
      this.worker.postMessage(request);
    });
  }

  private receive(reply: ThreadReply): void {
    if ('unhandledRejection' in reply) {
      // As if it had happened here: the process's own handler (the CLI's guard) reports it.
      void Promise.reject(deserializeError(reply.unhandledRejection));
      return;
    }
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.settled(reply.id);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(deserializeError(reply.error));
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private stop(reason: Error): void {
    this.stopped ??= reason;
    for (const [id, pending] of [...this.pending]) {
      this.settled(id);
      pending.reject(this.stopped);
    }
  }
}

function trimTrailingUndefined(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}
