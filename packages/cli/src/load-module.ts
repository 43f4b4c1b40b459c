import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPipelineDefinitionError, messageOf, UsageError } from './errors.js';
import { displayPath } from './paths.js';
import { parseSyntaxError } from './syntax-errors.js';
import { registerTypeScriptLoader } from './typescript-loader.js';

const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs']);

/**
 * Imports the user's pipeline module (TypeScript or JavaScript) and returns its exports. Every
 * failure that is the module's fault (missing file, syntax error, a missing import, an exception
 * at the module's top level) becomes a one-line UsageError naming the file.
 */
export async function importUserModule(file: string, cwd: string): Promise<Record<string, unknown>> {
  const shown = displayPath(file, cwd);
  await checkModuleFile(file, shown);
  registerTypeScriptLoader();
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw loadError(error, shown, cwd);
  }
  return exportsOf(namespace);
}

/**
 * A module's exports. A module loaded as CommonJS may show its exports only as the properties
 * of `default` (`module.exports`), so those count as exports too.
 */
export function exportsOf(namespace: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(namespace);
  const moduleExports = namespace.default;
  const isExportsObject =
    keys.length === 1 &&
    typeof moduleExports === 'object' &&
    moduleExports !== null &&
    Object.getPrototypeOf(moduleExports) === Object.prototype;
  return isExportsObject ? { ...(moduleExports as Record<string, unknown>) } : { ...namespace };
}

async function checkModuleFile(file: string, shown: string): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new UsageError(`${shown}: no such file.`);
  if (!info.isFile()) throw new UsageError(`${shown}: not a file.`);
  if (!MODULE_EXTENSIONS.has(path.extname(file))) {
    throw new UsageError(`${shown}: expected a TypeScript or JavaScript module (.ts, .mts, .js, .mjs, ...).`);
  }
}

function loadError(error: unknown, shown: string, cwd: string): unknown {
  // A pipeline declared at the module's top level may already reject its definition.
  if (isPipelineDefinitionError(error)) return new UsageError(`${shown}: ${error.message}`, { cause: error });
  const syntax = parseSyntaxError(error, cwd);
  if (syntax) {
    const where = syntax.file ? displayPath(syntax.file, cwd) : shown;
    const position =
      syntax.line > 0 ? `:${syntax.line}${syntax.column === undefined ? '' : `:${syntax.column}`}` : '';
    return new UsageError(`${where}${position}: syntax error: ${syntax.message}`, { cause: error });
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
    // Workspace packages resolve to their dist/ build by default; an unbuilt one looks missing.
    const hint = /[\\/]dist[\\/]/.test(messageOf(error))
      ? ' (is the package built? Run the workspace build.)'
      : '';
    return new UsageError(`${shown}: ${messageOf(error)}${hint}`, { cause: error });
  }
  const name = error instanceof Error ? error.name : 'a non-Error value';
  return new UsageError(
    `${shown}: loading the module threw ${name}: ${messageOf(error)} (re-run with --verbose for the stack trace)`,
    { cause: error },
  );
}
