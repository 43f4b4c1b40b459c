/**
 * How the container runs a TypeScript function component: the IR `command` (which ships the
 * code) and `args` (KFP's lightweight-component contract, `--executor_input {{$}}
 * --function_to_execute <name>`, so any KFP backend passes the executor input the same way).
 * The shipping modes and their limits are described in @kfp-ts/bundler's `shipping.ts`.
 */
import type { ComponentBundle } from '@kfp-ts/bundler';
import {
  assetFileName,
  BundleError,
  cachedBundle,
  chooseShipping,
  EMBED_LIMIT_BYTES,
  embedCommand,
  executorArgs,
  IMAGE_BUNDLE_PATH,
  imageCommand,
  stagedCommand,
} from '@kfp-ts/bundler';
import type { FunctionComponentDefinition } from '@kfp-ts/dsl';
import { PipelineDefinitionError } from '@kfp-ts/dsl';

/** Node.js image TypeScript components run on unless they or the pipeline name another. */
export const DEFAULT_NODE_IMAGE = 'node:20-slim';

export interface ContainerCommand {
  readonly image: string;
  readonly command: readonly string[];
  readonly args: readonly string[];
}

/** A file the compiled YAML refers to (a staged bundle); written to `<out>.assets/<fileName>`. */
export interface CompiledAsset {
  readonly sha256: string;
  /** `<sha256>.cjs` */
  readonly fileName: string;
  readonly code: string;
}

/** State of one compile shared by the executors of its components. */
export interface FunctionExecutorSession {
  /** One bundle per module file and compile. */
  readonly bundles: Map<string, ComponentBundle>;
  /** Component names per bundled file: two components with one name could not be told apart. */
  readonly names: Map<string, Map<string, FunctionComponentDefinition<any, any>>>;
  readonly assets: Map<string, CompiledAsset>;
  /** Things the user should know (a component without a known source file, esbuild warnings). */
  readonly notes: string[];
}

export function createFunctionExecutorSession(): FunctionExecutorSession {
  return { bundles: new Map(), names: new Map(), assets: new Map(), notes: [] };
}

/**
 * Decides how the container runs a TypeScript function component. The session is absent when a
 * strategy is called outside `compile()`.
 */
export type FunctionExecutorStrategy = (
  component: FunctionComponentDefinition,
  image: string,
  session?: FunctionExecutorSession,
) => ContainerCommand;

export interface ShippingOptions {
  /**
   * `auto` (default): embed the bundle in the command when its gzip+base64 form is at most
   * `embedLimitBytes`, stage it as an asset otherwise. `embed` and `staged` force a mode;
   * `image` runs the bundle at `imageBundlePath` of a prebuilt image.
   */
  readonly mode?: 'auto' | 'embed' | 'staged' | 'image';
  /** Default 96 KiB, see `EMBED_LIMIT_BYTES`. Above 128 KiB Linux refuses the argument. */
  readonly embedLimitBytes?: number;
  /** The bundle's path inside a prebuilt image (default `/kfp-ts/components.cjs`). */
  readonly imageBundlePath?: string;
  /** Package.json export conditions for bundling (default `['@kfp-ts/source']`). */
  readonly conditions?: readonly string[];
}

/** The hard limit: one argv string of 128 KiB (with its NUL) is refused by Linux. */
const ARG_LIMIT = 128 * 1024 - 1;

/**
 * The "prebuilt image" mode: the image contains the bundle of the pipeline's components (built
 * by a later `kfp-ts` command) at `/kfp-ts/components.cjs`.
 */
export const prebuiltImageExecutor: FunctionExecutorStrategy = (component, image) => ({
  image,
  command: imageCommand(),
  args: executorArgs(component.name),
});

/**
 * Bundles the module that defines each component (recorded by `component()`) and ships it as
 * `options.mode` says. A component whose module is unknown (defined in a REPL or `node -e`) falls
 * back to the prebuilt-image command, with a note, since there is nothing to bundle.
 */
export function bundledExecutor(options: ShippingOptions = {}): FunctionExecutorStrategy {
  const limit = options.embedLimitBytes ?? EMBED_LIMIT_BYTES;
  if (limit > ARG_LIMIT) {
    throw new RangeError(
      `embedLimitBytes ${limit} is above Linux's limit for one argument (${ARG_LIMIT} bytes).`,
    );
  }
  return (component, image, session = createFunctionExecutorSession()) => {
    const args = executorArgs(component.name);
    const file = component.source?.file;
    if (options.mode === 'image' || file === undefined) {
      if (options.mode !== 'image') {
        session.notes.push(
          `component '${component.name}': the module that defines it is unknown, so it runs 'node ${options.imageBundlePath ?? IMAGE_BUNDLE_PATH}' and its image (${image}) must contain the bundle. Define components in a module file to have them bundled.`,
        );
      }
      return { image, command: imageCommand(options.imageBundlePath), args };
    }
    checkUniqueName(component, file, session);
    const bundle = bundleOf(component, file, options, session);
    const mode =
      options.mode === 'embed' || options.mode === 'staged' ? options.mode : chooseShipping(bundle, limit);
    if (mode === 'embed') {
      if (bundle.gzipBase64Bytes > ARG_LIMIT) {
        throw new PipelineDefinitionError(
          `its bundle is ${bundle.gzipBase64Bytes} bytes of base64, too large to embed in a command (Linux refuses arguments of 128 KiB).`,
          {
            where: component.name,
            fix: "Use the 'staged' or 'auto' shipping mode, or trim the module's imports.",
          },
        );
      }
      return { image, command: embedCommand(bundle), args };
    }
    session.assets.set(bundle.sha256, {
      sha256: bundle.sha256,
      fileName: assetFileName(bundle.sha256),
      code: bundle.code,
    });
    return { image, command: stagedCommand(bundle), args };
  };
}

/** The default: bundle and embed when small, stage when large. */
export const defaultFunctionExecutor: FunctionExecutorStrategy = bundledExecutor();

function bundleOf(
  component: FunctionComponentDefinition,
  file: string,
  options: ShippingOptions,
  session: FunctionExecutorSession,
): ComponentBundle {
  const known = session.bundles.get(file);
  if (known) return known;
  let bundle: ComponentBundle;
  try {
    bundle = cachedBundle(file, options.conditions ? { conditions: options.conditions } : {});
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    throw new PipelineDefinitionError(error.message, {
      where: component.name,
      // The module runs at import inside the container, so it must only declare things.
      fix: "Define components in a module that only declares components and pipelines (no top-level await, no work at import), or compile with shipping: { mode: 'image' } and an image that contains the bundle.",
    });
  }
  session.bundles.set(file, bundle);
  for (const warning of bundle.warnings) session.notes.push(`bundling ${file}: ${warning}`);
  return bundle;
}

/** `--function_to_execute` names a component within its bundle, so the name must be unique there. */
function checkUniqueName(
  component: FunctionComponentDefinition,
  file: string,
  session: FunctionExecutorSession,
): void {
  const names = session.names.get(file) ?? new Map<string, FunctionComponentDefinition<any, any>>();
  session.names.set(file, names);
  const other = names.get(component.name);
  if (other && other !== component) {
    throw new PipelineDefinitionError(
      `two different components named '${component.name}' are defined in ${file}.`,
      {
        where: component.name,
        fix: 'Give each component of a module its own name; the container finds its function by name.',
      },
    );
  }
  names.set(component.name, component);
}
