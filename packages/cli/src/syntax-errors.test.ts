import { describe, expect, it } from 'vitest';
import { parseSyntaxError } from './syntax-errors.js';

const named = (name: string, message: string, stack?: string) => {
  const error = new Error(message);
  error.name = name;
  if (stack !== undefined) error.stack = stack;
  return error;
};

describe('parseSyntaxError', () => {
  it('reads tsx (esbuild) errors, whose columns are 0-based', () => {
    const error = named(
      'TransformError',
      'Transform failed with 1 error:\n/work/p/pipeline.ts:5:62: ERROR: Unexpected ";"',
    );
    expect(parseSyntaxError(error, '/work')).toEqual({
      file: '/work/p/pipeline.ts',
      line: 5,
      column: 63,
      message: 'Unexpected ";"',
    });
  });

  it('reads vite (oxc) errors, coloured and with a code frame', () => {
    const message =
      'Transform failed with 1 error:\n\n\u001b[31m[PARSE_ERROR] \u001b[0mUnexpected token\n' +
      '   \u001b[38;5;246m╭─[\u001b[0m src/p.ts:5:62 \u001b[38;5;246m]\u001b[0m\n 5 │ const x = ;\n';
    expect(parseSyntaxError(new Error(message), '/work')).toEqual({
      file: '/work/src/p.ts',
      line: 5,
      column: 62,
      message: 'Unexpected token',
    });
  });

  it("reads Node's own SyntaxError (plain JavaScript), which has no column", () => {
    const error = named(
      'SyntaxError',
      "Unexpected token ';'",
      "file:///work/p.mjs:3\nconst x = ;\n\nSyntaxError: Unexpected token ';'",
    );
    expect(parseSyntaxError(error, '/work')).toEqual({
      file: '/work/p.mjs',
      line: 3,
      column: undefined,
      message: "Unexpected token ';'",
    });
  });

  it('leaves other errors alone', () => {
    expect(parseSyntaxError(new TypeError('x is not a function'), '/work')).toBeUndefined();
    expect(parseSyntaxError('a string', '/work')).toBeUndefined();
  });
});
