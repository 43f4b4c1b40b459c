/**
 * @kfp-ts/cli: the `kfp-ts` command (compile, validate). `main` runs it in-process.
 */
export { ExitCode } from './errors.js';
export type { CliIo } from './io.js';
export { main } from './main.js';
