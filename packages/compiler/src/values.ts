import type { JsonValue } from '@kfp-ts/dsl';

/**
 * `json.dumps(value, sort_keys=True)` as Python writes it: `", "` and `": "` separators and
 * sorted keys. KFP uses it for the raw items of a parallel-for, so we match it byte for byte.
 */
export function pythonJsonDumps(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  switch (typeof value) {
    case 'string':
      return pythonJsonString(value);
    case 'number':
      return pythonNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default: {
      const keys = Object.keys(value).sort(compareCodePoints);
      return `{${keys.map((k) => `${pythonJsonString(k)}: ${pythonJsonDumps(value[k]!)}`).join(', ')}}`;
    }
  }
}

/** Python's default `ensure_ascii=True` escaping. */
function pythonJsonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) {
      if (code > 0xffff) {
        const high = Math.floor((code - 0x10000) / 0x400) + 0xd800;
        const low = ((code - 0x10000) % 0x400) + 0xdc00;
        out += `\\u${high.toString(16).padStart(4, '0')}\\u${low.toString(16).padStart(4, '0')}`;
      } else {
        out += `\\u${code.toString(16).padStart(4, '0')}`;
      }
    } else out += ch;
  }
  return `${out}"`;
}

/** Integers print without a fraction (Python ints); other numbers as JavaScript prints them. */
function pythonNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(value);
}

/** Python's default string ordering: by code point, not by locale. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
