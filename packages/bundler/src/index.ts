/**
 * @kfp-ts/bundler: ships TypeScript components into their containers. `bundleComponentModule`
 * makes one CommonJS file per module (esbuild); `shipping.ts` builds the IR commands that run it
 * (embedded in the spec, staged next to it, or from a prebuilt image); `libraryFile` writes a module's
 * bundle to disk for other threads of this process to `require` (the local runner's workers).
 */
export type { BundleOptions, ComponentBundle } from './bundle.js';
export { BundleError, bundleComponentModule } from './bundle.js';
export { cachedBundle, clearBundleCache } from './bundle-cache.js';
export type { ComponentsLibrary, LibraryFile, LibraryKind, LibraryOptions } from './library.js';
export { clearLibraryCache, libraryFile } from './library.js';
export type { ShippingMode } from './shipping.js';
export {
  ASSET_SCHEME,
  assetFileName,
  assetReference,
  chooseShipping,
  EMBED_BOOTSTRAP,
  EMBED_LIMIT_BYTES,
  embedCommand,
  executorArgs,
  IMAGE_BUNDLE_PATH,
  imageCommand,
  resolveAssetReference,
  STAGED_BOOTSTRAP,
  stagedCommand,
} from './shipping.js';
