import { isParamSpec, type JsonValue, type ParamSpec, type Pipeline } from '@kfp-ts/dsl';
import { UsageError } from './errors.js';

/**
 * Turns `--param name=value` options into the compiler's `pipelineParameters` (new defaults for
 * pipeline inputs). Each value is read according to the input's declared kind: `seed=3` is the
 * integer 3, `name=3` the string "3", `c_values=[0.1,1]` a list. Lists and structs are JSON.
 */
export function parsePipelineParams(
  assignments: readonly string[],
  pipeline: Pipeline,
): Record<string, JsonValue> {
  const inputs = pipeline.definition.inputs as Record<string, unknown>;
  const values: Record<string, JsonValue> = {};
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) throw new UsageError(`--param ${JSON.stringify(assignment)}: expected name=value.`);
    const name = assignment.slice(0, equals).trim();
    const text = assignment.slice(equals + 1);
    const fail = (problem: string): never => {
      throw new UsageError(`--param ${name}=${text}: ${problem}`);
    };
    if (name in values) fail(`'${name}' is given twice.`);
    const spec = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
    if (spec === undefined) {
      const names = Object.keys(inputs);
      fail(
        `pipeline '${pipeline.definition.name}' has no input '${name}'; ` +
          (names.length > 0 ? `its inputs are: ${names.join(', ')}.` : 'it takes no inputs.'),
      );
    }
    if (!isParamSpec(spec))
      fail(`'${name}' is an artifact input; only parameters can be set at compile time.`);
    values[name] = parseValue(text, spec as ParamSpec, fail);
  }
  return values;
}

function parseValue(text: string, spec: ParamSpec, fail: (problem: string) => never): JsonValue {
  switch (spec.kind) {
    case 'STRING':
      return text;
    case 'NUMBER_INTEGER': {
      const value = Number(text);
      if (text.trim() === '' || !Number.isSafeInteger(value)) fail('expected an integer.');
      return value;
    }
    case 'NUMBER_DOUBLE': {
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) fail('expected a number.');
      return value;
    }
    case 'BOOLEAN': {
      const word = text.trim().toLowerCase();
      if (word !== 'true' && word !== 'false') fail('expected true or false.');
      return word === 'true';
    }
    case 'LIST':
    case 'STRUCT': {
      const value = parseJson(text, fail);
      const isList = Array.isArray(value);
      const isStruct = typeof value === 'object' && value !== null && !isList;
      if (spec.kind === 'LIST' ? !isList : !isStruct) {
        fail(
          spec.kind === 'LIST'
            ? 'expected a JSON list, e.g. [1, 2].'
            : 'expected a JSON object, e.g. {"a": 1}.',
        );
      }
      checkSchema(value, spec, fail);
      return value;
    }
    default:
      return fail(`inputs of kind ${spec.kind} cannot be set.`);
  }
}

function parseJson(text: string, fail: (problem: string) => never): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message}).`);
  }
}

/** The declared zod schema (of a list's elements, or of a struct), when there is one. */
function checkSchema(value: JsonValue, spec: ParamSpec, fail: (problem: string) => never): void {
  const schema = spec.schema;
  if (!schema) return;
  const checked = spec.kind === 'LIST' ? (value as JsonValue[]) : [value];
  checked.forEach((item, index) => {
    const result = schema.safeParse(item);
    if (!result.success) {
      const where = spec.kind === 'LIST' ? `item ${index}` : 'value';
      const issue = result.error.issues[0];
      const at = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      fail(`${where}${at}: ${issue?.message ?? 'does not match the declared type'}.`);
    }
  });
}
