import { CommanderError } from 'commander';
import { ExitCode, isPipelineDefinitionError, messageOf, oneLine, stackOf, UsageError } from './errors.js';
import { type CliIo, processIo } from './io.js';
import { createProgram } from './program.js';
import { guardRejections } from './rejection-guard.js';

/**
 * Runs `kfp-ts` with `argv` (the arguments after the program name) and returns the exit status.
 * Pass `io` to run in-process (tests); without it the process's streams are used.
 */
export async function main(argv: readonly string[], io?: CliIo): Promise<number> {
  const realProcess = io === undefined;
  const cli = io ?? processIo();
  const verbose = argv.slice(0, endOfOptions(argv)).includes('--verbose');
  const guard = guardRejections(cli, verbose);
  try {
    let status: number = ExitCode.ok;
    const program = createProgram(cli, (s) => {
      status = s;
    });
    await program.parseAsync([...argv], { from: 'user' });
    return guard.tripped ? ExitCode.error : status;
  } catch (error) {
    return reportError(error, cli, verbose);
  } finally {
    // The real command keeps the guard: a rejection after main returns still ends in one line.
    if (!realProcess) guard.remove();
  }
}

function endOfOptions(argv: readonly string[]): number {
  const index = argv.indexOf('--');
  return index === -1 ? argv.length : index;
}

/** Prints `error` the way the CLI promises (one line, stack only with --verbose) and returns the status. */
function reportError(error: unknown, io: CliIo, verbose: boolean): number {
  if (error instanceof CommanderError) return commanderStatus(error, io);
  const isUserMistake = error instanceof UsageError || isPipelineDefinitionError(error);
  const message = oneLine(messageOf(error));
  if (isUserMistake) {
    io.stderr(`kfp-ts: error: ${message}\n`);
  } else {
    const hint = verbose
      ? ''
      : ' (this is a bug in kfp-ts or its dependencies; re-run with --verbose for the stack trace)';
    io.stderr(`kfp-ts: internal error: ${message}${hint}\n`);
  }
  if (verbose) io.stderr(`${stackOf(error)}\n`);
  return ExitCode.error;
}

/** Help and version end with status 0; usage mistakes (unknown option, missing file argument) with 2. */
function commanderStatus(error: CommanderError, io: CliIo): number {
  if (error.exitCode === 0) return ExitCode.ok;
  // Shown without a command: commander printed the help to stderr already.
  if (error.code === 'commander.help') return ExitCode.error;
  io.stderr(`kfp-ts: error: ${oneLine(error.message.replace(/^error: /, ''))} (see kfp-ts --help)\n`);
  return ExitCode.error;
}
