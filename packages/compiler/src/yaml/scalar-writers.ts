/**
 * PyYAML's three scalar writers used by `yaml.dump` defaults: plain, single-quoted and
 * double-quoted, including how each folds long lines at column 80.
 *
 * `split` is false for mapping keys (PyYAML never folds a simple key).
 */

import { isLineBreak } from './scalar-analysis.js';
import { LINE_WIDTH, type YamlWriter } from './writer.js';

/**
 * Plain style. A single space between two words becomes a line break (continuation line at the
 * scalar's indentation) when the line has already passed column 80; runs of several spaces are kept.
 * Plain style is never chosen for text with line breaks, so none are handled here.
 */
export function writePlain(writer: YamlWriter, text: string, split: boolean, root: boolean): void {
  if (root) writer.openEnded = true;
  if (text === '') return;
  if (!writer.whitespace) writer.write(' ');
  writer.whitespace = false;
  writer.indention = false;
  // Folding happens only at a space reached past column 80; when the whole text ends by then, or
  // has no space, it is written in one piece.
  if (!split || writer.column + text.length <= LINE_WIDTH || !text.includes(' ')) {
    writer.write(text);
    return;
  }

  let start = 0;
  let inSpaces = false;
  for (let end = 0; end <= text.length; end++) {
    const ch = text[end];
    if (inSpaces) {
      if (ch !== ' ') {
        if (start + 1 === end && writer.column > LINE_WIDTH) {
          writer.writeIndent();
          writer.whitespace = false;
          writer.indention = false;
        } else {
          writer.write(text.slice(start, end));
        }
        start = end;
      }
    } else if (ch === undefined || ch === ' ') {
      writer.write(text.slice(start, end));
      start = end;
    }
    inSpaces = ch === ' ';
  }
}

/**
 * Single-quoted style: `'` is doubled; a single space past column 80 becomes a line break (never the
 * first or last character); a run of line breaks gets one extra break (a lone break would fold into
 * a space when read back), and the text resumes on an indented line.
 */
export function writeSingleQuoted(writer: YamlWriter, text: string, split: boolean): void {
  writer.writeIndicator("'", true);
  let start = 0;
  let inSpaces = false;
  let inBreaks = false;
  for (let end = 0; end <= text.length; end++) {
    const ch = text[end];
    if (inSpaces) {
      if (ch !== ' ') {
        if (start + 1 === end && writer.column > LINE_WIDTH && split && start !== 0 && end !== text.length) {
          writer.writeIndent();
        } else {
          writer.write(text.slice(start, end));
        }
        start = end;
      }
    } else if (inBreaks) {
      if (ch === undefined || !isLineBreak(ch)) {
        // Text with NEL, LS or PS is never single-quoted (see `analyzeScalar`), so breaks are `\n`.
        if (text[start] === '\n') writer.writeLineBreak();
        for (let i = start; i < end; i++) writer.writeLineBreak();
        writer.writeIndent();
        start = end;
      }
    } else if (ch === undefined || ch === ' ' || ch === "'" || isLineBreak(ch)) {
      if (start < end) {
        writer.write(text.slice(start, end));
        start = end;
      }
    }
    if (ch === "'") {
      writer.write("''");
      start = end + 1;
    }
    if (ch !== undefined) {
      inSpaces = ch === ' ';
      inBreaks = isLineBreak(ch);
    }
  }
  writer.writeIndicator("'", false);
}

/** YAML's short escapes, as PyYAML's `ESCAPE_REPLACEMENTS`. */
const SHORT_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\0', '0'],
  ['\x07', 'a'],
  ['\b', 'b'],
  ['\t', 't'],
  ['\n', 'n'],
  ['\v', 'v'],
  ['\f', 'f'],
  ['\r', 'r'],
  ['\x1b', 'e'],
  ['"', '"'],
  ['\\', '\\'],
  ['\x85', 'N'],
  ['\xa0', '_'],
  ['\u2028', 'L'],
  ['\u2029', 'P'],
]);

/** Printable ASCII other than `"` and `\` is written as is; everything else is escaped. */
function needsEscape(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code > 0x7e || ch === '"' || ch === '\\';
}

/** The escape PyYAML writes: a short escape, else `\xXX`, `\uXXXX` or `\UXXXXXXXX` (upper-case hex). */
function escapeCharacter(ch: string): string {
  const short = SHORT_ESCAPES.get(ch);
  if (short !== undefined) return `\\${short}`;
  const code = ch.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

/**
 * Double-quoted style. Folding happens at a space or right after an escape once the line would pass
 * column 80: the line ends with `\`, and when the continuation starts with a space that space is
 * protected by a leading `\` (`\ python3 ...`). Positions count code points, as Python does.
 */
export function writeDoubleQuoted(writer: YamlWriter, text: string, split: boolean): void {
  writer.writeIndicator('"', true);
  const chars = Array.from(text);
  const length = chars.length;
  const slice = (from: number, to: number): string => (from < to ? chars.slice(from, to).join('') : '');

  let start = 0;
  for (let end = 0; end <= length; end++) {
    const ch = chars[end];
    if (ch === undefined || needsEscape(ch)) {
      if (start < end) {
        writer.write(slice(start, end));
        start = end;
      }
      if (ch !== undefined) {
        writer.write(escapeCharacter(ch));
        start = end + 1;
      }
    }
    if (
      split &&
      end > 0 &&
      end < length - 1 &&
      (ch === ' ' || start >= end) &&
      writer.column + (end - start) > LINE_WIDTH
    ) {
      writer.write(`${slice(start, end)}\\`);
      if (start < end) start = end;
      writer.writeIndent();
      writer.whitespace = false;
      writer.indention = false;
      if (chars[start] === ' ') writer.write('\\');
    }
  }
  writer.writeIndicator('"', false);
}
