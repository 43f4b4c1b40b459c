/**
 * Which strings may be written as plain (unquoted) scalars without being read back as something
 * other than a string.
 *
 * PyYAML's serializer marks a string "implicit" for plain style only when its YAML 1.1 implicit
 * resolvers (the patterns below) do not claim it; otherwise the emitter quotes it (`'1'`, `'true'`,
 * `'yes'`, `'~'`, `'12:30'`). We add a second, deliberately small set of patterns for strings that
 * PyYAML itself leaves plain but that other common readers would misread: the YAML 1.2 core schema
 * (`09`, `1e3`, `0o17`), and the `yaml` npm package's more liberal YAML 1.1 schema (`y`, `n`, `.`,
 * `e5`, `0:30`). Quoting those is the only place where our output departs from PyYAML's, and it
 * only adds quotes that every reader, PyYAML included, reads back as the same string.
 */

/** PyYAML 6 `Resolver` implicit resolvers (bool, float, int, merge, null, timestamp, value, yaml). */
const PYYAML_IMPLICIT_PATTERNS: readonly RegExp[] = [
  // bool
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  // float: decimal with a dot, leading-dot decimal, base 60, infinities, NaN
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  // int: binary, octal, decimal, hexadecimal, base 60
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  // merge key
  /^<<$/,
  // null (the empty string is null too)
  /^(?:~|null|Null|NULL|)$/,
  // timestamp
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/,
  // value key
  /^=$/,
  // "yaml" (documentation-only in PyYAML, but it still makes these strings non-implicit)
  /^[!&*]$/,
];

/** Patterns that other YAML readers resolve to a non-string although PyYAML does not. */
const OTHER_READER_PATTERNS: readonly RegExp[] = [
  // YAML 1.2 core schema: int, octal, float with optional dot and unsigned exponent
  /^[-+]?[0-9]+$/,
  /^0o[0-7]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  // `yaml` npm package, YAML 1.1 schema: one-letter booleans, liberal floats, ints and base 60, dates
  /^[yYnN]$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:t|T|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:[ \t]*(?:Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/,
];

/** Every pattern above needs one of these first characters (or an empty/newline-only string). */
const MAY_RESOLVE = /^(?:[-+0-9.eEyYnNtTfFoO<~=!&*]|\n?$)/;

/**
 * True when PyYAML's resolver would read `text`, written plain, as a non-string. Python's `$`
 * (without MULTILINE) also matches just before a final newline, so a trailing `\n` is ignored.
 */
export function pyyamlResolvesAsNonString(text: string): boolean {
  if (!MAY_RESOLVE.test(text)) return false;
  const candidate = text.endsWith('\n') ? text.slice(0, -1) : text;
  return PYYAML_IMPLICIT_PATTERNS.some((pattern) => pattern.test(text) || pattern.test(candidate));
}

/** True when `text` may be written plain: PyYAML and the other readers above all read it as a string. */
export function isImplicitString(text: string): boolean {
  if (!MAY_RESOLVE.test(text)) return true;
  if (pyyamlResolvesAsNonString(text)) return false;
  return !OTHER_READER_PATTERNS.some((pattern) => pattern.test(text));
}
