/**
 * The container entry point: `node <bundle> --executor_input <json> --function_to_execute <name>`
 * (KFP's lightweight-component arguments). Exit code 0 on success; on failure exactly one line on
 * stderr naming the component and what went wrong, and exit code 1.
 */
import { ComponentError, messageOf } from './errors.js';
import { executeComponent } from './execute.js';
import type { ComponentSource } from './find-component.js';
import { findFunctionComponent } from './find-component.js';

const PREFIX = 'kfp-ts executor: ';

export interface ExecutorArgs {
  readonly executorInput: string;
  readonly functionName: string;
  /** Optional context flags (the executor input does not carry them). */
  readonly taskName?: string;
  readonly pipelineJobName?: string;
}

/**
 * Reads the flags the executor understands (`--flag value` or `--flag=value`) and ignores any
 * other argument, as KFP's `executor_main` does with `parse_known_args`.
 */
export function parseExecutorArgs(
  argv: readonly string[],
): { ok: true; args: ExecutorArgs } | { ok: false; problem: string } {
  const flags: Record<string, string> = {};
  const known = ['executor_input', 'function_to_execute', 'pipeline_task_name', 'pipeline_job_name'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const flag = arg.slice(2, eq < 0 ? undefined : eq);
    if (!known.includes(flag)) continue;
    if (eq >= 0) flags[flag] = arg.slice(eq + 1);
    else if (i + 1 < argv.length) flags[flag] = argv[++i]!;
    else return { ok: false, problem: `--${flag} needs a value` };
  }
  if (flags.executor_input === undefined) return { ok: false, problem: 'missing --executor_input <json>' };
  if (!flags.function_to_execute)
    return { ok: false, problem: 'missing --function_to_execute <component name>' };
  return {
    ok: true,
    args: {
      executorInput: flags.executor_input,
      functionName: flags.function_to_execute,
      ...(flags.pipeline_task_name !== undefined ? { taskName: flags.pipeline_task_name } : {}),
      ...(flags.pipeline_job_name !== undefined ? { pipelineJobName: flags.pipeline_job_name } : {}),
    },
  };
}

export interface MainOptions {
  /** Ends the process (default `process.exit`); tests pass their own. */
  readonly exit?: (code: number) => void;
  /** Writes to stderr (default `process.stderr.write`). */
  readonly writeError?: (text: string) => void;
  /** Installs the process-wide guards (unhandled rejections, early exits); default true. */
  readonly guardProcess?: boolean;
}

/**
 * Runs the component named on the command line and ends the process: exit code 0 when every
 * output was written, 1 otherwise. The exit is explicit so that a handle the function left open
 * (a socket, a timer) cannot keep the pod running after the work is done.
 *
 * Guards: an unhandled promise rejection or uncaught exception fails the task with one line; if
 * the process ends while the function is still running (`process.exit` inside it, or `run`
 * awaiting something that never settles), the exit code becomes 1 with a line saying so, because
 * no outputs were written. `KFP_TS_VERBOSE=1` adds the stack trace; nothing else from the
 * environment or the executor input is printed.
 */
export async function executorMain(
  argv: readonly string[],
  components: ComponentSource | (() => ComponentSource),
  options: MainOptions = {},
): Promise<number> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const writeError = options.writeError ?? ((text: string) => void process.stderr.write(text));
  const verbose = process.env.KFP_TS_VERBOSE === '1';
  const report = (message: string, error?: unknown) => {
    writeError(`${PREFIX}${oneLine(message)}\n`);
    const stack = verbose ? stackOf(error) : undefined;
    if (stack) writeError(`${stack}\n`);
  };
  const finish = (code: number) => {
    exit(code);
    return code;
  };

  const parsed = parseExecutorArgs(argv);
  if (!parsed.ok) {
    report(`${parsed.problem} (usage: --executor_input <json> --function_to_execute <component name>)`);
    return finish(1);
  }
  const { args } = parsed;
  let source: ComponentSource;
  try {
    source = typeof components === 'function' ? components() : components;
  } catch (error) {
    report(`the module that defines the components failed to load: ${messageOf(error)}`, error);
    return finish(1);
  }
  let found: ReturnType<typeof findFunctionComponent>;
  try {
    found = findFunctionComponent(source, args.functionName);
  } catch (error) {
    report(`could not list the components of this bundle: ${messageOf(error)}`, error);
    return finish(1);
  }
  if (!found.ok) {
    report(found.problem);
    return finish(1);
  }
  const name = found.definition.name;
  const release = options.guardProcess === false ? () => {} : guardProcess(name, report, exit);
  let code: number;
  try {
    const result = await executeComponent(found.definition, args.executorInput, {
      context: {
        ...(args.taskName !== undefined ? { taskName: args.taskName } : {}),
        ...(args.pipelineJobName !== undefined ? { pipelineJobName: args.pipelineJobName } : {}),
      },
    });
    if (!result.ok) report(result.error.message, result.error.cause ?? result.error);
    code = result.ok ? 0 : 1;
  } finally {
    // Before exiting: the exit guard must know the function is done.
    release();
  }
  return finish(code);
}

/** Process-wide handlers for the duration of the run; returns the function that removes them. */
function guardProcess(
  name: string,
  report: (message: string, error?: unknown) => void,
  exit: (code: number) => void,
) {
  let running = true;
  const onFatal = (kind: string) => (error: unknown) => {
    running = false;
    report(`component '${name}' failed: ${kind}: ${messageOf(error)}`, error);
    exit(1);
  };
  const onRejection = onFatal('unhandled promise rejection');
  const onException = onFatal('uncaught exception');
  const onExit = (code: number) => {
    if (!running) return;
    report(
      `component '${name}' ended the process (exit code ${code}) before run() returned (process.exit() called, or run() awaited something that never settles); no outputs were written`,
    );
    process.exitCode = 1;
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  process.on('exit', onExit);
  return () => {
    running = false;
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    process.off('exit', onExit);
  };
}

function oneLine(message: string): string {
  return message
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' | ');
}

function stackOf(error: unknown): string | undefined {
  if (error instanceof ComponentError && error.cause !== undefined) return stackOf(error.cause);
  return error instanceof Error ? error.stack : undefined;
}
