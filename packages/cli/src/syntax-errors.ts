import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a syntax error is, 1-based. */
export interface SyntaxErrorReport {
  file: string;
  line: number;
  /** Unknown for Node's own SyntaxError, whose stack names only the line. */
  column: number | undefined;
  message: string;
}

// ANSI colour codes: the parser under vitest (oxc) colours its code frames.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the ESC character is the point.
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Reads the location and message out of the error a TypeScript/JavaScript parser threw while the
 * user's module loaded, or undefined when `error` is no syntax error. Three producers:
 * - tsx (esbuild), the real CLI: `Transform failed with 1 error:\n/abs/file.ts:3:17: ERROR: Expected ";"`,
 *   columns 0-based;
 * - vite (oxc), when the CLI runs inside vitest: `[PARSE_ERROR] Unexpected token` plus a code frame
 *   headed `[ relative/file.ts:3:18 ]`, columns 1-based;
 * - Node itself, for plain JavaScript: a `SyntaxError` whose stack starts with `file:///abs/file.js:3`.
 */
export function parseSyntaxError(error: unknown, cwd: string): SyntaxErrorReport | undefined {
  if (!(error instanceof Error)) return undefined;
  const text = error.message.replace(ANSI, '');
  const esbuild = /^(.+?):(\d+):(\d+): ERROR: (.+)$/m.exec(text);
  if (error.name === 'TransformError' || (esbuild && text.startsWith('Transform failed'))) {
    if (!esbuild) return { file: '', line: 0, column: undefined, message: firstLine(text) };
    const [, file, line, column, message] = esbuild;
    return {
      file: path.resolve(cwd, file!),
      line: Number(line),
      column: Number(column) + 1,
      message: message!,
    };
  }
  const oxc = /\[([A-Z_]*ERROR)\]\s*(?:Error:\s*)?(.+)/.exec(text);
  if (oxc) {
    const at = /\[\s*(.+?):(\d+):(\d+)\s*\]/.exec(text);
    return {
      file: at ? path.resolve(cwd, at[1]!) : '',
      line: at ? Number(at[2]) : 0,
      column: at ? Number(at[3]) : undefined,
      message: oxc[2]!.trim(),
    };
  }
  if (error.name === 'SyntaxError') {
    const at = /^(\S+):(\d+)$/m.exec(error.stack ?? '');
    const file = at ? (at[1]!.startsWith('file:') ? fileURLToPath(at[1]!) : at[1]!) : '';
    return { file, line: at ? Number(at[2]) : 0, column: undefined, message: firstLine(text) };
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '' && !line.startsWith('Transform failed')) ?? text;
}
