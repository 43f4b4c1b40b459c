/**
 * A mistake by the user of the CLI (a missing file, a bad option value, a syntax error in their
 * pipeline module): reported as one `kfp-ts: error: ...` line without a stack trace, exit 2.
 * Everything else that goes wrong is treated as a bug in kfp-ts.
 */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** Exit statuses of `kfp-ts`. */
export const ExitCode = {
  ok: 0,
  /** `validate` found problems in the document. */
  invalid: 1,
  /** The command could not do its job: a usage mistake, a pipeline definition error or an internal error. */
  error: 2,
} as const;

/** Collapses a message onto one line: the CLI promises one line per error. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The message of anything thrown, `Error` or not. */
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

/** The stack of an error and of its causes, for `--verbose`. */
export function stackOf(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let current: unknown = error; current !== undefined && !seen.has(current); ) {
    seen.add(current);
    const text =
      current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
    parts.push(parts.length === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n');
}

/**
 * A bug (in kfp-ts or below it) met while doing `step`: reported as a short message with a hint to
 * re-run with `--verbose`, whose stack trace then includes the original error as the cause.
 */
export class InternalError extends Error {
  constructor(step: string, cause: unknown) {
    super(`${step} failed: ${messageOf(cause)}`, { cause });
    this.name = 'InternalError';
  }
}

/**
 * Whether `error` is the DSL's PipelineDefinitionError. It may come from another copy of
 * `@kfp-ts/dsl` than the CLI's (the user's pipeline resolves its own), so no `instanceof`: the
 * brand that `PipelineDefinitionError.is()` checks, or the name. Checked here without importing
 * the DSL, which would slow down `--help` and `--version` (main reports every error).
 */
export function isPipelineDefinitionError(error: unknown): error is Error & { where?: string } {
  if (!(error instanceof Error)) return false;
  const brand = (error as unknown as Record<symbol, unknown>)[Symbol.for('kfp-ts.brand')];
  return brand === 'pipeline-error' || error.name === 'PipelineDefinitionError';
}
