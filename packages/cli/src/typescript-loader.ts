import { register as registerCommonJs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

let registered = false;

/**
 * Lets this process import TypeScript, as `node --import tsx` does (once; later calls do nothing).
 *
 * tsx is registered process-wide rather than used through `tsImport`: `tsImport` loads every
 * module under a private namespace, so the user's module would get its own instance of
 * `@kfp-ts/dsl`, separate from the compiler's, and state kept by the DSL module (the references
 * behind template strings like `gs://${p.bucket}/x`) would not reach the compiler. Both hooks are
 * needed: outside a `"type": "module"` package tsx loads `.ts` files as CommonJS.
 */
export function registerTypeScriptLoader(): void {
  if (registered) return;
  registerEsm();
  registerCommonJs();
  registered = true;
}
