import { BRAND } from './brand.js';

/**
 * A mistake in a pipeline definition that TypeScript cannot see (a duplicate name, a loop item
 * used outside its loop, a bad resource string...). It names the pipeline, the task path and,
 * where there is one, the fix, so the CLI can print it as one line without a stack trace.
 */
export class PipelineDefinitionError extends Error {
  readonly [BRAND] = 'pipeline-error' as const;
  /** Where the mistake is, e.g. `churn/for-loop-2/train` (pipeline name first). */
  readonly where: string | undefined;
  readonly fix: string | undefined;

  constructor(message: string, options: { where?: string; fix?: string; cause?: unknown } = {}) {
    const parts = [options.where ? `${options.where}: ${message}` : message];
    if (options.fix) parts.push(options.fix);
    super(parts.join(' '), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PipelineDefinitionError';
    this.where = options.where;
    this.fix = options.fix;
  }

  static is(value: unknown): value is PipelineDefinitionError {
    return typeof value === 'object' && value !== null && (value as any)[BRAND] === 'pipeline-error';
  }
}
