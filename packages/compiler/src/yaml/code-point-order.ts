/**
 * Python orders `str` by code point; JS `<` compares UTF-16 code units. The two agree except where
 * a surrogate is involved (an astral character is one code point above U+FFFF but starts with a
 * unit in U+D800..U+DBFF), so those comparisons are redone by code point. A lone surrogate is its
 * own code point, as in Python.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 || y < 0xd800) return x - y;
    return compareCodePointsAt(a, b, i);
  }
  return a.length - b.length;
}

/** Compares the code points around the first differing unit `i` (both units are >= U+D800). */
function compareCodePointsAt(a: string, b: string, i: number): number {
  // When the units differ in the low half of a pair, the character starts one unit earlier.
  const start = i > 0 && isHighSurrogate(a.charCodeAt(i - 1)) ? i - 1 : i;
  const difference = (a.codePointAt(start) ?? 0) - (b.codePointAt(start) ?? 0);
  if (difference !== 0 || start === i) return difference;
  // Both strings had the same lone high surrogate at i - 1; the characters at i decide.
  return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
