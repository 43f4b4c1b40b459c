// Small building blocks shared by every schema file: strict objects whose unknown-key errors suggest
// the intended key, and proto `oneof` groups that zod cannot express as plain object shapes.
import { z } from 'zod';

/**
 * Separates the per-key messages of one `unrecognized_keys` issue. zod reports all unknown keys of an
 * object as a single issue; `validate.ts` splits it back into one issue per key, pairing the keys with
 * these message lines in order.
 */
export const UNKNOWN_KEY_MESSAGE_SEPARATOR = '\n';

/** Levenshtein distance, used only to suggest the key a typo was meant to be. */
function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The allowed key closest to `key`, if it is close enough to be a plausible typo. */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of allowed) {
    const distance = editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Allow roughly one edit per four characters: catches `componentRf` and `exectorLabel`, but does not
  // suggest `name` for `image`.
  if (bestDistance <= Math.max(1, Math.floor(key.length / 4))) return best;
  // Otherwise a name that contains the other, e.g. `message` for `pipelinechannel--message`.
  const lower = key.toLowerCase();
  const related = allowed.filter((candidate) => {
    const other = candidate.toLowerCase();
    return Math.min(lower.length, other.length) >= 3 && (other.includes(lower) || lower.includes(other));
  });
  return related.length === 1 ? related[0] : undefined;
}

function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const suggestion = closestKey(key, allowed);
  if (suggestion !== undefined) return `unknown field "${key}"; did you mean "${suggestion}"?`;
  return allowed.length === 0
    ? `unknown field "${key}"; this object takes no fields`
    : `unknown field "${key}"; expected one of: ${allowed.join(', ')}`;
}

/**
 * `z.strictObject` whose unknown-key message names the allowed keys (or the likely intended one), so a
 * typo such as `componentRf` reads `unknown field "componentRf"; did you mean "componentRef"?`.
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => unknownKeyMessage(key, allowed)).join(UNKNOWN_KEY_MESSAGE_SEPARATOR)
        : undefined,
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quoteList(keys: readonly string[], conjunction: 'or' | 'and'): string {
  const quoted = keys.map((key) => `"${key}"`);
  return quoted.length <= 2
    ? quoted.join(` ${conjunction} `)
    : `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1)}`;
}

/**
 * A proto `oneof`: at most one of `keys` may be set, and with `required` exactly one must be.
 *
 * The proto3 JSON form is a flat object, so the group is a check on the object rather than a zod union.
 * That keeps error paths precise (a union would report "invalid input" for the whole object) and the
 * inferred type a plain object. The check runs even when a field inside failed, so every problem is
 * reported at once. The JSON Schema gets the equivalent `oneOf`/`not` constraint through `meta`.
 */
export function oneOf<Schema extends z.ZodObject>(
  schema: Schema,
  keys: readonly (keyof z.output<Schema> & string)[],
  options: { required: boolean },
): Schema {
  const present = keys.map((key) => ({ required: [key] }));
  const jsonSchemaConstraint = options.required
    ? { oneOf: present }
    : { not: { anyOf: present.flatMap((a, i) => present.slice(i + 1).map((b) => ({ allOf: [a, b] }))) } };
  const checked = schema.superRefine(
    (value, ctx) => {
      const set = keys.filter((key) => (value as Record<string, unknown>)[key] !== undefined);
      if (set.length > 1) {
        ctx.addIssue({
          code: 'custom',
          message: `only one of ${quoteList(keys, 'or')} may be set, but found ${quoteList(set, 'and')}`,
          input: value,
        });
      } else if (set.length === 0 && options.required) {
        ctx.addIssue({ code: 'custom', message: `expected one of ${quoteList(keys, 'or')}`, input: value });
      }
    },
    { when: (payload) => isPlainObject(payload.value) },
  );
  return checked.meta(jsonSchemaConstraint) as Schema;
}
