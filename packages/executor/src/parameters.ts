/**
 * Parameter values at the container boundary: input values from `inputs.parameterValues` are
 * checked against their declared kind before the function runs, and the values the function
 * returns are checked against the declared outputs before anything is written. KFP carries
 * numbers as protobuf doubles, so an integer arrives as `3` (or `3.0`), and only its
 * integer-ness can be checked.
 */
import type { JsonValue, ParamKind, ParamSpec, TaskFinalStatus } from '@kfp-ts/dsl';
import { ComponentError, describeValue } from './errors.js';

type Direction = 'input' | 'output';

interface Where {
  readonly component: string;
  readonly name: string;
  readonly direction: Direction;
}

/**
 * The value the function receives for one parameter input: the given value, else the declared
 * default (a copy), else `undefined` for an optional input. A required input without a value,
 * or a value of the wrong kind, throws a ComponentError naming the input.
 */
export function inputParameterValue(
  component: string,
  name: string,
  spec: ParamSpec,
  given: unknown,
): unknown {
  const where: Where = { component, name, direction: 'input' };
  // KFP passes no value (or null, from Python's None) for an input left out by the caller.
  if (given === undefined || (given === null && spec.optional)) {
    if (spec.hasDefault) return checkedValue(spec, structuredClone(spec.default), where);
    if (spec.optional) return undefined;
    throw new ComponentError(
      `input '${name}' of component '${component}' is required, but the executor input has no value for it`,
      { component, phase: 'input', io: name },
    );
  }
  return checkedValue(spec, given, where);
}

/**
 * The output parameters to write, checked against the declared outputs: every declared output
 * is present (an optional one may be left out), of its kind, JSON-serialisable, and nothing
 * undeclared is returned.
 */
export function outputParameterValues(
  component: string,
  outputs: Readonly<Record<string, ParamSpec>>,
  artifactOutputs: readonly string[],
  returned: unknown,
): Record<string, JsonValue> {
  const names = Object.keys(outputs);
  // A component without output parameters may return anything (an arrow function's last value).
  if (names.length === 0) return {};
  const fail = (message: string, io?: string) =>
    new ComponentError(message, { component, phase: 'output', ...(io ? { io } : {}) });
  if (typeof returned !== 'object' || returned === null || Array.isArray(returned)) {
    throw fail(
      `component '${component}' must return an object with its output parameters (${names.join(', ')}), got ${describeValue(returned)}`,
    );
  }
  const values: Record<string, JsonValue> = {};
  for (const key of Object.keys(returned)) {
    if (key in outputs) continue;
    if (artifactOutputs.includes(key)) {
      throw fail(
        `component '${component}' returned '${key}', which is an output artifact: write its file at ${key}.path or fill ${key}.metadata instead`,
        key,
      );
    }
    throw fail(
      `component '${component}' returned '${key}', which is not a declared output (${names.join(', ')})`,
      key,
    );
  }
  for (const [name, spec] of Object.entries(outputs)) {
    const value = (returned as Record<string, unknown>)[name];
    if (value === undefined || value === null) {
      if (spec.optional) continue;
      throw fail(`component '${component}' did not return its output '${name}'`, name);
    }
    values[name] = checkedValue(spec, value, { component, name, direction: 'output' }) as JsonValue;
  }
  return values;
}

/**
 * The text of an output parameter file, as KFP's launcher parses it (`metadata.TextToPbValue`):
 * strings as they are, numbers and booleans in their JSON spelling, lists and structs as JSON.
 */
export function parameterFileText(kind: ParamKind, value: JsonValue): string {
  return kind === 'STRING' && typeof value === 'string' ? value : JSON.stringify(value);
}

function checkedValue(spec: ParamSpec, value: unknown, where: Where): unknown {
  const bad = (expected: string) =>
    new ComponentError(
      `${where.direction} '${where.name}' of component '${where.component}' must be ${expected}, got ${describeValue(value)}`,
      { component: where.component, phase: where.direction, io: where.name },
    );
  switch (spec.kind) {
    case 'STRING':
      if (typeof value !== 'string') throw bad('a string');
      return value;
    case 'NUMBER_INTEGER':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw bad('an integer');
      return value;
    case 'NUMBER_DOUBLE':
      // NaN and Infinity have no JSON form: the value would arrive downstream as null.
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('a finite number');
      return value;
    case 'BOOLEAN':
      if (typeof value !== 'boolean') throw bad('true or false');
      return value;
    case 'LIST': {
      if (!Array.isArray(value)) throw bad('a list');
      const items = spec.schema ? value.map((item, i) => parsed(spec, item, where, `item [${i}]`)) : value;
      checkJson(items, where);
      return items;
    }
    case 'STRUCT': {
      if (!isPlainObject(value)) throw bad('an object');
      const struct = spec.schema ? parsed(spec, value, where, 'the value') : value;
      checkJson(struct, where);
      return struct;
    }
    case 'TASK_FINAL_STATUS':
      if (!isPlainObject(value) || typeof value.state !== 'string')
        throw bad('a task final status ({ state, ... })');
      return taskFinalStatus(value);
  }
}

/** Runs the declared zod schema (so its transforms and defaults apply, as for any zod user). */
function parsed(spec: ParamSpec, value: unknown, where: Where, what: string): unknown {
  const result = spec.schema!.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.length ? ` at ${issue.path.map(String).join('.')}` : '';
  throw new ComponentError(
    `${where.direction} '${where.name}' of component '${where.component}': ${what} does not match its schema${path}: ${issue.message}`,
    { component: where.component, phase: where.direction, io: where.name, cause: result.error },
  );
}

/**
 * Lists and structs travel as JSON; a value JSON cannot hold (a Date, undefined, a function,
 * NaN) would silently change on the way, so it is an error here.
 */
function checkJson(value: unknown, where: Where): void {
  const problem = nonJson(value, '');
  if (problem) {
    throw new ComponentError(
      `${where.direction} '${where.name}' of component '${where.component}' is not JSON: ${problem}`,
      { component: where.component, phase: where.direction, io: where.name },
    );
  }
}

/** Where `value` stops being plain JSON, or undefined when it is JSON. */
export function nonJson(value: unknown, path: string): string | undefined {
  const at = path || 'the value';
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${at} is ${value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = nonJson(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const problem = nonJson(item, path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
    return undefined;
  }
  const what = typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
  return `${at} is ${what === 'undefined' ? 'undefined' : `a ${what}`}`;
}

/** KFP's PipelineTaskFinalStatus; the Python executor accepts snake_case names too. */
function taskFinalStatus(value: Record<string, unknown>): TaskFinalStatus {
  const error = isPlainObject(value.error) ? value.error : {};
  return {
    state: value.state as string,
    pipelineJobResourceName: String(value.pipelineJobResourceName ?? value.pipeline_job_resource_name ?? ''),
    pipelineTaskName: String(value.pipelineTaskName ?? value.pipeline_task_name ?? ''),
    error: {
      ...(typeof error.code === 'number' ? { code: error.code } : {}),
      ...(typeof error.message === 'string' ? { message: error.message } : {}),
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
