import { mkdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { JsonValue, Pipeline } from '@kfp-ts/dsl';
import { writeFileAtomic } from '@kfp-ts/executor';
import { ExitCode, InternalError, isPipelineDefinitionError, UsageError } from '../errors.js';
import { selectPipeline } from '../find-pipeline.js';
import { importUserModule } from '../load-module.js';
import { displayPath } from '../paths.js';
import { parsePipelineParams } from '../pipeline-params.js';
import type { CommandContext } from './context.js';

export interface CompileOptions {
  /** Export (or pipeline) name, needed when the module exports several pipelines. */
  pipeline?: string;
  /** Output file; stdout when absent. */
  output?: string;
  /** `name=value` overrides of pipeline input defaults. */
  param: string[];
}

/** `kfp-ts compile <file>`: load the module, pick its pipeline, compile it to KFP IR YAML. */
export async function compileCommand(
  file: string,
  options: CompileOptions,
  { io }: CommandContext,
): Promise<number> {
  const source = path.resolve(io.cwd, file);
  const shown = displayPath(source, io.cwd);
  const output = options.output === undefined ? undefined : path.resolve(io.cwd, options.output);
  // Check the output location first: no point compiling what cannot be written.
  if (output !== undefined) await checkOutputDirectory(output, io.cwd);

  // Import the compiler before the TypeScript loader is registered: modules imported after it go
  // through its hooks, which costs several hundred milliseconds for the compiler and zod.
  const compiler = await loadCompiler();
  const exports = await importUserModule(source, io.cwd);
  const { exportName, pipeline } = selectPipeline(exports, shown, options.pipeline);
  const label = `pipeline '${pipeline.definition.name}'`;
  const pipelineParameters = parsePipelineParams(options.param, pipeline);
  buildGraph(pipeline, shown);
  const { yaml, assets, notes } = compile(compiler, pipeline, pipelineParameters, shown, label);
  for (const note of notes) io.stderr(`kfp-ts: note: ${note}\n`);
  if (assets.length > 0 && output === undefined) {
    throw new UsageError(
      `${shown}: ${label} stages ${assets.length} component bundle(s) too large to embed; use -o <file.yaml> so they can be written next to it (<file.yaml>.assets/).`,
    );
  }

  if (output === undefined) {
    io.stdout(yaml);
  } else {
    const cannotWrite = (error: unknown): never => {
      throw new UsageError(`cannot write ${displayPath(output, io.cwd)}: ${(error as Error).message}`, {
        cause: error,
      });
    };
    // Bundles first: a YAML that names a missing asset is never left behind.
    if (assets.length > 0) {
      const assetsDir = `${output}.assets`;
      await mkdir(assetsDir, { recursive: true }).catch(cannotWrite);
      for (const asset of assets) {
        await writeFileAtomic(path.join(assetsDir, asset.fileName), asset.code).catch(cannotWrite);
      }
      io.stderr(`kfp-ts: wrote ${assets.length} staged bundle(s) to ${displayPath(assetsDir, io.cwd)}\n`);
    }
    await writeFileAtomic(output, yaml).catch(cannotWrite);
  }
  const from = exportName === pipeline.definition.name ? shown : `${shown} (export '${exportName}')`;
  const to = output === undefined ? 'stdout' : displayPath(output, io.cwd);
  io.stderr(`kfp-ts: compiled ${label} from ${from} to ${to}\n`);
  return ExitCode.ok;
}

async function checkOutputDirectory(output: string, cwd: string): Promise<void> {
  const directory = path.dirname(output);
  const info = await stat(directory).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UsageError(
      `cannot write ${displayPath(output, cwd)}: directory ${displayPath(directory, cwd)} does not exist.`,
    );
  }
  const existing = await stat(output).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new UsageError(
      `cannot write ${displayPath(output, cwd)}: it is a directory; give a file name such as pipeline.yaml.`,
    );
  }
}

/**
 * Runs the pipeline body (the DSL does so lazily, on first use) before compiling, so mistakes in
 * the body are reported as the user's, apart from anything the compiler may throw.
 */
function buildGraph(pipeline: Pipeline, shown: string): void {
  try {
    void pipeline.definition.graph;
  } catch (error) {
    throw userErrorOr(
      error,
      shown,
      () => new UsageError(bodyThrew(error, shown, pipeline), { cause: error }),
    );
  }
}

type Compiler = typeof import('@kfp-ts/compiler');

/** Loaded on demand: `validate`, `--help` and `--version` start faster without it. */
async function loadCompiler(): Promise<Compiler> {
  return import('@kfp-ts/compiler').catch((error: unknown) => {
    throw new InternalError('loading @kfp-ts/compiler', error);
  });
}

function compile(
  compiler: Compiler,
  pipeline: Pipeline,
  pipelineParameters: Record<string, JsonValue>,
  shown: string,
  label: string,
): { yaml: string; assets: readonly { fileName: string; code: string }[]; notes: readonly string[] } {
  try {
    const result = compiler.compileWithAssets(pipeline, { pipelineParameters });
    return { yaml: compiler.toKfpYaml(result.spec), assets: result.assets, notes: result.notes };
  } catch (error) {
    throw userErrorOr(error, shown, () => new InternalError(`compiling ${label}`, error));
  }
}

/** A PipelineDefinitionError becomes a UsageError naming the file; anything else is `otherwise()`. */
function userErrorOr(error: unknown, shown: string, otherwise: () => Error): Error {
  return isPipelineDefinitionError(error)
    ? new UsageError(`${shown}: ${error.message}`, { cause: error })
    : otherwise();
}

/** An exception of the user's own code in the pipeline body (not a definition error of the DSL). */
function bodyThrew(error: unknown, shown: string, pipeline: Pipeline): string {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `${shown}: the body of pipeline '${pipeline.definition.name}' threw ${what} (re-run with --verbose for the stack trace)`;
}
