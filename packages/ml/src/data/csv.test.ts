import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNumber, readCsv, writeCsv } from './csv.js';
import { Frame, numberColumn, stringColumn } from './frame.js';

const data = (name: string): Buffer =>
  readFileSync(new URL(`../../../../examples/data/${name}`, import.meta.url));

describe('readCsv', () => {
  it('types whole columns and reads quoting, CRLF, blank lines and NA markers like pandas', () => {
    // pandas 1.5 gives: a int64 [1,2,3]; b object ['x, y', 'say "hi"', '100']; c float [nan, 3.5, nan];
    // a.1 float [2, nan, 4].
    const df = readCsv('a,b,c,a\r\n1,"x, y",NA,2\r\n\r\n2,"say ""hi""",3.5,\n3,100,null,4\n');
    expect(df.names).toEqual(['a', 'b', 'c', 'a.1']);
    expect(Array.from(df.numbers('a'))).toEqual([1, 2, 3]);
    expect(df.stringValues('b')).toEqual(['x, y', 'say "hi"', '100']);
    expect(Array.from(df.numbers('c'))).toEqual([Number.NaN, 3.5, Number.NaN]);
    expect(Array.from(df.numbers('a.1'))).toEqual([2, Number.NaN, 4]);
    expect(df.cell('c', 0)).toBeNull();
  });

  it('parses numbers as pandas does', () => {
    expect([' 12', '12 ', '+5', '.5', '5.', '1e5', '1E-2', 'inf', '-Infinity'].map(parseNumber)).toEqual([
      12,
      12,
      5,
      0.5,
      5,
      100000,
      0.01,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
    expect(['1_000', '0x10', ' inf', 'NaN ', 'abc', ''].map(parseNumber)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads bytes with a BOM, a missing trailing newline, short rows and forced types', () => {
    const bytes = new TextEncoder().encode('\ufeffid,v\n007,1\n008');
    const df = readCsv(bytes, { types: { id: 'string' } });
    expect(df.stringValues('id')).toEqual(['007', '008']);
    expect(Array.from(df.numbers('v'))).toEqual([1, Number.NaN]);
    expect(() => readCsv('a\n1,2\n')).toThrow(/2 fields/);
    expect(() => readCsv('a\n"open\n')).toThrow(/unterminated/);
    expect(readCsv('').names).toEqual([]);
  });

  it('reads the course data sets with the shapes and missing counts pandas reports', () => {
    const churn = readCsv(data('WA_Fn-UseC_-Telco-Customer-Churn.csv'));
    expect([churn.rowCount, churn.names.length]).toEqual([7043, 21]);
    // TotalCharges has 11 blank (" ") cells, so pandas (and we) keep it as text.
    expect(churn.column('TotalCharges').kind).toBe('string');
    expect(churn.stringValues('TotalCharges').filter((v) => v === ' ')).toHaveLength(11);
    expect(churn.column('SeniorCitizen').kind).toBe('number');

    const car = readCsv(data('data.csv'));
    expect([car.rowCount, car.names.length]).toEqual([11914, 16]);
    const missing = (name: string): number => {
      const c = car.column(name);
      return c.kind === 'number' ? c.values.filter(Number.isNaN).length : c.codes.filter((k) => k < 0).length;
    };
    expect(
      ['Engine Fuel Type', 'Engine HP', 'Engine Cylinders', 'Number of Doors', 'Market Category'].map(
        missing,
      ),
    ).toEqual([3, 69, 30, 6, 3742]);
    // Model names like "100" stay strings in a string column.
    expect(car.stringValues('Model')).toContain('100');
    expect(car.cell('Market Category', 0)).toBe('Factory Tuner,Luxury,High-Performance');

    const credit = readCsv(data('CreditScoring.csv'));
    expect([credit.rowCount, credit.names.length]).toEqual([4455, 14]);
    expect(credit.numbers('Income').filter((v) => v === 99999999)).toHaveLength(34);
  });
});

describe('writeCsv', () => {
  it('round-trips numbers, missing values and strings that need quoting', () => {
    const df = new Frame(
      ['x', 'name', 'n'],
      [
        numberColumn([0.1 + 0.2, Number.NaN, -1e-300]),
        stringColumn(['a,b', null, 'say "hi"']),
        numberColumn([1, 2, 3]),
      ],
    );
    const back = readCsv(writeCsv(df));
    expect(Array.from(back.numbers('x'))).toEqual([0.1 + 0.2, Number.NaN, -1e-300]);
    expect(back.stringValues('name')).toEqual(['a,b', null, 'say "hi"']);
    expect(writeCsv(df).split('\n')[1]).toBe('0.30000000000000004,"a,b",1');
  });

  it('round-trips the churn data', () => {
    const churn = readCsv(data('WA_Fn-UseC_-Telco-Customer-Churn.csv'));
    const back = readCsv(writeCsv(churn));
    expect(back.names).toEqual(churn.names);
    for (const name of churn.names) {
      const c = churn.column(name);
      if (c.kind === 'number') expect(Array.from(back.numbers(name))).toEqual(Array.from(c.values));
      else expect(back.stringValues(name)).toEqual(churn.stringValues(name));
    }
  });
});
