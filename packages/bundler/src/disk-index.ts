/**
 * The on-disk index entries of the bundle caches (container bundles and library bundles): a JSON
 * file per cache key, written atomically, and the size + modification-time stamps that tell
 * whether the files a bundle was built from changed since.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** `size:mtimeNs` of each file ('missing' for one that is gone). */
export function stampsOf(files: readonly string[]): string[] {
  return files.map((file) => {
    try {
      const info = statSync(file, { bigint: true });
      return `${info.size}:${info.mtimeNs}`;
    } catch {
      return 'missing';
    }
  });
}

export function sameStamps(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((stamp, i) => stamp === b[i]);
}

/** The entry stored at `file` for `key`, or undefined (absent, unreadable, another key's). */
export function readIndexFile<T>(file: string, key: string): T | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as T & { key?: string };
    return entry.key === key ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only or missing cache folder only costs the next process a rebundle. */
export function writeIndexFile(file: string, key: string, entry: object): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, JSON.stringify({ key, ...entry }));
    renameSync(temporary, file);
  } catch {
    // ignore: caching is an optimisation
  }
}
