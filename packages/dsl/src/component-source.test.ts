import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { definedHere, makeComponent } from './__fixtures__/defined-here.js';

const fixture = fileURLToPath(new URL('./__fixtures__/defined-here.ts', import.meta.url));

describe('component() records the module that defines it', () => {
  it('is the file of the first stack frame outside the DSL (a path, not a file:// URL)', () => {
    expect(definedHere.definition.source).toEqual({ file: fixture });
  });

  it('is the file that called component(), even when called through a helper in that file', () => {
    expect(makeComponent('made').definition.source?.file).toBe(fixture);
  });

  it('leaves the caller alone: Error.prepareStackTrace and stackTraceLimit are restored', () => {
    const before = [Error.prepareStackTrace, Error.stackTraceLimit];
    makeComponent('again');
    expect([Error.prepareStackTrace, Error.stackTraceLimit]).toEqual(before);
  });
});
