/**
 * How a bundled component reaches its container, and the IR command that starts it. No mode
 * involves a shell: `node -e <script>` gets the bundle (or its location) as one argv element,
 * so no byte of the code or of a parameter value is ever interpreted by a shell. The args stay
 * KFP's lightweight-component arguments, `--executor_input {{$}} --function_to_execute <name>`.
 *
 * | mode | command | when |
 * | --- | --- | --- |
 * | embed | `node -e EMBED_BOOTSTRAP <gzip+base64 bundle>` | bundle <= EMBED_LIMIT_BYTES of base64 |
 * | staged | `node -e STAGED_BOOTSTRAP kfp-ts-asset:sha256/<hex>.cjs` | larger bundles |
 * | image | `node /kfp-ts/components.cjs` | an image built with the bundle inside |
 *
 * Embedding keeps the pipeline self-contained (nothing to upload, the YAML runs anywhere), but
 * Linux caps a single argv string at 128 KiB (MAX_ARG_STRLEN: 131,072 bytes with the final NUL)
 * and the text is repeated in the spec for each component using it, so it is for small bundles
 * (a component without large dependencies: a few KB). Base64 keeps the text free of `{`, `$` and
 * quotes, so neither KFP's `{{...}}` placeholders nor Argo templates can match inside it.
 *
 * Staged: the compiler writes the bundle to `<out>.assets/<hex>.cjs` next to the YAML and the
 * command names it by content hash. At submit time `kfp-ts-asset:` is rewritten to
 * `<pipeline_root>/kfp-ts/assets/` and the file uploaded under its hash; STAGED_BOOTSTRAP reads
 * `gs://` URIs through Vertex AI's `/gcs/` mount (on a KFP cluster without such a mount, use the
 * image mode). The local runner replaces the reference by the file in the assets folder.
 */
import type { ComponentBundle } from './bundle.js';

export type ShippingMode = 'embed' | 'staged' | 'image';

/**
 * The largest base64 text embedded in a command: 96 KiB leaves a third of the 128 KiB argv
 * limit as headroom and keeps the spec small enough to read and upload.
 */
export const EMBED_LIMIT_BYTES = 96 * 1024;

/** The scheme of staged bundle references, rewritten by `submit` and by the local runner. */
export const ASSET_SCHEME = 'kfp-ts-asset:';

/** Where the image mode expects the bundle inside the image. */
export const IMAGE_BUNDLE_PATH = '/kfp-ts/components.cjs';

const fail = (message: string) =>
  `process.stderr.write("kfp-ts executor: "+${message}+"\\n"),process.exit(1)`;

/**
 * Decodes argv[1] (gzip+base64), writes it to a fresh temporary file, and requires that file
 * with argv[1] replaced by its path, so the bundle sees the usual `node file args...`. The file
 * is removed once loaded (the code is in memory by then).
 */
export const EMBED_BOOTSTRAP = [
  'const f=require("fs"),p=require("path"),d=f.mkdtempSync(p.join(require("os").tmpdir(),"kfp-ts-")),c=p.join(d,"component.cjs");',
  'f.writeFileSync(c,require("zlib").gunzipSync(Buffer.from(process.argv[1],"base64")));',
  'process.argv.splice(1,1,c);require(c);f.rmSync(d,{recursive:true,force:true});',
].join('');

/**
 * Resolves argv[1] (`gs://...` through the `/gcs/` mount, or a local path), checks the file
 * against the sha256 in its name, and requires it. An unrewritten `kfp-ts-asset:` reference
 * means the pipeline was uploaded without its assets.
 */
export const STAGED_BOOTSTRAP = [
  'const f=require("fs"),p=require("path"),u=process.argv[1];',
  `if(u.startsWith("${ASSET_SCHEME}"))${fail('"bundle "+u+" was not staged: submit the pipeline with kfp-ts, which uploads its assets and rewrites this reference"')};`,
  'const l=u.startsWith("gs://")?"/gcs/"+u.slice(5):u;let b;',
  `try{b=f.readFileSync(l)}catch(e){${fail('"cannot read the component bundle "+l+": "+e.message')}}`,
  'const h=require("crypto").createHash("sha256").update(b).digest("hex");',
  `if(p.basename(l,".cjs")!==h)${fail('"bundle "+l+" does not match its sha256 name (got "+h+")"')};`,
  'process.argv.splice(1,1,l);require(l);',
].join('');

/** KFP's lightweight-component arguments: the executor input and the component to run. */
export function executorArgs(componentName: string): string[] {
  return ['--executor_input', '{{$}}', '--function_to_execute', componentName];
}

/** `embed` when the encoded bundle fits the limit, else `staged`. */
export function chooseShipping(
  bundle: ComponentBundle,
  embedLimitBytes = EMBED_LIMIT_BYTES,
): 'embed' | 'staged' {
  return bundle.gzipBase64Bytes <= embedLimitBytes ? 'embed' : 'staged';
}

export function embedCommand(bundle: ComponentBundle): string[] {
  return ['node', '-e', EMBED_BOOTSTRAP, bundle.gzipBase64];
}

export function stagedCommand(bundle: ComponentBundle): string[] {
  return ['node', '-e', STAGED_BOOTSTRAP, assetReference(bundle.sha256)];
}

export function imageCommand(bundlePath = IMAGE_BUNDLE_PATH): string[] {
  return ['node', bundlePath];
}

/** The file name of a staged bundle in the assets folder and under `<pipeline_root>/kfp-ts/assets/`. */
export function assetFileName(sha256: string): string {
  return `${sha256}.cjs`;
}

/** `kfp-ts-asset:sha256/<hex>.cjs`: how a staged command names its bundle before submit. */
export function assetReference(sha256: string): string {
  return `${ASSET_SCHEME}sha256/${assetFileName(sha256)}`;
}

/**
 * The location an asset reference stands for under `base` (the local assets folder, or
 * `<pipeline_root>/kfp-ts/assets` at submit); other arguments come back unchanged.
 */
export function resolveAssetReference(argument: string, base: string): string {
  const match = /^kfp-ts-asset:sha256\/([0-9a-f]{64}\.cjs)$/.exec(argument);
  return match ? `${base.replace(/\/+$/, '')}/${match[1]}` : argument;
}
