/**
 * Bundles reused across compiles (tests and watch modes compile the same modules again and
 * again, and bundling a module that imports a large library takes a good part of a second). A
 * bundle is reused while every file esbuild read keeps its size and modification time: in
 * memory within a process, and on disk (`node_modules/.cache/kfp-ts/bundles/`, beside the
 * module's package) across processes, so a repeated `kfp-ts compile` skips esbuild.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { BundleOptions, ComponentBundle } from './bundle.js';
import { bundleComponentModule, packageRootOf } from './bundle.js';
import { readIndexFile, sameStamps, stampsOf, writeIndexFile } from './disk-index.js';

interface Entry {
  readonly bundle: ComponentBundle;
  readonly stamps: readonly string[];
}

const CACHE_FORMAT = 1;
const cache = new Map<string, Entry>();

/** `bundleComponentModule`, answered from the memory or disk cache when no input file changed. */
export function cachedBundle(file: string, options: BundleOptions = {}): ComponentBundle {
  const key = JSON.stringify([
    CACHE_FORMAT,
    path.resolve(file),
    options.conditions ?? null,
    options.absWorkingDir ?? null,
  ]);
  const hit = cache.get(key) ?? readIndexFile<Entry>(diskPath(file, key, options), key);
  if (hit && sameStamps(stampsOf(hit.bundle.inputs), hit.stamps)) {
    cache.set(key, hit);
    return hit.bundle;
  }
  const bundle = bundleComponentModule(file, options);
  const entry = { bundle, stamps: stampsOf(bundle.inputs) };
  cache.set(key, entry);
  writeIndexFile(diskPath(file, key, options), key, entry);
  return bundle;
}

/** Forgets every bundle cached in memory (the disk cache checks its inputs on every use). */
export function clearBundleCache(): void {
  cache.clear();
}

function diskPath(file: string, key: string, options: BundleOptions): string {
  const root = options.absWorkingDir ?? packageRootOf(path.resolve(file));
  const name = createHash('sha256').update(key).digest('hex');
  return path.join(root, 'node_modules', '.cache', 'kfp-ts', 'bundles', `${name}.json`);
}
