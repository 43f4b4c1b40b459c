/**
 * Staging: the files a pipeline needs in Cloud Storage before it runs.
 *
 * - Component bundles too large to embed in a command are compiled as assets: the command names
 *   them `kfp-ts-asset:sha256/<hex>.cjs`. At submit each reference becomes
 *   `<pipeline_root>/kfp-ts/assets/<hex>.cjs` and the bundle is uploaded there. Names are content
 *   hashes, so an object that is already there is the same file: it is not uploaded again.
 * - `--upload name=./local.csv`: a local file uploaded under
 *   `<pipeline_root>/kfp-ts/uploads/<hash>/<file name>`, whose gs:// URI becomes the value of
 *   parameter `name`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { ApiError, usageError } from './errors.js';

/** A staged component bundle, as the compiler returns it (`compileWithAssets().assets`). */
export interface StagedAsset {
  readonly sha256: string;
  readonly code: string | Uint8Array;
  /** `<sha256>.cjs` (the default). */
  readonly fileName?: string;
}

/** What staging needs of `@google-cloud/storage`'s Storage (which satisfies it). */
export interface StorageLike {
  bucket(name: string): {
    file(name: string): {
      exists(): Promise<[boolean, ...unknown[]]>;
      save(data: string | Buffer, options?: Record<string, unknown>): Promise<void>;
    };
  };
}

const ASSET_REFERENCE = /^kfp-ts-asset:sha256\/([0-9a-f]{64})\.cjs$/;

export interface GcsLocation {
  bucket: string;
  /** Object name (no leading slash; may be empty for the bucket itself). */
  object: string;
}

export function parseGcsUri(uri: string): GcsLocation {
  const match = /^gs:\/\/([a-z0-9][a-z0-9._-]{1,220}[a-z0-9])(?:\/(.*))?$/.exec(uri);
  if (!match) throw usageError(`'${uri}' is not a Cloud Storage location (gs://bucket/path).`);
  return { bucket: match[1]!, object: (match[2] ?? '').replace(/\/+$/, '') };
}

function joinObject(prefix: string, ...parts: string[]): string {
  return [prefix, ...parts].filter((p) => p !== '').join('/');
}

/** `<pipeline_root>/kfp-ts/assets`: where bundles go. */
export function assetsBase(pipelineRoot: string): string {
  return `${pipelineRoot.replace(/\/+$/, '')}/kfp-ts/assets`;
}

/**
 * A copy of `spec` with every `kfp-ts-asset:` reference in an executor's command or args
 * replaced by its location under `base`, and the hashes it referred to.
 */
export function rewriteAssetReferences<T>(spec: T, base: string): { spec: T; referenced: string[] } {
  const copy = structuredClone(spec);
  const referenced = new Set<string>();
  const executors =
    (copy as { deploymentSpec?: { executors?: Record<string, any> } }).deploymentSpec?.executors ?? {};
  for (const executor of Object.values(executors)) {
    const container = executor?.container;
    if (!container) continue;
    for (const key of ['command', 'args'] as const) {
      const list = container[key];
      if (!Array.isArray(list)) continue;
      container[key] = list.map((item: unknown) => {
        if (typeof item !== 'string') return item;
        const match = ASSET_REFERENCE.exec(item);
        if (!match) return item;
        referenced.add(match[1]!);
        return `${base.replace(/\/+$/, '')}/${match[1]}.cjs`;
      });
    }
  }
  return { spec: copy, referenced: [...referenced] };
}

/** The asset hashes a spec refers to (without rewriting it). */
export function referencedAssets(spec: unknown): string[] {
  return rewriteAssetReferences(spec, 'unused').referenced;
}

export type StagingProgress = (event: { kind: 'uploaded' | 'present'; uri: string; bytes: number }) => void;

/**
 * Uploads the assets `referenced` (hashes) to `<pipeline_root>/kfp-ts/assets/`, skipping those
 * already there. Every referenced asset must be among `assets`, and each asset's content must
 * match its hash (the container checks it again before running it).
 */
