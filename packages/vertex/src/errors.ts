/**
 * What can go wrong when submitting or following a pipeline, as errors a program can tell apart.
 * Every one carries a message fit for one line of a terminal; `kind` says whose fault it is:
 *
 * - `usage`: the caller's input is wrong (a parameter value, a missing project or pipeline root,
 *   no credentials). Nothing was sent; fix the input and retry.
 * - `api`: the service refused or failed the call (permission denied, not found, invalid
 *   argument, retries exhausted). The message is the server's, followed by a hint.
 * - `job`: the pipeline job ended FAILED or CANCELLED (or the wait was interrupted).
 *
 * A brand rather than `instanceof` lets callers with another copy of this package (the CLI
 * loading `dist/`, tests loading `src/`) recognise them.
 */
import type { JobSummary } from './jobs.js';

const BRAND = Symbol.for('kfp-ts.vertex-error');

export type VertexErrorKind = 'usage' | 'api' | 'job';

export class VertexError extends Error {
  readonly kind: VertexErrorKind;
  constructor(kind: VertexErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VertexError';
    this.kind = kind;
    (this as unknown as Record<symbol, unknown>)[BRAND] = true;
  }

  static is(error: unknown): error is VertexError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** The service answered with an error status (gRPC code or HTTP status) after any retries. */
export class ApiError extends VertexError {
  /** The gRPC status code name (`PERMISSION_DENIED`) or `HTTP 404` for the REST target. */
  readonly code: string;
  /** The server's own message, as it sent it. */
  readonly serverMessage: string;
  constructor(code: string, serverMessage: string, message: string, options?: { cause?: unknown }) {
    super('api', message, options);
    this.name = 'ApiError';
    this.code = code;
    this.serverMessage = serverMessage;
  }
}

/** A pipeline job (or KFP run) that ended without succeeding. */
export class JobFailedError extends VertexError {
  readonly state: string;
  readonly jobName: string;
  /** The run as last seen (a JobSummary). */
  readonly job: JobSummary | undefined;
  constructor(jobName: string, state: string, message: string, job?: JobSummary) {
    super('job', message);
    this.name = 'JobFailedError';
    this.state = state;
    this.jobName = jobName;
    this.job = job;
  }
}

export function usageError(message: string, cause?: unknown): VertexError {
  return new VertexError('usage', message, cause === undefined ? undefined : { cause });
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return (error as { message: string }).message;
  }
  return String(error);
}
