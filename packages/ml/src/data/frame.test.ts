import { describe, expect, it } from 'vitest';
import { Frame, numberColumn, stringColumn, valueCounts } from './frame.js';

const df = new Frame(['x', 's'], [numberColumn([1, 2, Number.NaN, 4]), stringColumn(['a', 'b', 'a', null])]);

describe('Frame', () => {
  it('selects, filters, concatenates and converts rows', () => {
    expect(df.take([3, 0]).toRecords()).toEqual([
      { x: 4, s: null },
      { x: 1, s: 'a' },
    ]);
    expect(df.filter((i) => df.cell('s', i) === 'a').rowCount).toBe(2);
    expect(df.select(['s']).names).toEqual(['s']);
    expect(df.drop(['x']).names).toEqual(['s']);
    expect(() => df.drop(['nope'])).toThrow(/no column/);
    const other = new Frame(['x', 's'], [numberColumn([9]), stringColumn(['c'])]);
    const both = Frame.concat([df, other]);
    expect(both.rowCount).toBe(5);
    expect(both.stringValues('s')).toEqual(['a', 'b', 'a', null, 'c']);
    expect(Frame.fromRecords(df.toRecords()).toRecords()).toEqual(df.toRecords());
  });

  it('checks shapes and types', () => {
    expect(() => new Frame(['a', 'a'], [numberColumn([1]), numberColumn([2])])).toThrow(/duplicate/);
    expect(() => new Frame(['a', 'b'], [numberColumn([1]), numberColumn([2, 3])])).toThrow(/rows/);
    expect(() => df.numbers('s')).toThrow(/strings/);
    expect(() => df.strings('x')).toThrow(/numbers/);
  });

  it('counts values most frequent first, ties in order of appearance', () => {
    expect(valueCounts(stringColumn(['b', 'a', 'a', 'c', 'b', null, 'd']))).toEqual([
      { value: 'b', count: 2 },
      { value: 'a', count: 2 },
      { value: 'c', count: 1 },
      { value: 'd', count: 1 },
    ]);
  });
});
