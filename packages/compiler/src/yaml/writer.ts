/**
 * Output buffer plus the layout state of PyYAML's emitter: the current column, whether the last
 * character written was whitespace, whether we are still in the indentation part of a line
 * (indentation spaces, `-`, `?`, `:`), and the stack of indentation levels.
 *
 * The scalar writers and the node emitter drive it exactly as PyYAML's `write_indicator`,
 * `write_indent` and `write_line_break` do, which is what makes folding and the placement of
 * `- `, `key: ` and continuation lines identical. Output is collected line by line and joined once.
 */

/** PyYAML's default `best_indent`. */
export const INDENT_STEP = 2;
/** PyYAML's default `best_width`: scalars are folded once a line has gone past this column. */
export const LINE_WIDTH = 80;

export class YamlWriter {
  /** Finished lines; the output is `lines` joined by `\n` once at the end. */
  private readonly lines: string[] = [];
  /** The line being written (short, so appending to it is cheap). */
  private line = '';
  /**
   * Column after the last character written. Everything written is ASCII (the default
   * `allow_unicode=False` escapes every other character), so string length is the width.
   */
  column = 0;
  /** The last character written is a space or line break (so an indicator needs no leading space). */
  whitespace = true;
  /** Only indentation has been written on the current line so far. */
  indention = true;
  /** A root plain scalar was written, so the stream must end with `...`. */
  openEnded = false;
  /** The current indentation level; `null` before the root node. */
  indent: number | null = null;
  private readonly indents: (number | null)[] = [];

  /** Writes text that contains no line break. */
  write(text: string): void {
    this.line += text;
    this.column += text.length;
  }

  /** PyYAML `write_indicator`: prefixes a space when one is needed and the last character is not one. */
  writeIndicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    const text = this.whitespace || !needWhitespace ? indicator : ` ${indicator}`;
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
    this.openEnded = false;
    this.write(text);
  }

  /** PyYAML `write_indent`: a new line unless we are still in the indentation, then pad to `indent`. */
  writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.writeLineBreak();
    }
    if (this.column < indent) {
      this.whitespace = true;
      this.write(spaces(indent - this.column));
    }
  }

  /**
   * PyYAML `write_line_break`. Only `\n` is ever written: NEL, LS and PS are special characters with
   * the default `allow_unicode=False`, so text containing them is double-quoted and they are escaped.
   */
  writeLineBreak(): void {
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
    this.lines.push(this.line);
    this.line = '';
  }

  /**
   * PyYAML `increase_indent`: one step deeper, except that a root collection sits at column 0 (a
   * root scalar at one step) and an "indentless" sequence (the value of a mapping key) stays at its
   * parent's level: `args:\n- x`.
   */
  increaseIndent(flow: boolean, indentless = false): void {
    this.indents.push(this.indent);
    if (this.indent === null) {
      this.indent = flow ? INDENT_STEP : 0;
    } else if (!indentless) {
      this.indent += INDENT_STEP;
    }
  }

  popIndent(): void {
    this.indent = this.indents.pop() ?? null;
  }

  /** The text written so far (a finished document always ends with a line break). */
  toString(): string {
    return this.lines.length === 0 ? this.line : `${this.lines.join('\n')}\n${this.line}`;
  }
}

const SPACES: string[] = [];

/** `count` spaces, memoised (indentation is written for almost every line). */
function spaces(count: number): string {
  let text = SPACES[count];
  if (text === undefined) {
    text = ' '.repeat(count);
    SPACES[count] = text;
  }
  return text;
}
