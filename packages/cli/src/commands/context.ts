import type { CliIo } from '../io.js';

/** What every command gets besides its own arguments. */
export interface CommandContext {
  readonly io: CliIo;
  /** `--verbose`: stack traces with errors. */
  readonly verbose: boolean;
}