export async function stageAssets(
  storage: StorageLike,
  pipelineRoot: string,
  referenced: readonly string[],
  assets: readonly StagedAsset[],
  onProgress?: StagingProgress,
): Promise<string[]> {
  const byHash = new Map(assets.map((a) => [a.sha256, a]));
  const missing = referenced.filter((hash) => !byHash.has(hash));
  if (missing.length > 0) {
    throw usageError(
      `the pipeline refers to ${missing.length} component bundle(s) that were not provided: ${missing.map((h) => `${h.slice(0, 12)}...cjs`).join(', ')}. ` +
        'Submit the TypeScript file, or keep the <file>.assets/ folder that compile wrote next to the YAML.',
    );
  }
  const base = parseGcsUri(assetsBase(pipelineRoot));
  const uris: string[] = [];
  await inBatches(referenced, 4, async (hash) => {
    const asset = byHash.get(hash)!;
    const data = typeof asset.code === 'string' ? Buffer.from(asset.code, 'utf8') : Buffer.from(asset.code);
    const actual = createHash('sha256').update(data).digest('hex');
    if (actual !== hash) {
      throw usageError(
        `component bundle ${hash.slice(0, 12)}...cjs does not match its content hash (got ${actual.slice(0, 12)}...); recompile the pipeline.`,
      );
    }
    const object = joinObject(base.object, `${hash}.cjs`);
    const uri = `gs://${base.bucket}/${object}`;
    const uploaded = await uploadIfAbsent(storage, base.bucket, object, data, 'application/javascript');
    onProgress?.({ kind: uploaded ? 'uploaded' : 'present', uri, bytes: data.length });
    uris.push(uri);
  });
  return uris;
}

/**
 * Uploads a local file under `<pipeline_root>/kfp-ts/uploads/<sha256 prefix>/<file name>` (once:
 * the same content is found again by its hash) and returns its gs:// URI.
 */
export async function uploadLocalFile(
  storage: StorageLike,
  pipelineRoot: string,
  localPath: string,
  onProgress?: StagingProgress,
): Promise<string> {
  const data = await readFile(localPath).catch((error: NodeJS.ErrnoException) => {
    throw usageError(
      `--upload ${localPath}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`,
      error,
    );
  });
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 16);
  const root = parseGcsUri(pipelineRoot);
  const object = joinObject(root.object, 'kfp-ts', 'uploads', hash, path.basename(localPath));
  const uri = `gs://${root.bucket}/${object}`;
  const uploaded = await uploadIfAbsent(storage, root.bucket, object, data, undefined);
  onProgress?.({ kind: uploaded ? 'uploaded' : 'present', uri, bytes: data.length });
  return uri;
}

/** Uploads unless the object exists; true when it uploaded. */
async function uploadIfAbsent(
  storage: StorageLike,
  bucket: string,
  object: string,
  data: Buffer,
  contentType: string | undefined,
): Promise<boolean> {
  const file = storage.bucket(bucket).file(object);
  const uri = `gs://${bucket}/${object}`;
  try {
    const [exists] = await file.exists();
    if (exists) return false;
    await file.save(data, {
      // One request for small files; a resumable session for large ones, which survives a drop.
      resumable: data.length > 5 * 1024 * 1024,
      ...(contentType ? { contentType } : {}),
      // Only if absent: two submits racing on the same content both succeed (412 below).
      preconditionOpts: { ifGenerationMatch: 0 },
    });
    return true;
  } catch (error) {
    if (httpStatusOf(error) === 412) return false;
    throw storageError(error, uri);
  }
}

function httpStatusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function storageError(error: unknown, uri: string): ApiError {
  const status = httpStatusOf(error);
  const server = error instanceof Error ? error.message : String(error);
  const hint =
    status === 403 || status === 401
      ? 'the account needs roles/storage.objectAdmin (or objectCreator and objectViewer) on the bucket'
      : status === 404
        ? 'the bucket does not exist, or is not visible to this account: check --pipeline-root'
        : 'check --pipeline-root and --storage-endpoint';
  return new ApiError(
    status === undefined ? 'UNKNOWN' : `HTTP ${status}`,
    server,
    `uploading ${uri} failed: ${server} (hint: ${hint})`,
    { cause: error },
  );
}

async function inBatches<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

export interface StorageClientOptions {
  /** `http://host:port` (plaintext, no credentials, e.g. a local stand-in) or an https endpoint. */
  storageEndpoint?: string;
  project?: string;
}

type StorageModule = typeof import('@google-cloud/storage');

/**
 * @google-cloud/storage, loaded on first use: a pipeline with nothing to stage never pays for
 * it. Its CommonJS build, through `require`: the package's ESM build (what `import()` picks)
 * reaches the same CommonJS dependencies through the ESM loader and takes about twice as long
 * to load (~0.1 s more of a submit).
 */
export function loadStorageModule(): StorageModule {
  return createRequire(import.meta.url)('@google-cloud/storage') as StorageModule;
}

/**
 * A Cloud Storage client: the default endpoint with Application Default Credentials, or
 * `storageEndpoint`. Without one, `STORAGE_EMULATOR_HOST` is honoured by the library itself.
 */
export async function createStorageClient(options: StorageClientOptions = {}): Promise<StorageLike> {
  const { Storage } = loadStorageModule();
  const endpoint = options.storageEndpoint;
  return new Storage({
    ...(options.project ? { projectId: options.project } : {}),
    ...(endpoint
      ? {
          apiEndpoint: endpoint.replace(/\/+$/, ''),
          useAuthWithCustomEndpoint: !endpoint.startsWith('http://'),
        }
      : {}),
  }) as unknown as StorageLike;
}
