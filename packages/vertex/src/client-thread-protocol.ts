/**
 * What goes between the main thread and the client thread (client-thread.ts): requests, replies
 * and errors, all as structured-clone data. Results are made plain (`toPlain`); errors are taken
 * apart in the thread (`serializeError`) and put back together on the main thread
 * (`deserializeError`) with what the callers read: gRPC `code` and `details`, the HTTP `code` of a
 * storage error, the message, the name, a VertexError's kind (a usage error stays a usage error)
 * and the causes. Never an object that may hold a credential: only primitive fields cross, and
 * not those whose name says they might hold a secret.
 */
import { ApiError, VertexError, type VertexErrorKind } from './errors.js';

/** Where the clients connect: the options of createPipelineServiceClient and createStorageClient. */
export interface ClientConnection {
  region: string;
  project?: string;
  /** `http://` = plaintext, no credentials (a local stand-in). */
  apiEndpoint?: string;
  storageEndpoint?: string;
}

/** What the thread is started with (its `workerData`). */
export interface ClientThreadOptions {
  /** Load the Cloud Storage client too, not only on its first call (something will be staged). */
  preloadStorage?: boolean;
  /** Known already: the clients are built right away (otherwise, on `configure`). */
  connection?: ClientConnection;
}

export type ThreadService = 'pipeline' | 'storage' | 'thread';

/** A call; `id` 0 expects no reply (`thread.configure`). */
export interface ThreadRequest {
  id: number;
  service: ThreadService;
  method: string;
  args: unknown[];
}

export type ThreadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerializedError }
  /** A promise rejection nobody handled in the thread: raised again on the main thread. */
  | { id: 0; unhandledRejection: SerializedError };

export interface SerializedError {
  /** False when something other than an Error was thrown (`message` is then its text). */
  isError: boolean;
  /** What was thrown, when it was a string, number or boolean: given back as it is. */
  primitive?: string | number | boolean;
  name: string;
  message: string;
  stack?: string;
  /** Own fields with primitive values: `code`, `details`, `note`, `reason`, `status`... */
  fields: Record<string, string | number | boolean | null>;
  /** Set for a VertexError (and its ApiError's code and server message). */
  vertex?: { kind: VertexErrorKind; apiCode?: string; serverMessage?: string };
  cause?: SerializedError;
}

/** Field names that are never copied, whatever their value. */
const SECRET_FIELD = /token|secret|password|passwd|credential|authoriz|cookie|private|api_?key|bearer/i;
/** Rebuilt from the message itself, or not data. */
const SKIPPED_FIELDS = new Set(['name', 'message', 'stack', 'cause']);
const MAX_CAUSES = 4;

/** The last line of a rebuilt error's stack. */
export const THREAD_STACK_NOTE = '    (thrown on the kfp-ts client thread)';

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) {
    if (typeof error === 'string' || typeof error === 'number' || typeof error === 'boolean') {
      return { isError: false, primitive: error, name: 'Error', message: String(error), fields: {} };
    }
    const text =
      typeof error === 'object' &&
      error !== null &&
      typeof (error as { message?: unknown }).message === 'string'
        ? (error as { message: string }).message
        : String(error);
    return { isError: false, name: 'Error', message: text, fields: {} };
  }
  const fields: SerializedError['fields'] = {};
  for (const [key, value] of Object.entries(error)) {
    if (SKIPPED_FIELDS.has(key) || SECRET_FIELD.test(key)) continue;
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      fields[key] = value;
    }
  }
  const serialized: SerializedError = {
    isError: true,
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    fields,
  };
  if (VertexError.is(error)) {
    serialized.vertex = {
      kind: error.kind,
      ...(error instanceof ApiError || isApiErrorLike(error)
        ? { apiCode: (error as ApiError).code, serverMessage: (error as ApiError).serverMessage }
        : {}),
    };
  }
  if (error.cause !== undefined && depth < MAX_CAUSES)
    serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

function isApiErrorLike(error: VertexError): boolean {
  const { code, serverMessage } = error as Partial<ApiError>;
  return error.kind === 'api' && typeof code === 'string' && typeof serverMessage === 'string';
}

/**
 * The error again, on this side: a VertexError (or ApiError) of the same kind and message, or an
 * Error with the same name, message and fields (a gRPC `code` is still a number, so retries
 * and hints work as they do on the main thread). The stack is the thread's, with a last line
 * saying so (THREAD_STACK_NOTE).
 */
export function deserializeError(serialized: SerializedError): unknown {
  if (!serialized.isError) return serialized.primitive ?? new Error(serialized.message);
  const cause = serialized.cause === undefined ? undefined : deserializeError(serialized.cause);
  const options = cause === undefined ? undefined : { cause };
  let error: Error;
  if (serialized.vertex?.apiCode !== undefined) {
    error = new ApiError(
      serialized.vertex.apiCode,
      serialized.vertex.serverMessage ?? '',
      serialized.message,
      options,
    );
  } else if (serialized.vertex) {
    error = new VertexError(serialized.vertex.kind, serialized.message, options);
  } else {
    error = new Error(serialized.message, options);
  }
  for (const [key, value] of Object.entries(serialized.fields)) {
    if (key === 'kind' && serialized.vertex) continue;
    (error as unknown as Record<string, unknown>)[key] = value;
  }
  if (error.name !== serialized.name) {
    Object.defineProperty(error, 'name', {
      value: serialized.name,
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  // The thread's stack, marked as such (--verbose prints it).
  if (serialized.stack !== undefined) error.stack = `${serialized.stack}\n${THREAD_STACK_NOTE}`;
  return error;
}

const MAX_DEPTH = 200;

/**
 * `value` as plain structured-clone data: objects and arrays copied field by field, protobuf
 * 64-bit integers (`Long`) as decimal strings (what the clients give with `longs: String`), objects
 * with a `toJSON` (protobuf messages) as their JSON form, bytes as bytes; functions, symbols and
 * cycles left out.
 */
export function toPlain(value: unknown): unknown {
  return plain(value, new Set(), 0);
}

function plain(value: unknown, seen: Set<object>, depth: number): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return value;
    case 'function':
    case 'symbol':
      return undefined;
  }
  const object = value as object;
  if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer || object instanceof Date) return object;
  if (seen.has(object) || depth > MAX_DEPTH) return undefined;
  if (isLong(object)) return String(object);
  seen.add(object);
  try {
    if (Array.isArray(object)) return object.map((item) => plain(item, seen, depth + 1));
    const prototype = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
      const toJSON = (object as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return plain(toJSON.call(object), seen, depth + 1);
    }
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(object)) {
      const copy = plain(item, seen, depth + 1);
      if (copy !== undefined) result[key] = copy;
    }
    return result;
  } finally {
    seen.delete(object);
  }
}

function isLong(value: object): boolean {
  const long = value as { low?: unknown; high?: unknown; unsigned?: unknown };
  return typeof long.low === 'number' && typeof long.high === 'number' && typeof long.unsigned === 'boolean';
}
