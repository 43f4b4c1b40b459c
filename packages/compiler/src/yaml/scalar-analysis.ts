/**
 * Which scalar styles PyYAML's emitter allows for a string (`Emitter.analyze_scalar`), with the
 * `yaml.dump` defaults: no `allow_unicode`, so every character outside printable ASCII (and `\n`)
 * is "special" and forces double quotes.
 */

export interface ScalarAnalysis {
  readonly empty: boolean;
  /** Contains a line break (`\n`, NEL, LS or PS). */
  readonly multiline: boolean;
  readonly allowBlockPlain: boolean;
  readonly allowSingleQuoted: boolean;
}

/** Line breaks as PyYAML knows them. */
export function isLineBreak(ch: string): boolean {
  return ch === '\n' || ch === '\x85' || ch === '\u2028' || ch === '\u2029';
}

/** Characters that count as "whitespace" around indicators (NUL, space, tab, CR and the breaks). */
function isBlankOrBreak(ch: string | undefined): boolean {
  return ch === undefined || ch === '\0' || ch === ' ' || ch === '\t' || ch === '\r' || isLineBreak(ch);
}

const EMPTY_ANALYSIS: ScalarAnalysis = {
  empty: true,
  multiline: false,
  allowBlockPlain: true,
  allowSingleQuoted: true,
};

/** Indicators that may not start a plain scalar at all. */
const LEADING_INDICATORS = '#,[]{}&*!|>\'"%@`';

export function analyzeScalar(text: string): ScalarAnalysis {
  if (text === '') return EMPTY_ANALYSIS;

  // A plain scalar may not look like a document marker.
  let blockIndicators = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;

  const last = text.length - 1;
  for (let index = 0; index <= last; index++) {
    const ch = text[index] as string;
    const code = ch.charCodeAt(0);
    const followedByWhitespace = isBlankOrBreak(text[index + 1]);

    if (index === 0) {
      // `- `, `? `, `: ` and the other indicators are only harmless later in the scalar.
      if (LEADING_INDICATORS.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else {
      // ": " would start a mapping value and " #" a comment.
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && isBlankOrBreak(text[index - 1])) blockIndicators = true;
    }

    if (isLineBreak(ch)) lineBreaks = true;
    if (ch !== '\n' && (code < 0x20 || code > 0x7e)) specialCharacters = true;

    if (ch === ' ') {
      if (index === 0) leadingSpace = true;
      if (index === last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isLineBreak(ch)) {
      if (index === 0) leadingBreak = true;
      if (index === last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
  }

  // Plain scalars lose leading/trailing whitespace and are never written over several lines.
  let allowBlockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || lineBreaks);
  // In single quotes, spaces at the start of a line would be eaten by folding.
  let allowSingleQuoted = !breakSpace;
  // Spaces before a break and special characters need double quotes (escapes).
  if (spaceBreak || specialCharacters) {
    allowBlockPlain = false;
    allowSingleQuoted = false;
  }
  if (breakSpace || blockIndicators) allowBlockPlain = false;

  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted };
}
