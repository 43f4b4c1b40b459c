/**
 * CEL, as the KFP backends evaluate it: `triggerPolicy.condition` over the task's inputs
 * (`inputs.parameter_values['pipelinechannel--x']`), and `parameterExpressionSelector`
 * (`parseJson(string_value)["field"]`) over one input value. A real CEL engine, not a rewrite to
 * JavaScript: kfp.local rewrote conditions to Python and treated any error as "false", silently
 * skipping branches. Here an expression that cannot be evaluated, or does not give a bool, throws.
 */
import type { JsonValue } from '@kfp-ts/schemas';
import { Environment } from '@marcbachmann/cel-js';

export class ConditionError extends Error {
  override readonly name = 'ConditionError';
}

// Parameter values are protobuf Values, whose numbers are doubles: plain JS numbers are passed as
// such (cel-js treats them as doubles), and `int(...)` / `double(...)` convert as in the backends.
const environment = new Environment({
  unlistedVariablesAreDyn: true,
  homogeneousAggregateLiterals: false,
}).registerFunction('parseJson(string): dyn', (text: string) => {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`parseJson: ${(error as Error).message}`);
  }
});

type Compiled = (context: Record<string, unknown>) => unknown;
const compiled = new Map<string, Compiled>();

function compile(expression: string): Compiled {
  let fn = compiled.get(expression);
  if (!fn) {
    const parsed = environment.parse(expression);
    fn = (context) => parsed(context);
    compiled.set(expression, fn);
  }
  return fn;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}

/** Evaluates a trigger condition; throws ConditionError unless it yields a bool. */
export function evaluateCondition(
  expression: string,
  parameterValues: Readonly<Record<string, JsonValue>>,
): boolean {
  let result: unknown;
  try {
    result = compile(expression)({ inputs: { parameter_values: parameterValues } });
  } catch (error) {
    throw new ConditionError(
      `condition ${JSON.stringify(expression)} could not be evaluated: ${firstLine(error)}`,
    );
  }
  if (typeof result !== 'boolean') {
    throw new ConditionError(`condition ${JSON.stringify(expression)} gave ${describe(result)}, not a bool.`);
  }
  return result;
}

/**
 * Applies a `parameterExpressionSelector` to a value. The value is exposed as KFP's driver exposes a
 * protobuf Value: `string_value` (a non-string is given as its JSON text, which is how loop items
 * reach `parseJson`), `number_value`, `bool_value`, `list_value`, `struct_value`, `null_value`.
 */
export function selectValue(expression: string, value: JsonValue): JsonValue {
  const context: Record<string, unknown> = {
    string_value: typeof value === 'string' ? value : JSON.stringify(value),
    number_value: typeof value === 'number' ? value : 0,
    bool_value: typeof value === 'boolean' ? value : false,
    list_value: Array.isArray(value) ? value : [],
    struct_value: value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {},
    null_value: null,
  };
  let result: unknown;
  try {
    result = compile(expression)(context);
  } catch (error) {
    throw new ConditionError(
      `selector ${JSON.stringify(expression)} could not be evaluated: ${firstLine(error)}`,
    );
  }
  return toJson(result);
}

/** cel-js returns ints as bigint and maps as Map; parameters are JSON. */
function toJson(value: unknown): JsonValue {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJson(v)]));
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return value as JsonValue;
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `the int ${value}`;
  return `${typeof value} ${JSON.stringify(toJson(value))}`;
}
