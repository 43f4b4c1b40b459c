import { type Document, isAlias, isMap, isNode, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** A 1-based position in a YAML text. */
export interface Position {
  line: number;
  col: number;
}

/**
 * Where the value at `path` (keys and list indices, as validation issues give it) is written:
 * the key of a mapping entry, the item of a list. A path that leaves the document (a missing
 * field) ends at the deepest part that exists, i.e. the object the field is missing from.
 */
export function positionOfPath(
  doc: Document,
  path: readonly (string | number)[],
  lineCounter: LineCounter,
): Position {
  let node: unknown = doc.contents;
  let offset = isNode(node) ? (node.range?.[0] ?? 0) : 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      offset = startOf(pair.key) ?? startOf(pair.value) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      const start = startOf(item);
      if (start === undefined) break;
      offset = start;
      node = item;
    } else {
      break;
    }
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, col };
}

function startOf(value: unknown): number | undefined {
  return isNode(value) ? (value as Node).range?.[0] : undefined;
}
