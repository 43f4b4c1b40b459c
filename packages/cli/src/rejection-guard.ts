import { ExitCode, messageOf, oneLine, stackOf } from './errors.js';
import type { CliIo } from './io.js';

export interface RejectionGuard {
  readonly tripped: boolean;
  remove(): void;
}

/** Reports a promise rejection nobody handled (typically from the user's module) instead of crashing with a stack. */
export function guardRejections(io: CliIo, verbose: boolean): RejectionGuard {
  let tripped = false;
  const onRejection = (reason: unknown) => {
    tripped = true;
    process.exitCode = ExitCode.error;
    io.stderr(`kfp-ts: error: unhandled promise rejection: ${oneLine(messageOf(reason))}\n`);
    if (verbose) io.stderr(`${stackOf(reason)}\n`);
  };
  process.on('unhandledRejection', onRejection);
  return {
    get tripped() {
      return tripped;
    },
    remove: () => {
      process.off('unhandledRejection', onRejection);
    },
  };
}
