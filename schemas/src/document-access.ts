// Defensive readers for a document that has not (or not successfully) passed its schema, so the
// reference checks can run on anything and skip what is malformed (the schema reports that).
import { closestKey } from './zod-helpers.js';

export type Obj = Record<string, unknown>;

export function asObject(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The entries of `value` if it is an object, otherwise none. */
export function entriesOf(value: unknown): [string, unknown][] {
  const object = asObject(value);
  return object ? Object.entries(object) : [];
}

/** An own key (so `constructor` or `__proto__` as a task name do not resolve by accident). */
export function has(object: Obj | undefined, key: string): boolean {
  return object !== undefined && Object.hasOwn(object, key);
}

/** `; did you mean "x"?` when a known name is close to `name`, otherwise nothing. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const suggestion = closestKey(name, [...known]);
  return suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
}

/** The parameter and artifact maps of an inputDefinitions/outputDefinitions (or task inputs) object. */
export interface Io {
  parameters: Obj | undefined;
  artifacts: Obj | undefined;
}

export function inputsOrOutputs(definitions: unknown): Io {
  const object = asObject(definitions);
  return { parameters: asObject(object?.parameters), artifacts: asObject(object?.artifacts) };
}
