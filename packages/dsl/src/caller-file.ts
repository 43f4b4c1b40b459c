/**
 * Finds the module that called into the DSL, so the compiler knows which file to bundle for a
 * TypeScript component. Uses V8's structured call sites rather than parsing `Error().stack`, whose
 * text format tools may change (custom `prepareStackTrace`). No I/O: only the stack is read.
 */

type CallSites = { getFileName(): string | null | undefined }[];

/** How deep to look: the caller is a few frames below `component()`; nesting helpers add some. */
const FRAMES = 30;

/**
 * The file of the first stack frame outside this package's own folder (`dist/` or `src/`), as a
 * path (`file://` URLs are converted). Undefined when the stack is unavailable, the caller is not
 * a file (REPL, `node -e`) or every frame is inside the folder (the DSL bundled into one file
 * with the component, as in the container, where nobody needs the answer).
 */
export function callerFile(): string | undefined {
  if (typeof Error.captureStackTrace !== 'function') return undefined;
  const previousPrepare = Error.prepareStackTrace;
  const previousLimit = Error.stackTraceLimit;
  let sites: CallSites;
  try {
    Error.prepareStackTrace = (_error, callSites) => callSites;
    Error.stackTraceLimit = FRAMES;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder);
    sites = Array.isArray(holder.stack) ? (holder.stack as CallSites) : [];
  } catch {
    return undefined;
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.stackTraceLimit = previousLimit;
  }
  const files = sites.map((site) => pathOf(site.getFileName()));
  const own = files[0];
  if (own === undefined) return undefined;
  const ownFolder = folderOf(own);
  return files.find((file) => file !== undefined && folderOf(file) !== ownFolder);
}

function pathOf(location: string | null | undefined): string | undefined {
  if (!location || location.startsWith('node:') || !/[\\/]/.test(location)) return undefined;
  if (!location.startsWith('file://')) return location;
  // Loaders may add a query (`?tsx-namespace=...`); it is not part of the path.
  const path = decodeURIComponent(location.slice('file://'.length).replace(/[?#].*$/, ''));
  // file:///C:/x -> C:/x on Windows.
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

function folderOf(file: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')));
}
