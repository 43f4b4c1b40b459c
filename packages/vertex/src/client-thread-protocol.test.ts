import { describe, expect, it } from 'vitest';
import { toApiError } from './api-errors.js';
import { deserializeError, serializeError, THREAD_STACK_NOTE, toPlain } from './client-thread-protocol.js';
import { ApiError, usageError, VertexError } from './errors.js';
import { grpcCodeOf, isTransient, Status, serverMessageOf } from './grpc-status.js';
import { RetriesExhausted } from './retry.js';

/** Across the thread boundary: serialized there, structured-cloned, rebuilt here. */
function hop(error: unknown): any {
  return deserializeError(structuredClone(serializeError(error)));
}

/** An error as google-gax rejects a gRPC call with. */
function grpcError(code: number, name: string, details: string): Error & Record<string, unknown> {
  const error = new Error(`${code} ${name}: ${details}`) as Error & Record<string, unknown>;
  error.code = code;
  error.details = details;
  // grpc-js Metadata: an object with a Map inside; not data the callers read.
  error.metadata = { internalRepr: new Map([['x', ['y']]]), options: {} };
  error.note = 'Exception occurred in retry method that was not classified as transient';
  return error;
}

describe('errors across the client thread', () => {
  it('keep a gRPC code, details and message: retries and hints see the same error', () => {
    const original = grpcError(Status.UNAVAILABLE, 'UNAVAILABLE', 'connection refused');
    const rebuilt = hop(original);
    expect(rebuilt).toBeInstanceOf(Error);
    expect(rebuilt.message).toBe(original.message);
    expect(rebuilt.code).toBe(14);
    expect(rebuilt.details).toBe('connection refused');
    expect(rebuilt.note).toBe(original.note);
    expect(rebuilt.metadata).toBeUndefined();
    expect(grpcCodeOf(rebuilt)).toBe(Status.UNAVAILABLE);
    expect(isTransient(rebuilt)).toBe(true);
    expect(serverMessageOf(rebuilt)).toBe('connection refused');
    expect(rebuilt.stack).toBe(`${original.stack}\n${THREAD_STACK_NOTE}`);
  });

  it('give the same one-line API errors (message, hint, code) as the original', () => {
    const context = { action: 'creating pipeline job j', project: 'p', region: 'us-central1' };
    for (const [code, name] of [
      [Status.PERMISSION_DENIED, 'PERMISSION_DENIED'],
      [Status.ALREADY_EXISTS, 'ALREADY_EXISTS'],
      [Status.RESOURCE_EXHAUSTED, 'RESOURCE_EXHAUSTED'],
      [Status.DEADLINE_EXCEEDED, 'DEADLINE_EXCEEDED'],
    ] as const) {
      const original = grpcError(code, name, `server says ${name}`);
      const expected = toApiError(original, context) as ApiError;
      const actual = toApiError(hop(original), context) as ApiError;
      expect(actual.message).toBe(expected.message);
      expect(actual.code).toBe(name);
      expect(actual.serverMessage).toBe(`server says ${name}`);
      expect(actual.kind).toBe('api');
    }
    const exhausted = new RetriesExhausted(5, grpcError(14, 'UNAVAILABLE', 'down'));
    expect(toApiError(new RetriesExhausted(5, hop(exhausted.cause)), context).message).toBe(
      toApiError(exhausted, context).message,
    );
  });

  it('keep a usage error a usage error (no credentials), with its cause', () => {
    const cause = new Error('Could not load the default credentials.');
    const original = usageError(
      'no Google Cloud credentials found (Application Default Credentials): ...',
      cause,
    );
    const rebuilt = hop(original);
    expect(VertexError.is(rebuilt)).toBe(true);
    expect(rebuilt).toBeInstanceOf(VertexError);
    expect(rebuilt.kind).toBe('usage');
    expect(rebuilt.name).toBe('VertexError');
    expect(rebuilt.message).toBe(original.message);
    expect(rebuilt.cause).toBeInstanceOf(Error);
    expect(rebuilt.cause.message).toBe(cause.message);
  });

  it('keep an ApiError an ApiError', () => {
    const original = new ApiError('HTTP 404', 'No such bucket', 'uploading gs://b/o failed: No such bucket');
    const rebuilt = hop(original);
    expect(rebuilt).toBeInstanceOf(ApiError);
    expect(rebuilt).toMatchObject({ kind: 'api', code: 'HTTP 404', serverMessage: 'No such bucket' });
    expect(rebuilt.message).toBe(original.message);
  });

  it('keep the HTTP status of a storage error, and nothing that may hold a credential', () => {
    const original = new Error('Anonymous caller does not have storage.objects.get access') as Error &
      Record<string, unknown>;
    original.name = 'ApiError';
    original.code = 403;
    original.errors = [{ reason: 'forbidden' }];
    original.response = { headers: { authorization: 'Bearer ya29.secret' } };
    original.config = { headers: { Authorization: 'Bearer ya29.secret' } };
    original.accessToken = 'ya29.secret';
    original.refresh_token = 'secret';
    const serialized = serializeError(original);
    expect(JSON.stringify(serialized)).not.toContain('secret');
    const rebuilt = hop(original);
    expect(rebuilt.code).toBe(403);
    expect(rebuilt.name).toBe('ApiError');
    expect(rebuilt.message).toBe(original.message);
    expect(rebuilt.response).toBeUndefined();
    expect(rebuilt.config).toBeUndefined();
  });

  it('give back what was thrown when it was not an Error', () => {
    expect(hop('The client has already been closed.')).toBe('The client has already been closed.');
    expect(hop(42)).toBe(42);
    const rebuilt = hop({ message: 'an object' });
    expect(rebuilt).toBeInstanceOf(Error);
    expect(rebuilt.message).toBe('an object');
  });

  it('stop following causes after a few', () => {
    let error: Error = new Error('root');
    for (let i = 0; i < 10; i++) error = new Error(`level ${i}`, { cause: error });
    let depth = 0;
    for (let current = hop(error); current; current = current.cause) depth++;
    expect(depth).toBe(5);
  });
});

describe('toPlain', () => {
  it('copies plain data and turns 64-bit integers into decimal strings', () => {
    const long = { low: 5, high: 0, unsigned: false, toString: () => '5' };
    const bytes = Buffer.from('abc');
    const value = toPlain([{ name: 'j', createTime: { seconds: long, nanos: 3 }, bytes, fn: () => 1 }, null]);
    expect(value).toEqual([{ name: 'j', createTime: { seconds: '5', nanos: 3 }, bytes }, null]);
    expect(() => structuredClone(value)).not.toThrow();
  });

  it('uses toJSON of class instances (protobuf messages) and leaves cycles out', () => {
    class Message {
      state = 3;
      toJSON() {
        return { state: 'PIPELINE_STATE_RUNNING' };
      }
    }
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(toPlain({ job: new Message(), cyclic })).toEqual({
      job: { state: 'PIPELINE_STATE_RUNNING' },
      cyclic: { a: 1 },
    });
  });
});
