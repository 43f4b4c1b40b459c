/**
 * The client thread's entry (a worker_threads Worker; the main thread's side is
 * client-thread-host.ts). As soon as it starts it loads google-gax, the PipelineService client
 * class and (when asked to) @google-cloud/storage, while the main thread loads and compiles the
 * pipeline. Once it knows where to connect (`connection` in its options, or the `configure`
 * message) it builds the clients exactly as createPipelineServiceClient and createStorageClient
 * do (endpoint, credentials check, plaintext stand-in mode). Then it carries out the calls the
 * main thread sends, one message each, and answers with plain data or a serialized error
 * (client-thread-protocol.ts).
 *
 * A failure to build the client (no credentials, a malformed endpoint) is only reported when the
 * main thread asks for the client: after its local checks, where submitPipelineJob would have
 * built it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  type ClientConnection,
  type ClientThreadOptions,
  serializeError,
  type ThreadReply,
  type ThreadRequest,
  toPlain,
} from './client-thread-protocol.js';
import type { PipelineServiceLike } from './client-types.js';
import { createPipelineServiceClient, loadGax } from './clients.js';
import { loadClientClasses } from './protos-subset.js';
import { createStorageClient, loadStorageModule, type StorageLike } from './staging.js';

const port = parentPort;
if (!port) throw new Error('client-thread.js runs as a worker thread (see client-thread-host.ts)');
const options = (workerData ?? {}) as ClientThreadOptions;

// A rejection nobody handles here would end the thread; it goes to the main thread instead,
// which raises it there, so the CLI reports it as it would any other.
process.on('unhandledRejection', (reason) => {
  port.postMessage({ id: 0, unhandledRejection: serializeError(reason) } satisfies ThreadReply);
});

/** Lets a message in (the `configure` that says where to connect) between two long loads. */
const yieldToMessages = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The modules, loaded in steps; a load that fails is tried again by the call that needs it. */
const preloaded = (async () => {
  try {
    loadGax();
    await yieldToMessages();
    loadClientClasses();
    await yieldToMessages();
    if (options.preloadStorage) loadStorageModule();
  } catch {
    // Reported by the client that needs the module, when it is built.
  }
})();

/** What a @grpc/grpc-js Client has to open its channel before the first call. */
interface Preconnectable {
  waitForReady?(deadline: number, callback: (error?: Error) => void): void;
}

let connection: ClientConnection | undefined;
let pipeline: Promise<PipelineServiceLike> | undefined;
let storage: Promise<StorageLike> | undefined;

function configure(given: ClientConnection): void {
  if (connection) return;
  connection = given;
  // Built now, reported when asked for.
  pipelineClient().catch(() => {});
  if (options.preloadStorage) storageClient().catch(() => {});
}

/** A call before `configure` fails, and does not keep the client from being built later. */
function notConfigured(): Promise<never> {
  return Promise.reject(new Error('client thread: no connection yet (configure it first)'));
}

function pipelineClient(): Promise<PipelineServiceLike> {
  const given = connection;
  if (!given) return notConfigured();
  pipeline ??= (async () => {
    const { region, apiEndpoint } = given;
    const client = await createPipelineServiceClient({ region, ...(apiEndpoint ? { apiEndpoint } : {}) });
    // The gRPC stub now (the credentials were found above) rather than on the first call, and
    // its connection opened (nothing is sent): the first call does not wait for the handshakes.
    const stub = await (
      client as PipelineServiceLike & { initialize?: () => Promise<unknown> }
    ).initialize?.();
    (stub as Preconnectable | undefined)?.waitForReady?.(Date.now() + 60_000, () => {});
    return client;
  })();
  return pipeline;
}

function storageClient(): Promise<StorageLike> {
  const given = connection;
  if (!given) return notConfigured();
  storage ??= (async () => {
    const { project, storageEndpoint } = given;
    await preloaded;
    return createStorageClient({
      ...(storageEndpoint ? { storageEndpoint } : {}),
      ...(project ? { project } : {}),
    });
  })();
  return storage;
}

const PIPELINE_METHODS = new Set([
  'createPipelineJob',
  'getPipelineJob',
  'cancelPipelineJob',
  'listPipelineJobs',
]);

async function carryOut(request: ThreadRequest): Promise<unknown> {
  if (request.service === 'pipeline') {
    const client = await pipelineClient();
    if (request.method === 'connect') return undefined;
    if (request.method === 'close') return client.close();
    if (!PIPELINE_METHODS.has(request.method)) throw new Error(`client thread: no method ${request.method}`);
    const method = (client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[
      request.method
    ]!;
    return method.apply(client, request.args);
  }
  if (request.service === 'storage') {
    const [bucket, object, data, saveOptions] = request.args as [
      string,
      string,
      string | Uint8Array | undefined,
      Record<string, unknown> | undefined,
    ];
    const file = (await storageClient()).bucket(bucket).file(object);
    if (request.method === 'exists') return file.exists();
    if (request.method === 'save' && data !== undefined) {
      // Bytes arrive as a Uint8Array; the client wants a Buffer (a view, not a copy).
      const body =
        typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      return file.save(body, saveOptions);
    }
  }
  throw new Error(`client thread: no method ${request.service}.${request.method}`);
}

port.on('message', (request: ThreadRequest) => {
  if (request.service === 'thread' && request.method === 'configure') {
    configure(request.args[0] as ClientConnection);
    return;
  }
  carryOut(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value: toPlain(value) } satisfies ThreadReply),
    (error: unknown) =>
      port.postMessage({ id: request.id, ok: false, error: serializeError(error) } satisfies ThreadReply),
  );
});

if (options.connection) configure(options.connection);
