/**
 * What the run commands (submit, status, wait, cancel, list, schedule) share: where to run
 * (project, region and endpoints from options or the environment, or a Kubeflow host), reading
 * the pipeline file (TypeScript, compiled YAML or JSON), parameter values, and turning the
 * @kfp-ts/vertex errors into the CLI's one-line errors.
 */
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { JsonValue, StagedAsset } from '@kfp-ts/vertex';
import { isPipelineDefinitionError, UsageError } from '../errors.js';
import { selectPipeline } from '../find-pipeline.js';
import { importUserModule } from '../load-module.js';
import { displayPath } from '../paths.js';

export type Vertex = typeof import('@kfp-ts/vertex');

/** The YAML parser, loaded only for YAML input (a TypeScript pipeline does not need it). */
async function parseYaml(text: string): Promise<unknown> {
  const { parse } = await import('yaml');
  return parse(text);
}

/** Options every run command takes. */
export interface TargetOptions {
  project?: string;
  region?: string;
  apiEndpoint?: string;
  storageEndpoint?: string;
  target?: string;
  host?: string;
  token?: string;
  json?: boolean;
}

export interface ResolvedTarget {
  kind: 'vertex' | 'kfp';
  project?: string;
  region?: string;
  apiEndpoint?: string;
  storageEndpoint?: string;
  host?: string;
  token?: string;
}

/**
 * Flags first, then the environment: GOOGLE_CLOUD_PROJECT / CLOUDSDK_CORE_PROJECT,
 * GOOGLE_CLOUD_REGION / CLOUDSDK_COMPUTE_REGION, KFP_TS_VERTEX_ENDPOINT, STORAGE_EMULATOR_HOST
 * (read by the storage client itself), KFP_TS_KFP_HOST, KFP_TS_KFP_TOKEN.
 */
export function resolveTarget(options: TargetOptions, env: NodeJS.ProcessEnv = process.env): ResolvedTarget {
  const kind = (options.target ?? 'vertex').toLowerCase();
  if (kind !== 'vertex' && kind !== 'kfp')
    throw new UsageError(`--target ${options.target}: use vertex or kfp.`);
  if (kind === 'kfp') {
    const host = options.host ?? env.KFP_TS_KFP_HOST;
    if (!host)
      throw new UsageError(
        '--target kfp needs --host <url> (the Kubeflow Pipelines API), or KFP_TS_KFP_HOST.',
      );
    const token = options.token ?? env.KFP_TS_KFP_TOKEN;
    return { kind, host, ...(token ? { token } : {}) };
  }
  const project = options.project ?? env.GOOGLE_CLOUD_PROJECT ?? env.CLOUDSDK_CORE_PROJECT;
  const region = options.region ?? env.GOOGLE_CLOUD_REGION ?? env.CLOUDSDK_COMPUTE_REGION;
  const apiEndpoint = options.apiEndpoint ?? env.KFP_TS_VERTEX_ENDPOINT;
  return {
    kind,
    ...(project ? { project } : {}),
    ...(region ? { region } : {}),
    ...(apiEndpoint ? { apiEndpoint } : {}),
    ...(options.storageEndpoint ? { storageEndpoint: options.storageEndpoint } : {}),
  };
}

/** The library, loaded when a run command runs (it brings gRPC and the Vertex AI client). */
export async function loadVertex(): Promise<Vertex> {
  return import('@kfp-ts/vertex');
}

/**
 * Errors of @kfp-ts/vertex as the CLI reports them: a usage or API problem is one
 * `kfp-ts: error:` line (exit 2). Anything else goes on unchanged (a bug: internal error).
 */
export function asCliError(vertex: Vertex, error: unknown): unknown {
  if (vertex.VertexError.is(error) && error.kind !== 'job')
    return new UsageError(error.message, { cause: error });
  return error;
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface LoadedPipeline {
  /** A DSL pipeline (compiled by the library) or a compiled spec. */
  pipeline: unknown;
  assets: StagedAsset[];
  shown: string;
}

/**
 * The pipeline of `file`: a module exporting a pipeline (TypeScript or JavaScript, as for
 * compile) or a compiled spec (YAML or JSON). A compiled spec's staged bundles are read from the
 * `<file>.assets/` folder that compile writes next to it.
 */
export async function loadPipelineFile(
  file: string,
  cwd: string,
  exportName?: string,
): Promise<LoadedPipeline> {
  const source = path.resolve(cwd, file);
  const shown = displayPath(source, cwd);
  if (YAML_EXTENSIONS.has(path.extname(source).toLowerCase())) {
    const text = await readFile(source, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`${shown}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`, {
        cause: error,
      });
    });
    let spec: unknown;
    try {
      // The first document is the PipelineSpec (a second one, a PlatformSpec, is not sent).
      spec = await parseYaml(
        text.split(/^---\s*$/m).find((doc) => doc.trim() !== '' && !/^\s*(#.*\n?)*$/.test(doc)) ?? '',
      );
    } catch (error) {
      throw new UsageError(`${shown}: not valid YAML: ${(error as Error).message.split('\n')[0]}`, {
        cause: error,
      });
    }
    return { pipeline: spec, assets: await readAssetsFolder(`${source}.assets`), shown };
  }
  const exports = await importUserModule(source, cwd);
  const { pipeline } = selectPipeline(exports, shown, exportName);
  return { pipeline, assets: [], shown };
}

async function readAssetsFolder(folder: string): Promise<StagedAsset[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const assets: StagedAsset[] = [];
  for (const name of names) {
    const match = /^([0-9a-f]{64})\.cjs$/.exec(name);
    if (match) assets.push({ sha256: match[1]!, code: await readFile(path.join(folder, name)) });
  }
  return assets;
}

/** A PipelineDefinitionError while compiling, reported with the file name (as compile does). */
export function pipelineErrorWithFile(error: unknown, shown: string): unknown {
  return isPipelineDefinitionError(error)
    ? new UsageError(`${shown}: ${error.message}`, { cause: error })
    : error;
}

/** `k=v` options (labels, uploads) as an object; a repeated key or a missing `=` is a usage error. */
export function keyValues(option: string, items: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of items) {
    const equals = item.indexOf('=');
    if (equals <= 0) throw new UsageError(`${option} ${JSON.stringify(item)}: expected name=value.`);
    const key = item.slice(0, equals).trim();
    if (key in result) throw new UsageError(`${option} ${key}: given twice.`);
    result[key] = item.slice(equals + 1);
  }
  return result;
}

/** `--params-file` (a JSON or YAML object of values, typed as in the file). */
export async function readParamsFile(file: string, cwd: string): Promise<Record<string, JsonValue>> {
  const source = path.resolve(cwd, file);
  const shown = displayPath(source, cwd);
  const text = await readFile(source, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      `--params-file ${shown}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`,
    );
  });
  let values: unknown;
  try {
    values = await parseYaml(text);
  } catch (error) {
    throw new UsageError(
      `--params-file ${shown}: not valid JSON or YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new UsageError(`--params-file ${shown}: expected an object of parameter values, e.g. {"seed": 3}.`);
  }
  return values as Record<string, JsonValue>;
}

export const collect = (value: string, previous: string[]) => [...previous, value];

/** Seconds (as typed) to milliseconds, for --poll-interval. */
export function seconds(option: string, text: string | undefined, fallbackMs: number): number {
  if (text === undefined) return fallbackMs;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`${option} ${text}: expected a number of seconds.`);
  return Math.round(value * 1000);
}

export function positiveInt(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new UsageError(`${option} ${text}: expected a positive integer.`);
  return value;
}
