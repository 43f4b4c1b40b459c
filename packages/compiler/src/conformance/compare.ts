/**
 * Compares the IR our compiler produced with a golden file the Python `kfp` compiler wrote, with
 * the normalisations of /work/shared/kfp-golden/README.md.
 */

/** One place where our IR differs from the golden. */
export interface Difference {
  /** Readable path, e.g. `components.comp-for-loop-2.dag.tasks.double.inputs.parameters.num`. */
  path: string;
  /** `expected X, got Y`, `missing` or `unexpected key`. */
  message: string;
}

type Json = unknown;

/** Substring that identifies the Python executor of a lightweight component in `command`. */
const PYTHON_EXECUTOR = 'kfp.dsl.executor_main';

/**
 * All differences between `ours` and `golden` (both plain parsed IR objects), walking both sides:
 * a key only in the golden is `missing`, a key only in ours is `unexpected key`.
 *
 * - `sdkVersion` (top level) is ignored: each golden was written by another kfp release.
 * - Numbers compare as numbers (Python writes `3.0` where JavaScript writes `3`; once parsed both
 *   are the number 3). Strings stay strings, so int64 fields written as `'1'` must be strings too.
 * - Executors whose golden container runs a Python lightweight component are compared by shape;
 *   see {@link compareLightweightContainer}.
 * - Everything else must be equal.
 */
export function compareToGolden(ours: object, golden: object): Difference[] {
  const out: Difference[] = [];
  const lightweight = lightweightExecutorPaths(golden);
  walk(ours, golden, [], out, lightweight);
  return out;
}

function walk(ours: Json, golden: Json, path: string[], out: Difference[], lightweight: Set<string>): void {
  if (path.length === 1 && path[0] === 'sdkVersion') return;
  if (lightweight.has(path.join('\u0000'))) {
    compareLightweightContainer(ours, golden, path, out, lightweight);
    return;
  }
  if (golden === undefined && ours === undefined) return;
  if (ours === undefined) {
    out.push({ path: format(path), message: 'missing' });
    return;
  }
  if (golden === undefined) {
    out.push({ path: format(path), message: 'unexpected key' });
    return;
  }
  if (Array.isArray(golden) && Array.isArray(ours)) {
    const n = Math.max(golden.length, ours.length);
    for (let i = 0; i < n; i++) {
      const p = [...path, `[${i}]`];
      if (i >= ours.length) out.push({ path: format(p), message: 'missing' });
      else if (i >= golden.length) out.push({ path: format(p), message: 'unexpected element' });
      else walk(ours[i], golden[i], p, out, lightweight);
    }
    return;
  }
  if (isObject(golden) && isObject(ours)) {
    const keys = new Set([...Object.keys(golden), ...Object.keys(ours)]);
    for (const key of [...keys].sort()) walk(ours[key], golden[key], [...path, key], out, lightweight);
    return;
  }
  if (!sameScalar(ours, golden))
    out.push({ path: format(path), message: `expected ${show(golden)}, got ${show(ours)}` });
}

/**
 * A lightweight component's golden executor runs Python: `sh -c <pip install kfp> sh -ec <write
 * the function source> python3 -m kfp.dsl.executor_main ...` (or `python3 -m kfp.dsl.executor_main`
 * for a `target_image` component). Ours runs TypeScript through kfp-ts's own executor, so the
 * image and command cannot match (and the goldens' pip lines and images differ by kfp release
 * anyway). What must hold: an `image` string, a `command` that is a non-empty list of strings,
 * and the same `args` (`--executor_input {{$}} --function_to_execute <name>`), except that the
 * function name may differ in `_`/`-` spelling: KFP writes the Python function name
 * (`add_numbers`), we write the component's name, which a port may spell `add_numbers` or
 * `add-numbers` (both give the task key `add-numbers`). Other container fields (env, resources)
 * are compared normally.
 */
function compareLightweightContainer(
  ours: Json,
  golden: Json,
  path: string[],
  out: Difference[],
  lightweight: Set<string>,
): void {
  if (!isObject(ours)) {
    out.push({
      path: format(path),
      message: ours === undefined ? 'missing' : `expected a container, got ${show(ours)}`,
    });
    return;
  }
  const g = golden as Record<string, Json>;
  if (typeof ours.image !== 'string') {
    out.push({
      path: format([...path, 'image']),
      message: `expected an image string, got ${show(ours.image)}`,
    });
  }
  const command = ours.command;
  if (!Array.isArray(command) || command.length === 0 || !command.every((c) => typeof c === 'string')) {
    out.push({
      path: format([...path, 'command']),
      message: `expected a non-empty list of strings, got ${show(command)}`,
    });
  }
  const goldenArgs = g.args;
  const ourArgs = ours.args;
  if (Array.isArray(goldenArgs) && Array.isArray(ourArgs)) {
    const n = Math.max(goldenArgs.length, ourArgs.length);
    for (let i = 0; i < n; i++) {
      const p = format([...path, 'args', `[${i}]`]);
      if (i >= ourArgs.length) out.push({ path: p, message: 'missing' });
      else if (i >= goldenArgs.length) out.push({ path: p, message: 'unexpected element' });
      else {
        const isFunctionName = i > 0 && goldenArgs[i - 1] === '--function_to_execute';
        const a = ourArgs[i];
        const b = goldenArgs[i];
        const same =
          isFunctionName && typeof a === 'string' && typeof b === 'string'
            ? underscored(a) === underscored(b)
            : a === b;
        if (!same) out.push({ path: p, message: `expected ${show(b)}, got ${show(a)}` });
      }
    }
  } else {
    walk(ourArgs, goldenArgs, [...path, 'args'], out, lightweight);
  }
  const rest = new Set([...Object.keys(g), ...Object.keys(ours)]);
  for (const key of ['image', 'command', 'args']) rest.delete(key);
  for (const key of [...rest].sort()) walk(ours[key], g[key], [...path, key], out, lightweight);
}

/** Paths (joined with NUL) of the golden's executor containers that run a Python lightweight component. */
function lightweightExecutorPaths(golden: object): Set<string> {
  const paths = new Set<string>();
  const executors = (golden as { deploymentSpec?: { executors?: Record<string, Json> } }).deploymentSpec
    ?.executors;
  for (const [label, executor] of Object.entries(executors ?? {})) {
    const command =
      isObject(executor) && isObject(executor.container) ? executor.container.command : undefined;
    if (Array.isArray(command) && command.some((c) => typeof c === 'string' && c.includes(PYTHON_EXECUTOR))) {
      paths.add(['deploymentSpec', 'executors', label, 'container'].join('\u0000'));
    }
  }
  return paths;
}

function sameScalar(a: Json, b: Json): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (isObject(a) || isObject(b) || Array.isArray(a) || Array.isArray(b)) return false;
  return a === b;
}

const underscored = (s: string) => s.replace(/-/g, '_');

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function format(path: string[]): string {
  return (
    path.reduce((acc, seg) => (seg.startsWith('[') ? acc + seg : acc ? `${acc}.${seg}` : seg), '') || '(root)'
  );
}

function show(value: Json): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
