/**
 * Turns what the client throws into an ApiError whose one-line message says what was being
 * done, the status and the server's own words, and a hint about the usual cause.
 */
import { ApiError, messageOf, VertexError } from './errors.js';
import { grpcCodeOf, Status, serverMessageOf, statusName } from './grpc-status.js';
import { RetriesExhausted } from './retry.js';

/** What the call was about, for the message and the hints. */
export interface CallContext {
  /** e.g. `creating pipeline job churn-20250101000000` */
  action: string;
  project?: string;
  region?: string;
}

export function toApiError(error: unknown, context: CallContext): VertexError {
  if (VertexError.is(error)) return error;
  let attempts: number | undefined;
  let cause = error;
  if (error instanceof RetriesExhausted) {
    attempts = error.attempts;
    cause = error.cause;
  }
  const code = grpcCodeOf(cause);
  if (code === undefined) {
    // Not a status from the service: a connection problem below gRPC, or a bug.
    return new ApiError('UNKNOWN', messageOf(cause), `${context.action} failed: ${messageOf(cause)}`, {
      cause,
    });
  }
  const name = statusName(code);
  const server = serverMessageOf(cause);
  const tries = attempts === undefined ? '' : ` (after ${attempts} attempts)`;
  const hint = hintFor(code, context);
  return new ApiError(
    name,
    server,
    `${context.action} failed${tries}: ${name}: ${server}${hint ? ` (hint: ${hint})` : ''}`,
    { cause },
  );
}

function hintFor(code: number, { project, region }: CallContext): string | undefined {
  const where = project ? ` in project ${project}` : '';
  switch (code) {
    case Status.PERMISSION_DENIED:
      return `the account needs the Vertex AI User role (roles/aiplatform.user)${where} and the Vertex AI API must be enabled there; a job also needs to run as a service account it may use (--service-account)`;
    case Status.UNAUTHENTICATED:
      return 'the credentials were refused: renew them with `gcloud auth application-default login`, or point GOOGLE_APPLICATION_CREDENTIALS at a valid key';
    case Status.NOT_FOUND:
      return `check the project, the region${region ? ` (${region})` : ''} and the ID: jobs and schedules belong to one region`;
    case Status.INVALID_ARGUMENT:
      return 'the service rejected the request as sent: check the parameter values, the pipeline root (a gs:// location the project can write), labels, network and encryption key';
    case Status.FAILED_PRECONDITION:
      return 'the resource is not in a state that allows this (for example, cancelling a job that already ended)';
    case Status.ALREADY_EXISTS:
      return 'the ID is taken: choose another with --job-id (or leave it out for a generated one)';
    case Status.UNAVAILABLE:
    case Status.DEADLINE_EXCEEDED:
      return `the service did not answer${region ? `; check the region (${region}) and --api-endpoint` : ''}, or try again later`;
    case Status.RESOURCE_EXHAUSTED:
      return 'a quota or rate limit was reached: wait, or ask for more quota';
    default:
      return undefined;
  }
}
