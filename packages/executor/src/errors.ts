/** Where in the contract a component failed: its inputs, its function, or its outputs. */
export type FailurePhase = 'executor-input' | 'input' | 'run' | 'output';

/**
 * Why a component did not succeed. The message is one sentence that names the component (and
 * the input or output when there is one); the function's own error is the `cause`.
 */
export class ComponentError extends Error {
  override readonly name = 'ComponentError';
  readonly component: string;
  readonly phase: FailurePhase;
  /** The input or output at fault, when there is one. */
  readonly io: string | undefined;

  constructor(
    message: string,
    details: { component: string; phase: FailurePhase; io?: string; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.component = details.component;
    this.phase = details.phase;
    this.io = details.io;
  }
}

/**
 * A value as error messages show it: short, and never the whole of a long string or object (a
 * parameter may be large, and log lines should stay one readable line).
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The first line of an error's message (stack excluded), for one-line reports. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : describeValue(error);
}
