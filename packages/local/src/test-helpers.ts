/**
 * The unit-testing API: `runComponent` runs one component in-process with artifacts on temporary
 * files, `fakeArtifact` makes input artifacts, `runPipeline` compiles a pipeline and runs it with
 * chosen components mocked. All of them go through the compiled IR, as a remote run would.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CompileOptions } from '@kfp-ts/compiler';
import { compileWithAssets } from '@kfp-ts/compiler';
import type { ArtifactSpec, ArtifactType, Component, IOSpecs, ParamSpec } from '@kfp-ts/dsl';
import { writeFileAtomic } from '@kfp-ts/executor';
import type { JsonValue, PipelineSpec } from '@kfp-ts/schemas';
import { createRegistry } from './registry.js';
import { runPipelineSpec } from './run-pipeline-spec.js';
import type { ArtifactInput, ArtifactResult, RunOptions, RunResult } from './types.js';

export interface FakeArtifactOptions {
  /** File content, written to a new temporary file. */
  content?: string | Uint8Array;
  /** Files of a folder artifact (relative path -> content), written to a new temporary folder. */
  files?: Record<string, string | Uint8Array>;
  /** An existing local file or folder. */
  path?: string;
  /** A URI that is not local (`gs://...`); its path follows KFP's mounts unless `uriPrefixes` maps it. */
  uri?: string;
  metadata?: Record<string, JsonValue>;
  /** File name of the temporary file (default `artifact`). */
  name?: string;
}

/** An input artifact for `runComponent`/`runPipeline`: `fakeArtifact(Dataset, { content: 'a,b\n1,2' })`. */
export function fakeArtifact(
  type: ArtifactType,
  options: FakeArtifactOptions = {},
): ArtifactInput & { schemaTitle: string } {
  let file = options.path !== undefined ? path.resolve(options.path) : undefined;
  if (options.content !== undefined || options.files !== undefined) {
    const dir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-fake-'));
    file = path.join(dir, options.name ?? 'artifact');
    if (options.files) {
      for (const [relative, content] of Object.entries(options.files)) {
        const target = path.join(file, relative);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
    } else {
      writeFileSync(file, options.content!);
    }
  }
  return {
    schemaTitle: type.schemaTitle,
    ...(file !== undefined ? { path: file } : {}),
    ...(options.uri !== undefined ? { uri: options.uri } : file !== undefined ? { uri: file } : {}),
    metadata: options.metadata ?? {},
  };
}

export class ComponentRunError extends Error {
  override readonly name = 'ComponentRunError';
  constructor(
    message: string,
    readonly result: RunResult,
    readonly logTail: string[],
  ) {
    super(message);
  }
}

/** An output artifact of `runComponent`: read `path`; `metadata` is what the component set. */
export interface LocalArtifact {
  path: string;
  uri: string;
  metadata: Record<string, JsonValue>;
}

type OutputSpecsOf<C> = C extends Component<any, infer O, any> ? O : IOSpecs;

/** Output parameters typed from the component's declaration. */
export type OutputParameters<O> = {
  [K in keyof O as O[K] extends ParamSpec<any, any, any> ? K : never]: O[K] extends ParamSpec<
    any,
    infer T,
    any
  >
    ? T
    : never;
};

/** Output artifacts typed from the component's declaration (a list for `artifactList` outputs). */
export type OutputArtifacts<O> = {
  [K in keyof O as O[K] extends ArtifactSpec<any, any, any> ? K : never]: O[K] extends ArtifactSpec<
    any,
    true,
    any
  >
    ? LocalArtifact[]
    : LocalArtifact;
};

export interface RunComponentResult<O = IOSpecs> {
  /** Output parameters. */
  outputs: OutputParameters<O>;
  /** Output artifacts: `path` to read, `uri`, and the metadata the component set. */
  artifacts: OutputArtifacts<O>;
  result: RunResult;
}

export type TestRunOptions = Omit<RunOptions, 'parameters' | 'artifacts'> & {
  artifacts?: RunOptions['artifacts'];
  compileOptions?: CompileOptions;
};

function splitInputs(spec: PipelineSpec, values: Record<string, unknown>, options: TestRunOptions) {
  const declaredArtifacts = spec.root.inputDefinitions?.artifacts ?? {};
  const parameters: Record<string, JsonValue> = {};
  const artifacts: NonNullable<RunOptions['artifacts']> = { ...(options.artifacts ?? {}) };
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (key in declaredArtifacts) artifacts[key] = value as ArtifactInput | ArtifactInput[];
    else parameters[key] = value as JsonValue;
  }
  return { parameters, artifacts };
}

function temporaryOutputDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kfp-ts-run-'));
}

/**
 * Compiles for the chosen runner. In-process runs need no bundles (the functions are right here),
 * so components compile in the prebuilt-image mode, skipping esbuild; subprocess and docker runs
 * run the real command, so the bundles are built and staged ones written to an assets folder.
 */
async function compileFor(target: Component<any, any, any>, options: TestRunOptions, outputDir: string) {
  const inProcess = (options.runner ?? 'in-process') === 'in-process';
  const compileOptions: CompileOptions =
    inProcess && !options.compileOptions?.functionExecutor && !options.compileOptions?.shipping
      ? { ...options.compileOptions, shipping: { mode: 'image' } }
      : (options.compileOptions ?? {});
  const { spec, assets } = compileWithAssets(target, compileOptions);
  let assetsDir = options.assetsDir;
  if (assets.length && !assetsDir) {
    assetsDir = path.join(outputDir, '.kfp-ts-assets');
    await mkdir(assetsDir, { recursive: true });
    await Promise.all(assets.map((a) => writeFileAtomic(path.join(assetsDir!, a.fileName), a.code)));
  }
  return { spec, assetsDir };
}

/**
 * Runs one component in-process and returns its outputs; throws a ComponentRunError (with the
 * component's last log lines) when it fails. Caching is off unless asked for.
 */
export async function runComponent<C extends Component<any, any, any>>(
  component: C,
  inputs: Record<string, unknown> = {},
  options: TestRunOptions = {},
): Promise<RunComponentResult<OutputSpecsOf<C>>> {
  const outputDir = options.outputDir ?? temporaryOutputDir();
  const { spec, assetsDir } = await compileFor(component, options, outputDir);
  const result = await runPipelineSpec(spec, {
    cache: false,
    ...options,
    ...splitInputs(spec, inputs, options),
    registry: mergeRegistries(createRegistry(component), options.registry),
    outputDir,
    ...(assetsDir ? { assetsDir } : {}),
    validate: false,
  });
  if (result.state !== 'SUCCEEDED') {
    const failed = result.failedTasks[0];
    const tail = (failed && result.tasks[failed]?.logTail) || [];
    const log = tail.length ? `\nLast lines it printed:\n${tail.map((l) => `  ${l}`).join('\n')}` : '';
    throw new ComponentRunError(
      `${component.definition.name}: ${result.error ?? result.state}${log}`,
      result,
      tail,
    );
  }
  const local = (a: ArtifactResult): LocalArtifact => ({
    path: a.path ?? a.uri,
    uri: a.uri,
    metadata: a.metadata,
  });
  const artifacts: Record<string, LocalArtifact | LocalArtifact[]> = {};
  for (const [name, value] of Object.entries(result.pipelineOutputs.artifacts)) {
    artifacts[name] = Array.isArray(value) ? value.map(local) : local(value);
  }
  return {
    outputs: result.pipelineOutputs.parameters as OutputParameters<OutputSpecsOf<C>>,
    artifacts: artifacts as OutputArtifacts<OutputSpecsOf<C>>,
    result,
  };
}

/**
 * Compiles a pipeline and runs it; `mocks` replace components by name. Returns the RunResult
 * (failures are in it, not thrown). Runs in a new temporary folder unless `outputDir` is given.
 */
export async function runPipeline(
  pipeline: Component<any, any, any>,
  params: Record<string, unknown> = {},
  options: TestRunOptions = {},
): Promise<RunResult> {
  const outputDir = options.outputDir ?? temporaryOutputDir();
  const { spec, assetsDir } = await compileFor(pipeline, options, outputDir);
  return runPipelineSpec(spec, {
    ...options,
    ...splitInputs(spec, params, options),
    registry: mergeRegistries(createRegistry(pipeline), options.registry),
    outputDir,
    ...(assetsDir ? { assetsDir } : {}),
    validate: false,
  });
}

function mergeRegistries(
  found: Map<string, import('@kfp-ts/dsl').FunctionComponentDefinition>,
  given: RunOptions['registry'],
) {
  if (given) for (const [name, definition] of given) found.set(name, definition);
  return found;
}
