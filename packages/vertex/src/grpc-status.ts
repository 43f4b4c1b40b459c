/**
 * gRPC status codes as google-gax reports them (`error.code`, a number; `error.details`, the
 * server's message), and the ones worth another attempt.
 */
export const Status = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

const NAMES = new Map<number, string>(Object.entries(Status).map(([name, code]) => [code, name]));

export function statusName(code: number): string {
  return NAMES.get(code) ?? `status ${code}`;
}

/** The gRPC code of an error from google-gax or @grpc/grpc-js, when it has one. */
export function grpcCodeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'number' && NAMES.has(code) ? code : undefined;
}

/**
 * The server's message: gax puts it in `details`; its `message` repeats it behind
 * `<code> <NAME>: `, which is dropped here.
 */
export function serverMessageOf(error: unknown): string {
  const details = (error as { details?: unknown } | null | undefined)?.details;
  if (typeof details === 'string' && details !== '') return details;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\d+ [A-Z_]+: /, '');
}

/**
 * Worth retrying: the service was unreachable or overloaded, or the call timed out. Nothing
 * else is retried (a permission or an argument does not fix itself).
 */
export function isTransient(error: unknown): boolean {
  const code = grpcCodeOf(error);
  return (
    code === Status.UNAVAILABLE || code === Status.DEADLINE_EXCEEDED || code === Status.RESOURCE_EXHAUSTED
  );
}
