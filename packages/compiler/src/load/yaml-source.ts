/**
 * A component file as parsed YAML documents that remember where each value was written, so that a
 * problem found in the plain data (by the schema or by the conversion) can be reported at its
 * line and column.
 */
import { type Document, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { type DocumentPath, LoadIssue } from './load-issues.js';
import { pyyamlTags } from './pyyaml-schema.js';

/** A 1-based position in the text. */
export interface TextPosition {
  readonly line: number;
  readonly col: number;
}

export interface YamlSource {
  /** The documents as plain data (KFP files have one, or two when a platform spec follows). */
  readonly documents: readonly unknown[];
  /** Where the value at `path` of document `index` is written; a missing field gives its parent. */
  positionOf(path: DocumentPath, index?: number): TextPosition | undefined;
}

/** Parses `text`; a syntax error becomes a LoadIssue with its line and column. */
export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { version: '1.1', customTags: pyyamlTags, lineCounter });
  // The parser returns an empty-stream marker (not an array) when there is no document at all.
  const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      // The package appends "at line L, column C:" and a source excerpt; the position is reported apart.
      const message = error.message.split(/ at line \d+, column \d+/)[0]!.trim();
      throw new LoadIssue(
        [],
        `YAML syntax error: ${message}`,
        at ? { line: at.line, col: at.col } : undefined,
      );
    }
  }
  const documents = docs.map((doc) => doc.toJS({ maxAliasCount: 1000 }) as unknown);
  return {
    documents,
    positionOf(path, index = 0) {
      const doc = docs[index];
      if (!doc) return undefined;
      const offset = offsetOf(doc, path);
      return offset === undefined ? undefined : lineCounter.linePos(offset);
    },
  };
}

/** Start offset of the node at `path` (the key for a mapping entry), or of its deepest existing parent. */
function offsetOf(doc: Document.Parsed, path: DocumentPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = startOf(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      offset = startOf(pair.key) ?? startOf(pair.value) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = startOf(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function startOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

/**
 * The description KFP writes as a header comment of a compiled file (`# Description: ...`,
 * continued on lines indented under it), which KFP falls back to when the IR has none.
 */
export function headerDescription(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const heading = '# Description: ';
  // KFP indents continuation lines under the text of the first one.
  const continuation = `#${' '.repeat(heading.length - 1)}`;
  const start = lines.findIndex((line) => line.startsWith(heading));
  // Only the leading comment block is the header; a later comment is not a description.
  if (start < 0 || lines.slice(0, start).some((line) => !line.startsWith('#'))) return undefined;
  const parts = [lines[start]!.slice(heading.length)];
  for (let i = start + 1; i < lines.length && lines[i]!.startsWith(continuation); i++) {
    parts.push(lines[i]!.slice(continuation.length));
  }
  return parts.join('\n');
}
