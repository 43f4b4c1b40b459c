/**
 * Turns the schema validators' issues into the problems a component author can act on. Most
 * issues read well as they are; a misspelt placeholder, though, comes out of the schema as two
 * issues (an unknown field, and no known field) that together mean one thing: "this is not a
 * placeholder". Those are merged into one problem that shows the placeholder as written.
 */
import type { Issue } from '@kfp-ts/schemas';
import { type DocumentPath, LoadIssue } from './load-issues.js';

/** Lists in a v1 container whose items are command-line arguments. */
const ARGUMENT_LISTS = new Set(['command', 'args', 'concat', 'then', 'else']);

/** Whether `path` (in a v1 component) is where a command-line argument is written. */
function isArgumentPosition(path: DocumentPath): boolean {
  if (path[0] !== 'implementation') return false;
  const last = path.at(-1);
  const parent = path.at(-2);
  if (typeof last === 'number') return typeof parent === 'string' && ARGUMENT_LISTS.has(parent);
  // `then:` and `else:` may hold one argument instead of a list.
  return (last === 'then' || last === 'else') && parent === 'if';
}

function valueAt(doc: unknown, path: DocumentPath): unknown {
  let value = doc;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** A value written back in YAML flow style, shortened: `{inputValu: optimizer}`. */
export function showValue(value: unknown, budget = 80): string {
  const text = flow(value);
  return text.length > budget ? `${text.slice(0, budget - 3)}...` : text;
}

function flow(value: unknown): string {
  if (typeof value === 'string')
    return /^[\w./@-][\w ./@-]*$/.test(value) && value.trim() === value ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, inner]) => `${flow(key)}: ${flow(inner)}`)
      .join(', ')}}`;
  }
  return String(value);
}

const UNKNOWN_FIELD = /^unknown field "([^"]*)"(?:; did you mean "([^"]*)"\?)?/;

/** The issues of `validateV1Component` as problems, placeholder mistakes merged and reworded. */
export function v1SchemaProblems(doc: unknown, issues: readonly Issue[]): LoadIssue[] {
  const merged = new Map<string, LoadIssue>();
  const rest: LoadIssue[] = [];
  for (const issue of issues) {
    const parent = issue.path.slice(0, -1);
    const unknown = UNKNOWN_FIELD.exec(issue.message);
    const isPlaceholder = unknown && isArgumentPosition(parent);
    const isCondition = unknown && parent.at(-1) === 'cond' && isArgumentPosition(parent.slice(0, -2));
    if (unknown && (isPlaceholder || isCondition)) {
      const written = valueAt(doc, parent);
      const [, key, nearest] = unknown;
      // The suggestion shown as the corrected object, e.g. {inputValue: optimizer}.
      const corrected = nearest
        ? showValue({ [nearest]: (written as Record<string, unknown>)[key!] })
        : undefined;
      const message = isPlaceholder
        ? `unknown placeholder ${showValue(written)}${
            corrected
              ? `; did you mean ${corrected}?`
              : '; placeholders are inputValue, inputPath, inputUri, outputPath, outputUri, executorInput, concat and if'
          }`
        : `unknown condition ${showValue(written)}${corrected ? `; did you mean ${corrected}?` : '; a condition is {isPresent: <input name>}'}`;
      merged.set(parent.join('\u0000'), new LoadIssue(parent, message));
      continue;
    }
    if (isArgumentPosition(issue.path) && /^expected string or object, but got /.test(issue.message)) {
      const value = valueAt(doc, issue.path);
      rest.push(
        new LoadIssue(
          issue.path,
          `${showValue(value)} is not a string; quote it ('${String(value)}') or use a placeholder such as {inputValue: <input name>}`,
        ),
      );
      continue;
    }
    rest.push(new LoadIssue(issue.path, issue.message));
  }
  // A merged placeholder problem replaces the "expected one of ..." issue at the same place.
  const kept = rest.filter((problem) => !merged.has(problem.path.join('\u0000')));
  return [...kept, ...merged.values()].sort((a, b) => comparePaths(a.path, b.path));
}

function comparePaths(a: DocumentPath, b: DocumentPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/** The issues of `validatePipelineSpec` as problems (they read well as they are). */
export function irSchemaProblems(issues: readonly Issue[]): LoadIssue[] {
  return issues.map((issue) => new LoadIssue(issue.path, issue.message));
}
