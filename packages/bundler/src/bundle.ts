/**
 * Bundles the module that defines TypeScript components, together with the kfp-ts executor, into
 * one self-contained CommonJS file a container runs with plain `node`.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BuildFailure, BuildOptions, Message } from 'esbuild';

type Esbuild = typeof import('esbuild');
let esbuildModule: Esbuild | undefined;

/**
 * esbuild, loaded when a build is actually needed: a compile whose bundles all come from the
 * cache does not pay for loading it (~16 ms), unless something else loaded it already (tsx does,
 * for a TypeScript pipeline module).
 */
export function loadEsbuild(): Esbuild {
  esbuildModule ??= createRequire(import.meta.url)('esbuild') as Esbuild;
  return esbuildModule;
}

export interface BundleOptions {
  /**
   * Extra package.json export conditions. Default `['@kfp-ts/source']`: the workspace's packages
   * (shipped with their `src/`) are bundled from their TypeScript sources, so a bundle never
   * depends on whether `dist/` was built or is stale.
   */
  readonly conditions?: readonly string[];
  /**
   * The folder esbuild works from. Default: the nearest folder with a package.json above the file,
   * so the result does not depend on the directory the compiler was started in.
   */
  readonly absWorkingDir?: string;
}

export interface ComponentBundle {
  /** The module the bundle was built from (absolute path). */
  readonly file: string;
  /** The CommonJS code: `node bundle.cjs --executor_input <json> --function_to_execute <name>`. */
  readonly code: string;
  /** sha256 of `code` (hex); names the staged asset. */
  readonly sha256: string;
  /** Size of `code` in bytes. */
  readonly bytes: number;
  /** `code` gzipped and base64-encoded: what the embed mode puts on the command line. */
  readonly gzipBase64: string;
  readonly gzipBase64Bytes: number;
  /** Every file esbuild read (absolute paths), so a cache can tell when the bundle is stale. */
  readonly inputs: readonly string[];
  /** esbuild's warnings, one line each (`file:line: text`). */
  readonly warnings: readonly string[];
}

/** Thrown when esbuild cannot bundle the module; the message lists esbuild's errors. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    readonly file: string,
    readonly errors: readonly string[],
    /** What the bundle was for, as the message says it. */
    purpose = 'for its container',
  ) {
    super(`cannot bundle ${file} ${purpose}:\n${errors.map((e) => `  ${e}`).join('\n')}`);
  }
}

/** Where `@kfp-ts/executor` is resolved from: this package depends on it, the user's project may not. */
const OWN_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * Bundles `file` (a .ts or .js module) with a generated entry that hands the module's exports to
 * `executorMain`, which finds the component named by `--function_to_execute`. All components
 * of one module share its bundle. Deterministic: the same sources give the same bytes (no
 * timestamps, no absolute paths, comments dropped, fixed working folder).
 */
export function bundleComponentModule(file: string, options: BundleOptions = {}): ComponentBundle {
  const absolute = sourceOf(path.resolve(file));
  const absWorkingDir = options.absWorkingDir ?? packageRootOf(absolute);
  // The module is loaded through a function so that executorMain reports an exception at its top
  // level as one line. The entry's only absolute path is a specifier; bundling inlines it away.
  const entry = [
    `const { executorMain } = require('@kfp-ts/executor');`,
    `void executorMain(process.argv.slice(2), () => require(${JSON.stringify(absolute)}));`,
  ].join('\n');
  let result: ReturnType<Esbuild['buildSync']>;
  try {
    result = loadEsbuild().buildSync({
      ...nodeBundleOptions(absWorkingDir, options.conditions),
      stdin: { contents: entry, resolveDir: OWN_DIR, sourcefile: 'kfp-ts-entry.js', loader: 'js' },
      minify: true,
      charset: 'ascii',
    });
  } catch (error) {
    const failure = error as Partial<BuildFailure>;
    throw new BundleError(absolute, failure.errors?.map(formatMessage) ?? [String(error)]);
  }
  const code = result.outputFiles![0]!.text;
  const bytes = Buffer.from(code, 'utf8');
  const gzip = gzipSync(bytes, { level: 9 });
  // The gzip header's OS byte depends on the platform zlib was built for; fix it so a bundle
  // made on Windows or macOS is byte-identical to one made on Linux.
  gzip[9] = 3;
  const gzipBase64 = gzip.toString('base64');
  return {
    file: absolute,
    code,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    gzipBase64,
    gzipBase64Bytes: gzipBase64.length,
    inputs: Object.keys(result.metafile!.inputs)
      .filter((input) => !input.startsWith('<'))
      .map((input) => path.resolve(absWorkingDir, input)),
    warnings: result.warnings.map(formatMessage),
  };
}

export function packageRootOf(file: string): string {
  let dir = path.dirname(file);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.dirname(file);
    dir = parent;
  }
}

/** What every bundle of a module shares: one CommonJS file for Node 20, dependencies inlined. */
export function nodeBundleOptions(absWorkingDir: string, conditions: readonly string[] | undefined) {
  return {
    absWorkingDir,
    bundle: true,
    packages: 'bundle',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    legalComments: 'none',
    conditions: [...(conditions ?? ['@kfp-ts/source'])],
    metafile: true,
    write: false,
    logLevel: 'silent',
  } as const satisfies BuildOptions;
}

export function formatMessage(message: Message): string {
  const where = message.location ? `${message.location.file}:${message.location.line}: ` : '';
  return `${where}${message.text}`;
}

/**
 * A component defined in a workspace package that was loaded from its build (`dist/x.js`) is
 * bundled from its source (`src/x.ts`) when that exists, like every package it imports (the
 * `@kfp-ts/source` condition): the bundle, and so its hash in the YAML, is then the same whether
 * the compiler ran from sources or from the build.
 */
function sourceOf(file: string): string {
  const match = /^(.*)[\\/]dist[\\/](.*)\.js$/.exec(file);
  if (!match) return file;
  const candidate = path.join(match[1]!, 'src', `${match[2]}.ts`);
  return existsSync(candidate) ? candidate : file;
}
