/**
 * Artifact URIs and local paths. Locally an artifact's URI is its path; remote URIs map to the
 * paths KFP's containers use (`gs://b/k` -> `/gcs/b/k`) unless the run maps the prefix to a folder.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const KFP_MOUNTS: ReadonlyArray<[string, string]> = [
  ['gs://', '/gcs/'],
  ['s3://', '/s3/'],
  ['minio://', '/minio/'],
];

/** The local path of a URI: user prefix maps first, then `file://`, plain paths, KFP's mounts. */
export function uriToPath(uri: string, prefixes: Readonly<Record<string, string>> = {}): string {
  let best: [string, string] | undefined;
  for (const entry of Object.entries(prefixes)) {
    if (uri.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  if (best) return path.resolve(best[1], uri.slice(best[0].length));
  if (uri.startsWith('file://')) return fileURLToPath(uri);
  for (const [scheme, mount] of KFP_MOUNTS)
    if (uri.startsWith(scheme)) return mount + uri.slice(scheme.length);
  return uri;
}

/**
 * A content fingerprint for cache keys: sha256 of a file, or of a folder's sorted entries and their
 * contents; `missing` when nothing is there. Memoized per path+size+mtime within a process.
 */
const memo = new Map<string, string>();
export async function contentHash(file: string): Promise<string> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    return 'missing';
  }
  const memoKey = `${file}\0${info.size}\0${info.mtimeMs}\0${info.isDirectory()}`;
  const known = memo.get(memoKey);
  if (known) return known;
  let digest: string;
  if (info.isDirectory()) {
    const hash = createHash('sha256');
    const entries = (await readdir(file)).sort();
    for (const entry of entries) hash.update(`${entry}\0${await contentHash(path.join(file, entry))}\0`);
    digest = `dir:${hash.digest('hex')}`;
  } else {
    const hash = createHash('sha256');
    await new Promise<void>((resolve, reject) => {
      createReadStream(file)
        .on('data', (chunk) => hash.update(chunk))
        .on('end', resolve)
        .on('error', reject);
    });
    digest = `file:${hash.digest('hex')}`;
  }
  if (memo.size > 10_000) memo.clear();
  memo.set(memoKey, digest);
  return digest;
}
