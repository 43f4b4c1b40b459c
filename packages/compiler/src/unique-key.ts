/** `name`, or `name-2`, `name-3`, ...: the first key not in `taken` (KFP's suffix rule). */
export function uniqueKey(name: string, taken: Record<string, unknown>): string {
  let candidate = name;
  for (let i = 2; candidate in taken; i++) candidate = `${name}-${i}`;
  return candidate;
}
