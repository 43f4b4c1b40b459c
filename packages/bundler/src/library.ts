/**
 * Library bundles: a module bundled (esbuild) into one CommonJS file ON DISK that another thread
 * of this process `require`s, e.g. the local runner's worker threads, which cannot load
 * TypeScript themselves. Two kinds:
 *
 * - `components` (default): a generated entry that exports `load()` (the module's exports,
 *   loaded when called) with `@kfp-ts/executor`'s `executeComponent` and `findFunctionComponent`.
 *   This is NOT the container bundle (bundle.ts, whose bytes the compiled YAML embeds): nothing
 *   runs at load but what `load()` runs, and it is not minified, so stack traces stay readable.
 * - `script`: the file itself is the entry (a worker's main program).
 *
 * `import.meta.url`, `import.meta.filename` and `import.meta.dirname` keep the values they have in
 * each original file (a CommonJS bundle has no `import.meta`), so code that finds files next to
 * its module behaves as when the module is imported.
 *
 * The file is bundled as given (a `dist/` module is not swapped for its source, as bundle.ts does)
 * and `conditions` default to `['@kfp-ts/source']` as there: a caller that wants the thread to run
 * the same code it runs itself passes the conditions it resolves packages with.
 *
 * Files are named by content hash under `node_modules/.cache/kfp-ts/libraries/` beside the
 * module's package (the operating system's temporary folder when that cannot be written) and
 * reused while every file esbuild read keeps its size and modification time.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildFailure, BuildOptions, BuildResult, Loader, Plugin } from 'esbuild';
import type { BundleOptions } from './bundle.js';
import { BundleError, formatMessage, loadEsbuild, nodeBundleOptions, packageRootOf } from './bundle.js';
import { readIndexFile, sameStamps, stampsOf, writeIndexFile } from './disk-index.js';

export type LibraryKind = 'components' | 'script';

export interface LibraryOptions extends BundleOptions {
  /** Default `components`. */
  readonly kind?: LibraryKind;
}

export interface LibraryFile {
  /** The module the library was built from (absolute path). */
  readonly module: string;
  /** The CommonJS file to `require` (absolute path, named by the sha256 of its content). */
  readonly path: string;
  readonly sha256: string;
  /** Every file esbuild read (absolute paths). */
  readonly inputs: readonly string[];
}

/** What a `components` library exports. */
export interface ComponentsLibrary {
  /** Requires the module (its top level runs once) and returns its exports. */
  load(): Record<string, unknown>;
  executeComponent: typeof import('@kfp-ts/executor').executeComponent;
  findFunctionComponent: typeof import('@kfp-ts/executor').findFunctionComponent;
}

interface Entry {
  readonly library: LibraryFile;
  readonly stamps: readonly string[];
}

const CACHE_FORMAT = 2;
const PURPOSE = 'as a library';
const OWN_DIR = path.dirname(fileURLToPath(import.meta.url));
const memory = new Map<string, Entry>();
const building = new Map<string, Promise<LibraryFile>>();

/** The library file of `file`, built (and cached on disk) unless an up-to-date one exists. */
export function libraryFile(file: string, options: LibraryOptions = {}): Promise<LibraryFile> {
  const module = path.resolve(file);
  const kind = options.kind ?? 'components';
  const key = JSON.stringify([
    CACHE_FORMAT,
    kind,
    module,
    options.conditions ?? null,
    options.absWorkingDir ?? null,
  ]);
  const hit = memory.get(key) ?? readIndexFile<Entry>(indexPath(module, key, options), key);
  if (hit && existsSync(hit.library.path) && sameStamps(stampsOf(hit.library.inputs), hit.stamps)) {
    memory.set(key, hit);
    return Promise.resolve(hit.library);
  }
  let pending = building.get(key);
  if (!pending) {
    pending = buildLibrary(module, kind, key, options).finally(() => building.delete(key));
    building.set(key, pending);
  }
  return pending;
}

/** Forgets the libraries remembered in memory (the disk cache checks its inputs on every use). */
export function clearLibraryCache(): void {
  memory.clear();
}

async function buildLibrary(
  module: string,
  kind: LibraryKind,
  key: string,
  options: LibraryOptions,
): Promise<LibraryFile> {
  const absWorkingDir = options.absWorkingDir ?? packageRootOf(module);
  const common: BuildOptions = {
    ...nodeBundleOptions(absWorkingDir, options.conditions),
    charset: 'utf8',
    plugins: [importMetaPlugin],
  };
  const entry = [
    `const executor = require('@kfp-ts/executor');`,
    'module.exports = {',
    `  load: () => require(${JSON.stringify(module)}),`,
    '  executeComponent: executor.executeComponent,',
    '  findFunctionComponent: executor.findFunctionComponent,',
    '};',
  ].join('\n');
  let result: BuildResult<BuildOptions>;
  try {
    result = await loadEsbuild().build(
      kind === 'script'
        ? { ...common, entryPoints: [module] }
        : {
            ...common,
            stdin: { contents: entry, resolveDir: OWN_DIR, sourcefile: 'kfp-ts-library.js', loader: 'js' },
          },
    );
  } catch (error) {
    const failure = error as Partial<BuildFailure>;
    throw new BundleError(module, failure.errors?.map(formatMessage) ?? [String(error)], PURPOSE);
  }
  const code = result.outputFiles![0]!.contents;
  const sha256 = createHash('sha256').update(code).digest('hex');
  const inputs = Object.keys(result.metafile!.inputs)
    .filter((input) => !input.startsWith('<'))
    .map((input) => path.resolve(absWorkingDir, input));
  const library: LibraryFile = { module, path: writeLibrary(module, options, sha256, code), sha256, inputs };
  const entryRecord: Entry = { library, stamps: stampsOf(inputs) };
  memory.set(key, entryRecord);
  writeIndexFile(indexPath(module, key, options), key, entryRecord);
  return library;
}

const LOADERS: Record<string, Loader> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.jsx': 'jsx',
};

/** Replaces `import.meta.url`, `.filename` and `.dirname` with the file's own values. */
const importMetaPlugin: Plugin = {
  name: 'kfp-ts-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      const contents = text
        .replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href))
        .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path))
        .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(path.dirname(args.path)));
      return { contents, loader: LOADERS[path.extname(args.path)] ?? 'js' };
    });
  },
};

function cacheDirs(module: string, options: LibraryOptions): string[] {
  const root = options.absWorkingDir ?? packageRootOf(module);
  return [
    path.join(root, 'node_modules', '.cache', 'kfp-ts', 'libraries'),
    path.join(tmpdir(), `kfp-ts-libraries-${process.getuid?.() ?? 'user'}`),
  ];
}

/** Writes the code under its hash (atomically); the first folder that can be written wins. */
function writeLibrary(module: string, options: LibraryOptions, sha256: string, code: Uint8Array): string {
  let lastError: unknown;
  for (const dir of cacheDirs(module, options)) {
    const target = path.join(dir, `${sha256}.cjs`);
    try {
      if (existsSync(target)) return target;
      mkdirSync(dir, { recursive: true });
      const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(temporary, code);
      renameSync(temporary, target);
      return target;
    } catch (error) {
      lastError = error;
    }
  }
  throw new BundleError(module, [`cannot write the library file: ${String(lastError)}`], PURPOSE);
}

function indexPath(module: string, key: string, options: LibraryOptions): string {
  const name = createHash('sha256').update(key).digest('hex');
  return path.join(cacheDirs(module, options)[0]!, `${name}.json`);
}
