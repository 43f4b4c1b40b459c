// Which JSON values fit which ParameterType. Shared by the schema (input default values) and the
// reference checks (task constants).

/** A `{{$...}}` placeholder, resolved by the backend at run time, so it may stand for any type. */
function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{$');
}

/**
 * Whether `value` is a valid value for `parameterType` (an unknown type name is not judged). Numbers
 * are JSON numbers for both numeric types, since protobuf Values are doubles (`3.0` for an int).
 */
export function matchesParameterType(value: unknown, parameterType: string): boolean {
  if (isPlaceholder(value)) return true;
  switch (parameterType) {
    case 'NUMBER_INTEGER':
      return typeof value === 'number' && Number.isInteger(value);
    case 'NUMBER_DOUBLE':
      return typeof value === 'number';
    case 'STRING':
      return typeof value === 'string';
    case 'BOOLEAN':
      return typeof value === 'boolean';
    case 'LIST':
      return Array.isArray(value);
    case 'STRUCT':
    case 'TASK_FINAL_STATUS':
    case 'TASK_CONFIG':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

/** "an integer", "a list", ... for messages about a parameter type. */
export function describeParameterType(parameterType: string): string {
  switch (parameterType) {
    case 'NUMBER_INTEGER':
      return 'an integer';
    case 'NUMBER_DOUBLE':
      return 'a number';
    case 'STRING':
      return 'a string';
    case 'BOOLEAN':
      return 'a boolean';
    case 'LIST':
      return 'a list';
    default:
      return 'an object';
  }
}
