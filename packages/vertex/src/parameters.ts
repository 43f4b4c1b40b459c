/**
 * Run-time parameter values, checked against the pipeline's root input definitions before
 * anything is sent: every unknown name, missing required input and wrongly typed value is
 * collected, and reported together in one message (rather than one round trip per mistake).
 */
import { usageError, type VertexError } from './errors.js';
import type { JsonValue } from './struct.js';

export interface RootParameter {
  name: string;
  /** IR parameterType: STRING, NUMBER_INTEGER, NUMBER_DOUBLE, BOOLEAN, LIST, STRUCT. */
  type: string;
  /** No default and not optional: a value must be given. */
  required: boolean;
  defaultValue?: JsonValue;
}

export interface ParameterIssue {
  name: string;
  problem: string;
}

interface RootInputs {
  parameters?: Record<string, { parameterType?: string; defaultValue?: JsonValue; isOptional?: boolean }>;
  artifacts?: Record<string, unknown>;
}

function rootInputs(spec: unknown): RootInputs {
  return ((spec as { root?: { inputDefinitions?: RootInputs } })?.root?.inputDefinitions ?? {}) as RootInputs;
}

/** The pipeline's parameters, from `root.inputDefinitions.parameters`. */
export function rootParameters(spec: unknown): RootParameter[] {
  return Object.entries(rootInputs(spec).parameters ?? {}).map(([name, definition]) => ({
    name,
    type: definition.parameterType ?? 'STRING',
    required: definition.defaultValue === undefined && definition.isOptional !== true,
    ...(definition.defaultValue === undefined ? {} : { defaultValue: definition.defaultValue }),
  }));
}

/** "an integer", "a list"... */
export function describeType(type: string): string {
  switch (type) {
    case 'NUMBER_INTEGER':
      return 'an integer';
    case 'NUMBER_DOUBLE':
      return 'a number';
    case 'STRING':
      return 'a string';
    case 'BOOLEAN':
      return 'true or false';
    case 'LIST':
      return 'a list';
    case 'STRUCT':
      return 'an object';
    default:
      return type;
  }
}

/** Whether `value` is a valid value of the IR parameter type. */
export function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'NUMBER_INTEGER':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'NUMBER_DOUBLE':
      return typeof value === 'number' && Number.isFinite(value);
    case 'STRING':
      return typeof value === 'string';
    case 'BOOLEAN':
      return typeof value === 'boolean';
    case 'LIST':
      return Array.isArray(value);
    case 'STRUCT':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

/**
 * Every problem with `values` for the pipeline `spec`: names it does not declare (artifact
 * inputs included: they cannot be given as values), required inputs without a value, values of
 * the wrong type. Empty when all is well.
 */
export function checkParameterValues(
  spec: unknown,
  values: Readonly<Record<string, unknown>>,
): ParameterIssue[] {
  const parameters = rootParameters(spec);
  const byName = new Map(parameters.map((p) => [p.name, p]));
  const artifacts = new Set(Object.keys(rootInputs(spec).artifacts ?? {}));
  const issues: ParameterIssue[] = [];
  for (const [name, value] of Object.entries(values)) {
    const parameter = byName.get(name);
    if (!parameter) {
      issues.push({
        name,
        problem: artifacts.has(name)
          ? `'${name}' is an artifact input, which cannot be given a value`
          : `unknown parameter '${name}'`,
      });
    } else if (!matchesType(value, parameter.type)) {
      issues.push({
        name,
        problem: `'${name}' must be ${describeType(parameter.type)}, got ${shortJson(value)}`,
      });
    }
  }
  for (const parameter of parameters) {
    if (parameter.required && !(parameter.name in values)) {
      issues.push({
        name: parameter.name,
        problem: `'${parameter.name}' is required (${describeType(parameter.type)}) and has no default`,
      });
    }
  }
  return issues;
}

/** One usage error listing every issue, with the parameters the pipeline declares. */
export function parameterError(
  pipelineName: string,
  spec: unknown,
  issues: readonly ParameterIssue[],
): VertexError {
  const declared = rootParameters(spec).map((p) => `${p.name} (${p.type}${p.required ? ', required' : ''})`);
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return usageError(
    `pipeline '${pipelineName}' parameter values: ${count}: ${issues.map((i) => i.problem).join('; ')}. ` +
      (declared.length > 0 ? `Its parameters: ${declared.join(', ')}.` : 'It takes no parameters.'),
  );
}

/** Throws `parameterError` when `values` do not fit `spec`. */
export function assertParameterValues(
  pipelineName: string,
  spec: unknown,
  values: Readonly<Record<string, unknown>>,
): void {
  const issues = checkParameterValues(spec, values);
  if (issues.length > 0) throw parameterError(pipelineName, spec, issues);
}

/**
 * The value of `text` (from `--param name=text`) read as `type`: `3` is an integer, `0.5` a
 * number, `true` a boolean, lists and objects are JSON, strings stay as typed. A value that
 * cannot be read is returned as the text itself, so `checkParameterValues` reports it with the
 * others.
 */
export function parseParameterText(text: string, type: string | undefined): JsonValue {
  switch (type) {
    case 'NUMBER_INTEGER':
    case 'NUMBER_DOUBLE': {
      const value = Number(text);
      return text.trim() !== '' && Number.isFinite(value) ? value : text;
    }
    case 'BOOLEAN': {
      const word = text.trim().toLowerCase();
      return word === 'true' ? true : word === 'false' ? false : text;
    }
    case 'LIST':
    case 'STRUCT':
      try {
        return JSON.parse(text) as JsonValue;
      } catch {
        return text;
      }
    default:
      return text;
  }
}

/**
 * `name=value` assignments read against the spec's parameter types. Malformed assignments
 * (no `=`, a name given twice) are returned as issues; unknown names keep their text as value
 * (reported by `checkParameterValues`).
 */
export function parseParameterAssignments(
  spec: unknown,
  assignments: readonly string[],
): { values: Record<string, JsonValue>; issues: ParameterIssue[] } {
  const types = new Map(rootParameters(spec).map((p) => [p.name, p.type]));
  const values: Record<string, JsonValue> = {};
  const issues: ParameterIssue[] = [];
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) {
      issues.push({ name: assignment, problem: `'${assignment}' is not name=value` });
      continue;
    }
    const name = assignment.slice(0, equals).trim();
    if (name in values) {
      issues.push({ name, problem: `'${name}' is given twice` });
      continue;
    }
    values[name] = parseParameterText(assignment.slice(equals + 1), types.get(name));
  }
  return { values, issues };
}

function shortJson(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
