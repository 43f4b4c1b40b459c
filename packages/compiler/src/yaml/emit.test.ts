// Expected texts recorded from PyYAML 6.0.3 `yaml.dump` / `yaml.dump_all` with `sort_keys=True`.
import { describe, expect, it } from 'vitest';
import { emitKfpYaml, emitKfpYamlDocuments, INT32_FIELDS } from './emit.js';

describe('block layout, as PyYAML', () => {
  it('writes empty containers in flow style', () => {
    expect(emitKfpYaml({})).toBe('{}\n');
    expect(emitKfpYaml([])).toBe('[]\n');
  });

  it('starts nested collections on the "- " line and does not indent sequences under keys', () => {
    expect(emitKfpYaml(['a', ['b', 'c'], { d: 1, e: [] }, [], [[]], {}])).toBe(
      '- a\n- - b\n  - c\n- d: 1.0\n  e: []\n- []\n- - []\n- {}\n',
    );
    expect(emitKfpYaml({ a: [[1, 2], { b: {} }], c: { d: [{ e: null, f: true }, [{ g: false }]] } })).toBe(
      'a:\n- - 1.0\n  - 2.0\n- b: {}\nc:\n  d:\n  - e: null\n    f: true\n  - - g: false\n',
    );
  });

  it('ends a stream whose root is a plain scalar with "..."', () => {
    expect(emitKfpYaml('abc')).toBe('abc\n...\n');
    expect(emitKfpYaml(null)).toBe('null\n...\n');
    expect(emitKfpYaml('1')).toBe("'1'\n");
  });

  it('separates documents with "---"', () => {
    expect(emitKfpYamlDocuments([{ a: 1 }, 'x', { b: [] }])).toBe('a: 1.0\n--- x\n---\nb: []\n');
  });

  it('writes empty, multi-line and long keys as complex keys', () => {
    const doc = { '': { a: 1 }, ['k'.repeat(123)]: ['x', 'w'], 'a\nb': [], z: { '': null } };
    expect(emitKfpYaml(doc)).toBe(
      `? ''\n: a: 1.0\n? 'a\n\n  b'\n: []\n? ${'k'.repeat(123)}\n: - x\n  - w\nz:\n  ? ''\n  : null\n`,
    );
  });
});

describe('keys', () => {
  it('sorts keys by code point, like Python', () => {
    const keys = ['b', 'B', 'a', '_', 'comp-a-2', 'comp-a', 'comp-b', 'é', '\uff01', '😀', '10', '9'];
    expect(emitKfpYaml(Object.fromEntries(keys.map((key) => [key, 1])))).toBe(
      "'10': 1.0\n'9': 1.0\nB: 1.0\n_: 1.0\na: 1.0\nb: 1.0\ncomp-a: 1.0\ncomp-a-2: 1.0\ncomp-b: 1.0\n" +
        '"\\xE9": 1.0\n"\\uFF01": 1.0\n"\\U0001F600": 1.0\n',
    );
  });

  it('skips keys whose value is undefined, as JSON does', () => {
    expect(emitKfpYaml({ a: undefined, b: 1 })).toBe('b: 1.0\n');
    expect(emitKfpYaml({ a: undefined })).toBe('{}\n');
  });
});

describe('numbers', () => {
  it('writes int32 fields as integers and every other number as a float', () => {
    const doc = {
      retryPolicy: { maxRetryCount: 3, backoffFactor: 2, backoffDuration: '0s' },
      iteratorPolicy: { parallelismLimit: 2 },
    };
    expect(emitKfpYaml(doc)).toBe(
      'iteratorPolicy:\n  parallelismLimit: 2\nretryPolicy:\n  backoffDuration: 0s\n  backoffFactor: 2.0\n  maxRetryCount: 3\n',
    );
    expect([...INT32_FIELDS].sort()).toEqual(['maxRetryCount', 'parallelismLimit']);
  });

  it('accepts other int32 field names and bigint values', () => {
    expect(emitKfpYaml({ a: 4, b: 4 }, { int32Fields: new Set(['a']) })).toBe('a: 4\nb: 4.0\n');
    expect(emitKfpYaml({ big: 12345678901234567890n })).toBe('big: 12345678901234567890\n');
  });

  it('still writes a non-integral number in an int32 field as a float', () => {
    expect(emitKfpYaml({ maxRetryCount: 1.5 })).toBe('maxRetryCount: 1.5\n');
  });
});

describe('determinism', () => {
  const build = (reverse: boolean): unknown => {
    const entries: [string, unknown][] = [
      ['zeta', { b: 1, a: [1, 'x'] }],
      ['alpha', 'text'],
      ['mid', { y: null, x: true }],
    ];
    const ordered = reverse ? [...entries].reverse() : entries;
    return Object.fromEntries(
      ordered.map(([key, value]) => [
        key,
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(reverse ? Object.entries(value).reverse() : Object.entries(value))
          : value,
      ]),
    );
  };

  it('gives the same bytes whatever the key insertion order', () => {
    expect(emitKfpYaml(build(true))).toBe(emitKfpYaml(build(false)));
  });

  it('gives the same bytes on every call', () => {
    const doc = build(false);
    expect(emitKfpYaml(doc)).toBe(emitKfpYaml(doc));
  });

  it('writes a shared object in full each time, never as an alias', () => {
    const shared = { schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' };
    expect(emitKfpYaml({ a: shared, b: shared })).toBe(
      'a:\n  schemaTitle: system.Dataset\n  schemaVersion: 0.0.1\nb:\n  schemaTitle: system.Dataset\n  schemaVersion: 0.0.1\n',
    );
  });
});

describe('values that are not JSON-like', () => {
  it('rejects cycles, class instances, functions and undefined items', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => emitKfpYaml(cyclic)).toThrow(/cyclic/);
    expect(() => emitKfpYaml({ when: new Date(0) })).toThrow(/Date/);
    expect(() => emitKfpYaml({ f: () => 1 })).toThrow(/function/);
    expect(() => emitKfpYaml([undefined])).toThrow(/undefined/);
  });
});
