/**
 * Bundles reused across compiles (tests and watch modes compile the same modules again and
 * again, and bundling a module that imports a large library takes a good part of a second). A
 * bundle is reused while every file esbuild read keeps its size and modification time: in
 * memory within a process, and on disk (`node_modules/.cache/kfp-ts/bundles/`, beside the
 * module's package) across processes, so a repeated `kfp-ts compile` skips esbuild.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BundleOptions, ComponentBundle } from './bundle.js';
import { bundleComponentModule, packageRootOf } from './bundle.js';

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
  const hit = cache.get(key) ?? readDiskEntry(file, key, options);
  if (hit && stampsOf(hit.bundle.inputs).every((stamp, i) => stamp === hit.stamps[i])) {
    cache.set(key, hit);
    return hit.bundle;
  }
  const bundle = bundleComponentModule(file, options);
  const entry = { bundle, stamps: stampsOf(bundle.inputs) };
  cache.set(key, entry);
  writeDiskEntry(file, key, options, entry);
  return bundle;
}

/** Forgets every bundle cached in memory (the disk cache checks its inputs on every use). */
export function clearBundleCache(): void {
  cache.clear();
}

function stampsOf(files: readonly string[]): string[] {
  return files.map((file) => {
    try {
      const info = statSync(file, { bigint: true });
      return `${info.size}:${info.mtimeNs}`;
    } catch {
      return 'missing';
    }
  });
}

function diskPath(file: string, key: string, options: BundleOptions): string {
  const root = options.absWorkingDir ?? packageRootOf(path.resolve(file));
  const name = createHash('sha256').update(key).digest('hex');
  return path.join(root, 'node_modules', '.cache', 'kfp-ts', 'bundles', `${name}.json`);
}

function readDiskEntry(file: string, key: string, options: BundleOptions): Entry | undefined {
  try {
    const entry = JSON.parse(readFileSync(diskPath(file, key, options), 'utf8')) as Entry & { key?: string };
    return entry.key === key ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only or missing node_modules only costs the next process a rebundle. */
function writeDiskEntry(file: string, key: string, options: BundleOptions, entry: Entry): void {
  try {
    const target = diskPath(file, key, options);
    mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, JSON.stringify({ key, ...entry }));
    renameSync(temporary, target);
  } catch {
    // ignore: caching is an optimisation
  }
}
