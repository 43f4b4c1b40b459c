// Turning zod errors into the flat, readable issue list the validators return: one issue per problem,
// with the path to the offending value and a message that says what was expected.
import type { z } from 'zod';
import { UNKNOWN_KEY_MESSAGE_SEPARATOR } from './zod-helpers.js';

export type IssuePath = (string | number)[];

/** One problem in a validated document. */
export interface Issue {
  /** Keys and list indices from the document root to the offending value. */
  path: IssuePath;
  /** `path` as text, e.g. `root.dag.tasks.train.inputs.parameters.lr` or `deploymentSpec.executors.exec-a.container.args[2]`. */
  pathText: string;
  message: string;
}

// Keys that read unambiguously after a dot. Anything else (dots, spaces, all digits, ...) is bracket-quoted.
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Formats a path like `components.comp-a.dag.tasks["my.task"].dependentTasks[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(document root)';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

export function makeIssue(path: IssuePath, message: string): Issue {
  return { path, pathText: formatPath(path), message };
}

/** Describes a JSON value's kind for messages: "a string", "an array", "null", ... */
function describeKind(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function lastKey(path: readonly PropertyKey[]): string | undefined {
  const last = path.at(-1);
  return typeof last === 'string' ? last : undefined;
}

function missingMessage(path: readonly PropertyKey[] | undefined, expected: string): string {
  const key = lastKey(path ?? []);
  return key === undefined
    ? `a value is required (expected ${expected})`
    : `required field "${key}" is missing (expected ${expected})`;
}

/**
 * Parse-time error map (passed to `safeParse`, so zod's global configuration is untouched) that words
 * the common issues for people reading IR: which field is missing, what kind of value was expected.
 * Messages set by the schemas themselves take precedence over it.
 */
export const readableErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'int' ? 'integer' : issue.expected;
      if (issue.input === undefined) return missingMessage(issue.path, expected);
      return `expected ${expected}, but got ${describeKind(issue.input)}`;
    }
    case 'invalid_value': {
      const expected = `one of: ${issue.values.map((v) => String(v)).join(', ')}`;
      if (issue.input === undefined) return missingMessage(issue.path, expected);
      return `invalid value ${JSON.stringify(issue.input)}; expected ${expected}`;
    }
    case 'too_small':
    case 'too_big': {
      if (issue.origin !== 'number' && issue.origin !== 'int') return undefined;
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const relation = issue.code === 'too_small' ? 'at least' : 'at most';
      const strictRelation = issue.code === 'too_small' ? 'greater than' : 'less than';
      return `expected a number ${issue.inclusive === false ? strictRelation : relation} ${bound}, but got ${JSON.stringify(issue.input)}`;
    }
    default:
      return undefined;
  }
};

type ZodIssue = z.core.$ZodIssue;

/** Whether a union branch failed because the value is of another kind altogether (not this branch). */
function isKindMismatch(branch: readonly ZodIssue[]): boolean {
  return branch.some((issue) => issue.path.length === 0 && issue.code === 'invalid_type');
}

function toPath(path: readonly PropertyKey[]): IssuePath {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

function flatten(issue: ZodIssue, prefix: IssuePath, out: Issue[]): void {
  const path = [...prefix, ...toPath(issue.path)];
  if (issue.code === 'unrecognized_keys') {
    // One issue per unknown key, pointing at the key itself. Messages come from `strictObject`, one line per key.
    const lines = issue.message.split(UNKNOWN_KEY_MESSAGE_SEPARATOR);
    issue.keys.forEach((key, i) => {
      out.push(makeIssue([...path, key], lines.length === issue.keys.length ? lines[i]! : issue.message));
    });
    return;
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // A union fails as a whole; report the problems of the branch the value was evidently meant for.
    const candidates = issue.errors.filter((branch) => !isKindMismatch(branch));
    if (candidates.length === 1) {
      for (const inner of candidates[0]!) flatten(inner, path, out);
      return;
    }
    const expected = [
      ...new Set(
        issue.errors.flatMap((branch) =>
          branch.flatMap((inner) =>
            inner.path.length === 0 && inner.code === 'invalid_type' ? [inner.expected] : [],
          ),
        ),
      ),
    ];
    if (candidates.length === 0 && expected.length > 0) {
      out.push(makeIssue(path, `expected ${expected.join(' or ')}, but got ${describeKind(issue.input)}`));
      return;
    }
    // Several plausible branches: report the one with the fewest problems.
    const best = [...candidates].sort((a, b) => a.length - b.length)[0];
    if (best !== undefined) {
      for (const inner of best) flatten(inner, path, out);
      return;
    }
  }
  out.push(makeIssue(path, issue.message));
}

/** Every problem in a zod error as a flat issue list. */
export function issuesFromZodError(error: z.ZodError): Issue[] {
  const out: Issue[] = [];
  for (const issue of error.issues) flatten(issue, [], out);
  return out;
}

function compareSegments(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders issues by path, parents first. Compiled IR YAML has its keys sorted, so this is document
 * order; issues at the same path keep their relative order.
 */
export function sortIssues(issues: Issue[]): Issue[] {
  return issues.sort((x, y) => {
    const length = Math.min(x.path.length, y.path.length);
    for (let i = 0; i < length; i++) {
      const order = compareSegments(x.path[i]!, y.path[i]!);
      if (order !== 0) return order;
    }
    return x.path.length - y.path.length;
  });
}
