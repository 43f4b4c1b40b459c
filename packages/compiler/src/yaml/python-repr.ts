/**
 * Python's `str()` / `repr()` of the JSON-like values `MessageToDict` produces, as KFP prints
 * parameter defaults in the YAML header: `2.0`, `True`, `None`, `['a', 'b']`, `{'A': 1.0}`.
 */

import { compareCodePoints } from './code-point-order.js';
import { pythonFloatRepr } from './python-float.js';

/**
 * Python `str(value)`: like `repr` except that a top-level string is itself.
 * Numbers are floats (protobuf `Value`s are doubles); a `bigint` is a Python `int`.
 */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/**
 * Python `repr(value)`. Dict keys are written in sorted order: the dict comes from a protobuf
 * `Struct`, whose map order Python does not guarantee, and sorting keeps the header deterministic
 * (it matches the goldens, e.g. `{'A': 1.0, 'B': 2.0}`).
 */
export function pythonRepr(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return pythonStringRepr(value);
    case 'number':
      return pythonFloatRepr(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'True' : 'False';
    case 'object': {
      if (value === null) return 'None';
      if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => compareCodePoints(a, b));
      return `{${entries.map(([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item)}`).join(', ')}}`;
    }
    default:
      throw new TypeError(`Cannot format a value of type ${typeof value} as Python`);
  }
}

/** Characters Python's `str.isprintable()` rejects: Unicode "Other" and "Separator", except the space. */
const NON_PRINTABLE = /^[\p{C}\p{Z}]$/u;

/**
 * Python `repr(str)`: single quotes unless the text contains `'` and no `"`; backslash, the quote,
 * `\t`, `\n`, `\r` escaped; other non-printable characters as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`
 * (lower-case hex); printable non-ASCII characters kept as they are.
 */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let result = quote;
  for (const ch of text) {
    if (ch === quote || ch === '\\') result += `\\${ch}`;
    else if (ch === '\t') result += '\\t';
    else if (ch === '\n') result += '\\n';
    else if (ch === '\r') result += '\\r';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) result += pythonHexEscape(ch.codePointAt(0) ?? 0);
    else result += ch;
  }
  return result + quote;
}

function pythonHexEscape(code: number): string {
  const hex = code.toString(16);
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}
