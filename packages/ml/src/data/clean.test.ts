import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { courseClean, fillMissing, indicator, mapCodes, replaceWithMissing, toNumeric } from './clean.js';
import { readCsv } from './csv.js';
import { Frame, numberColumn, stringColumn, valueCounts } from './frame.js';

describe('course cleaning', () => {
  it('lower-cases names and values with underscores, merging values that become equal', () => {
    const df = courseClean(
      new Frame(
        ['Engine HP', 'Model'],
        [numberColumn([1, 2, 3]), stringColumn(['1 Series', '1 series', null])],
      ),
    );
    expect(df.names).toEqual(['engine_hp', 'model']);
    expect(df.strings('model').levels).toEqual(['1_series']);
    expect(df.stringValues('model')).toEqual(['1_series', '1_series', null]);
  });

  it('gives the car data the value counts notebook 02 prints', () => {
    const car = courseClean(
      readCsv(readFileSync(new URL('../../../../examples/data/data.csv', import.meta.url))),
    );
    const distinct = (c: string): number => valueCounts(car.strings(c)).length;
    // df.nunique(): 914 models after lower-casing (915 before), 48 makes, 71 market categories.
    expect([
      distinct('make'),
      distinct('model'),
      distinct('market_category'),
      distinct('vehicle_style'),
    ]).toEqual([48, 914, 71, 16]);
    expect(car.cell('engine_fuel_type', 0)).toBe('premium_unleaded_(required)');
  });

  it('coerces text to numbers as pd.to_numeric(errors=...) does', () => {
    const df = new Frame(['t'], [stringColumn(['29.85', '_', null, '1889.5'])]);
    expect(Array.from(toNumeric(df, 't').numbers('t'))).toEqual([29.85, Number.NaN, Number.NaN, 1889.5]);
    expect(Array.from(toNumeric(df, 't', { errors: 0 }).numbers('t'))).toEqual([29.85, 0, 0, 1889.5]);
    expect(() => toNumeric(df, 't', { errors: 'raise' })).toThrow(/'_'/);
  });

  it('maps codes, sentinels and indicators', () => {
    const df = new Frame(['home', 'income'], [numberColumn([1, 2, 0, 7]), numberColumn([5, 99999999, 3, 1])]);
    const mapped = mapCodes(df, 'home', { 1: 'rent', 2: 'owner', 0: 'unk' });
    expect(mapped.stringValues('home')).toEqual(['rent', 'owner', 'unk', null]);
    expect(Array.from(indicator(mapped, 'home', 'owner'))).toEqual([0, 1, 0, 0]);
    const income = replaceWithMissing(df, 'income', 99999999);
    expect(Array.from(fillMissing(income, 'income', 0).numbers('income'))).toEqual([5, 0, 3, 1]);
    expect(fillMissing(mapped, 'home', 'other').stringValues('home')).toEqual([
      'rent',
      'owner',
      'unk',
      'other',
    ]);
    expect(() => fillMissing(mapped, 'home', 0)).toThrow(/string column/);
  });
});
