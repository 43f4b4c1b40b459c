/**
 * The task cache under `<outputDir>/.kfp-ts-cache/`. The key hashes what determines a task's
 * outputs: its component's interface, its executor (image, command, args, env), the code of an
 * in-process function or mock, the resolved input values, and the CONTENT of input artifacts
 * (not their run-specific paths, so a re-executed producer with identical output still hits).
 * One file per key, written atomically: concurrent runs never see half an entry, and the last
 * writer of the same key wins with an equally valid entry.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '@kfp-ts/executor';
import type { JsonValue, RuntimeArtifact } from '@kfp-ts/schemas';
import { contentHash } from './artifacts.js';

export const CACHE_DIR_NAME = '.kfp-ts-cache';

export interface CacheEntry {
  key: string;
  createdAt: string;
  jobName: string;
  taskPath: string;
  taskDir: string;
  outputParameters: Record<string, JsonValue>;
  outputArtifacts: Record<string, RuntimeArtifact[]>;
  /** Local artifact paths that existed when stored; a hit needs them to exist still. */
  localPaths: string[];
}

export interface CacheMaterial {
  component: unknown;
  executor: unknown;
  /** Fingerprint of in-process code (function source) or a mock. */
  code?: string;
  cacheKey?: string;
  parameters: Record<string, JsonValue>;
  artifacts: Record<string, RuntimeArtifact[]>;
}

/** JSON with sorted keys, so equal values hash equally whatever their key order. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const keys = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class TaskCache {
  readonly dir: string;

  constructor(
    outputDir: string,
    private readonly toLocalPath: (uri: string) => string,
  ) {
    this.dir = path.join(outputDir, CACHE_DIR_NAME);
  }

  async key(material: CacheMaterial): Promise<string> {
    const artifacts: Record<string, unknown[]> = {};
    for (const [name, list] of Object.entries(material.artifacts)) {
      artifacts[name] = await Promise.all(
        list.map(async (a) => {
          const local = this.toLocalPath(a.uri ?? '');
          const content = path.isAbsolute(local) ? await contentHash(local) : 'missing';
          // A remote artifact we cannot read is identified by its URI.
          return {
            type: a.type,
            metadata: a.metadata ?? {},
            content: content === 'missing' ? `uri:${a.uri}` : content,
          };
        }),
      );
    }
    return sha256(stableJson({ v: 1, ...material, artifacts }));
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The entry for a key, if it exists, parses, and its local artifacts are still on disk. */
  async lookup(key: string): Promise<CacheEntry | undefined> {
    let entry: CacheEntry;
    try {
      entry = JSON.parse(await readFile(this.file(key), 'utf8')) as CacheEntry;
    } catch {
      return undefined;
    }
    if (entry.key !== key) return undefined;
    try {
      await Promise.all(entry.localPaths.map((p) => access(p)));
    } catch {
      return undefined;
    }
    return entry;
  }

  async store(entry: Omit<CacheEntry, 'localPaths' | 'createdAt'>): Promise<void> {
    const localPaths: string[] = [];
    for (const list of Object.values(entry.outputArtifacts)) {
      for (const a of list) {
        const local = this.toLocalPath(a.uri ?? '');
        try {
          await access(local);
          localPaths.push(local);
        } catch {
          // Metadata-only artifacts (Metrics) have no file; nothing to check on a hit.
        }
      }
    }
    const file = this.file(entry.key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(
      file,
      JSON.stringify({ ...entry, createdAt: new Date().toISOString(), localPaths }),
    );
  }
}
