import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pyyamlTags } from './pyyaml-schema.js';

const read = (text: string): unknown => parse(text, { version: '1.1', customTags: pyyamlTags });

describe("PyYAML's scalar resolution", () => {
  it('reads the YAML 1.1 booleans PyYAML knows, and not y/n', () => {
    expect(read('[yes, No, ON, off, True, FALSE, y, n, Y, N]')).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      'y',
      'n',
      'Y',
      'N',
    ]);
  });

  it('reads floats only with a dot (and a signed exponent)', () => {
    expect(read('[1.5, 1.0e+3, .5, 1e3, 1e-3, 1.0e3, -.inf, .NaN, 1_000.5, "1.5"]')).toEqual([
      1.5,
      1000,
      0.5,
      '1e3',
      '1e-3',
      '1.0e3',
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      1000.5,
      '1.5',
    ]);
  });

  it('reads YAML 1.1 integers: octal, hex, binary, base 60, underscores', () => {
    expect(read('[010, 0x1F, 0b101, 1:30, 1_000, -7, 0, 09]')).toEqual([8, 31, 5, 90, 1000, -7, 0, '09']);
  });

  it('keeps dates as text, and reads null as PyYAML does', () => {
    expect(read('[2021-01-01, ~, null, Null]')).toEqual(['2021-01-01', null, null, null]);
  });
});
