/**
 * Where the CLI reads and writes. `main()` takes one so tests run commands in-process and
 * capture their output; the real command uses the process's streams and working directory.
 */
export interface CliIo {
  /** Results: the compiled YAML, the validation report, help and version. */
  stdout(text: string): void;
  /** Progress and errors. */
  stderr(text: string): void;
  /** Directory that relative paths on the command line are resolved against. */
  readonly cwd: string;
}

let closedPipeHandled = false;

export function processIo(): CliIo {
  if (!closedPipeHandled) {
    closedPipeHandled = true;
    // `kfp-ts compile p.ts | head`: the reader went away; stop quietly rather than crash with EPIPE.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}
