/**
 * Parameter values against their IR declarations: defaults for missing inputs (what KFP's driver
 * does before a task starts), a light type check, and reading output parameter files by type with
 * the rules of KFP's launcher (ExecutorOutput values win over files).
 */
import type { ComponentSpec, JsonValue, ParameterType } from '@kfp-ts/schemas';

export class InputError extends Error {
  override readonly name = 'InputError';
}

interface ParamDecl {
  parameterType?: ParameterType;
  defaultValue?: JsonValue;
  isOptional?: boolean;
}

/**
 * The parameter values a component receives: given values, defaults for missing ones. A missing
 * required input is an error naming the input.
 */
export function withDefaults(
  component: ComponentSpec,
  given: Readonly<Record<string, JsonValue>>,
  where: string,
  /** DAGs pass missing values through: only a task that reads one can say it is needed. */
  lenient = false,
): Record<string, JsonValue> {
  const declared = (component.inputDefinitions?.parameters ?? {}) as Record<string, ParamDecl>;
  const values: Record<string, JsonValue> = {};
  for (const [name, decl] of Object.entries(declared)) {
    let value = given[name];
    if (value === undefined && decl.defaultValue !== undefined) value = decl.defaultValue;
    if (value === undefined) {
      if (lenient || decl.isOptional || decl.parameterType === 'TASK_FINAL_STATUS') continue;
      throw new InputError(`${where}: input parameter '${name}' has no value and no default.`);
    }
    values[name] = coerce(value, decl.parameterType, `${where}: input parameter '${name}'`);
  }
  return values;
}

/**
 * Light coercion at task boundaries: JSON text into a LIST/STRUCT input (loop items and outputs of
 * string-typed producers arrive that way), and a type check that names the input when it fails.
 */
export function coerce(value: JsonValue, type: ParameterType | undefined, what: string): JsonValue {
  switch (type) {
    case 'NUMBER_INTEGER':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number.parseInt(value, 10);
      break;
    case 'NUMBER_DOUBLE':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        return Number(value);
      break;
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      break;
    case 'STRING':
      if (typeof value === 'string') return value;
      break;
    case 'LIST':
      if (Array.isArray(value)) return value;
      if (typeof value === 'string') {
        const parsed = tryJson(value);
        if (Array.isArray(parsed)) return parsed;
      }
      break;
    case 'STRUCT':
    case 'TASK_FINAL_STATUS':
      if (isObject(value)) return value;
      if (typeof value === 'string') {
        const parsed = tryJson(value);
        if (isObject(parsed)) return parsed;
      }
      break;
    default:
      return value;
  }
  throw new InputError(`${what} must be ${expected(type)}, got ${JSON.stringify(value)}.`);
}

function expected(type: ParameterType | undefined): string {
  const words: Partial<Record<ParameterType, string>> = {
    NUMBER_INTEGER: 'an integer',
    NUMBER_DOUBLE: 'a number',
    BOOLEAN: 'a boolean',
    STRING: 'a string',
    LIST: 'a list',
    STRUCT: 'an object',
    TASK_FINAL_STATUS: 'a task final status object',
  };
  return (type && words[type]) ?? 'a value';
}

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * An output parameter file's text as its declared type (KFP's launcher rules): STRING as is,
 * numbers and booleans parsed (Go's ParseBool accepts True/true/1...), LIST/STRUCT as JSON.
 */
export function parseOutputText(text: string, type: ParameterType | undefined, what: string): JsonValue {
  switch (type) {
    case 'STRING':
    case undefined:
      return text;
    case 'NUMBER_INTEGER': {
      const t = text.trim();
      if (/^[-+]?\d+$/.test(t)) return Number.parseInt(t, 10);
      break;
    }
    case 'NUMBER_DOUBLE': {
      const n = Number(text.trim());
      if (text.trim() !== '' && !Number.isNaN(n)) return n;
      break;
    }
    case 'BOOLEAN': {
      const t = text.trim();
      if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(t)) return true;
      if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(t)) return false;
      break;
    }
    default: {
      const parsed = tryJson(text);
      if (type === 'LIST' && Array.isArray(parsed)) return parsed;
      if (type !== 'LIST' && isObject(parsed)) return parsed;
    }
  }
  throw new InputError(`${what}: ${JSON.stringify(text.slice(0, 200))} is not ${expected(type)}.`);
}
