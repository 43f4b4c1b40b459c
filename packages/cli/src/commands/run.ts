import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { JsonValue } from '@kfp-ts/dsl';
import { ExitCode, InternalError, UsageError } from '../errors.js';
import { selectPipeline } from '../find-pipeline.js';
import { importUserModule } from '../load-module.js';
import { displayPath } from '../paths.js';
import { parsePipelineParams } from '../pipeline-params.js';
import type { CommandContext } from './context.js';

export interface RunCommandOptions {
  pipeline?: string;
  param: string[];
  outputDir: string;
  runner: string;
  json?: boolean;
  cache: boolean;
  failurePolicy: string;
  parallelism?: string;
  /** `auto` or a positive integer (default `auto`). */
  workers?: string;
  hostImage: string[];
}

const RUNNERS = ['in-process', 'subprocess', 'docker'] as const;

/**
 * `kfp-ts run <file.ts | file.yaml>`: compiles the pipeline (or reads the IR) and runs the IR on
 * this machine. Live task states go to stderr; `--json` prints the RunResult on stdout.
 */
export async function runCommand(
  file: string,
  options: RunCommandOptions,
  { io }: CommandContext,
): Promise<number> {
  const source = path.resolve(io.cwd, file);
  const shown = displayPath(source, io.cwd);
  const runner = options.runner as (typeof RUNNERS)[number];
  if (!RUNNERS.includes(runner))
    throw new UsageError(`--runner ${options.runner}: use one of ${RUNNERS.join(', ')}.`);
  if (options.failurePolicy !== 'fast' && options.failurePolicy !== 'slow') {
    throw new UsageError(`--failure-policy ${options.failurePolicy}: use fast or slow.`);
  }
  const parallelism = options.parallelism === undefined ? undefined : Number(options.parallelism);
  if (parallelism !== undefined && !(Number.isInteger(parallelism) && parallelism > 0)) {
    throw new UsageError(`--parallelism ${options.parallelism}: expected a positive integer.`);
  }
  const workers = parseWorkers(options.workers ?? 'auto');
  // Load the runner (and with it the compiler) before the TypeScript loader is registered.
  const local = await import('@kfp-ts/local').catch((error: unknown) => {
    throw new InternalError('loading @kfp-ts/local', error);
  });
  const controller = new AbortController();
  const onInterrupt = () => {
    io.stderr('\nkfp-ts: interrupted; stopping the run (running tasks are terminated)...\n');
    controller.abort();
  };
  process.once('SIGINT', onInterrupt);
  const reporter = options.json
    ? undefined
    : local.createConsoleReporter({
        tty: process.stderr.isTTY === true,
        write: (text: string) => io.stderr(text),
      });
  const common = {
    outputDir: path.resolve(io.cwd, options.outputDir),
    runner,
    cache: options.cache,
    failurePolicy: options.failurePolicy === 'fast' ? ('fail-fast' as const) : ('fail-slow' as const),
    hostImages: options.hostImage,
    signal: controller.signal,
    ...(parallelism ? { parallelism } : {}),
    workers,
    ...(reporter ? { onEvent: reporter.onEvent } : {}),
  };
  let result: Awaited<ReturnType<typeof local.runPipelineSpec>>;
  try {
    if (/\.ya?ml$/i.test(source)) {
      const text = await readFile(source, 'utf8').catch(() => {
        throw new UsageError(`${shown}: no such file.`);
      });
      const spec = wrapLoadError(() => local.loadPipelineSpec(text), shown);
      const parameters = parseSpecParams(options.param, spec.root?.inputDefinitions?.parameters ?? {});
      result = await local.runPipelineSpec(spec, { ...common, parameters, assetsDir: `${source}.assets` });
    } else {
      const exports = await importUserModule(source, io.cwd);
      const { pipeline } = selectPipeline(exports, shown, options.pipeline);
      const params = parsePipelineParams(options.param, pipeline);
      result = await local.runPipeline(pipeline, params, common);
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'LocalRunError')
      throw new UsageError(`${shown}: ${error.message}`, { cause: error });
    throw error;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  // Without --json the reporter has printed the live states and the summary.
  if (options.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  return result.state === 'SUCCEEDED' ? ExitCode.ok : 1;
}

/** `--workers auto` or a positive integer. */
function parseWorkers(text: string): number | 'auto' {
  if (text === 'auto') return 'auto';
  const n = Number(text);
  if (!(/^\d+$/.test(text) && n > 0))
    throw new UsageError(`--workers ${text}: expected auto or a positive integer.`);
  return n;
}

function wrapLoadError<T>(load: () => T, shown: string): T {
  try {
    return load();
  } catch (error) {
    throw new UsageError(`${shown}: ${(error as Error).message}`, { cause: error });
  }
}

/** `--param name=value` for a YAML pipeline: read by the root input's declared parameter type. */
function parseSpecParams(
  assignments: readonly string[],
  inputs: Record<string, { parameterType?: string }>,
): Record<string, JsonValue> {
  const values: Record<string, JsonValue> = {};
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) throw new UsageError(`--param ${JSON.stringify(assignment)}: expected name=value.`);
    const name = assignment.slice(0, equals).trim();
    const text = assignment.slice(equals + 1);
    const type = inputs[name]?.parameterType;
    if (!type) {
      throw new UsageError(
        `--param ${name}: the pipeline has no parameter '${name}'; its parameters are: ${Object.keys(inputs).join(', ') || '(none)'}.`,
      );
    }
    if (type === 'STRING') values[name] = text;
    else {
      try {
        values[name] = JSON.parse(text) as JsonValue;
      } catch {
        throw new UsageError(
          `--param ${name}=${text}: expected a ${type.toLowerCase().replace('number_', '')} value.`,
        );
      }
    }
  }
  return values;
}
