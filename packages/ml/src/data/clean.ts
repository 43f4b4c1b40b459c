/**
 * The course's cleaning conventions, as column operations on a Frame.
 *
 * The notebooks do `df.columns = df.columns.str.lower().str.replace(' ', '_')` and the same to every
 * string (object) column's values, then coerce text columns that should be numbers with
 * `pd.to_numeric(errors='coerce')` (+ `fillna(0)` for the churn data's blank `TotalCharges`).
 */
import { parseNumber } from './csv.js';
import type { Column, Frame, StringColumn } from './frame.js';

/** Lower-case, spaces to underscores: the course's normalisation of names and values. */
export function normalizeText(s: string): string {
  return s.toLowerCase().replaceAll(' ', '_');
}

/** Column names lower-cased with spaces as underscores. */
export function normalizeColumnNames(frame: Frame): Frame {
  return frame.renameColumns(normalizeText);
}

/**
 * Maps every value of a string column (each distinct value once); values that map to the same
 * result are merged into one level, as they would compare equal in pandas afterwards.
 */
export function mapLevels(column: StringColumn, fn: (value: string) => string): StringColumn {
  const index = new Map<string, number>();
  const levels: string[] = [];
  const remap = column.levels.map((v) => {
    const mapped = fn(v);
    let code = index.get(mapped);
    if (code === undefined) {
      code = levels.length;
      levels.push(mapped);
      index.set(mapped, code);
    }
    return code;
  });
  const codes = new Int32Array(column.codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = column.codes[i]!;
    codes[i] = c < 0 ? -1 : remap[c]!;
  }
  return { kind: 'string', codes, levels };
}

/** String values lower-cased with spaces as underscores, in every string column (or the named ones). */
export function normalizeStrings(frame: Frame, names?: readonly string[]): Frame {
  const targets = names ?? frame.names.filter((n) => frame.column(n).kind === 'string');
  let out = frame;
  for (const name of targets) out = out.withColumn(name, mapLevels(frame.strings(name), normalizeText));
  return out;
}

/** Both of the course's normalisations: column names, then string values. */
export function courseClean(frame: Frame): Frame {
  return normalizeStrings(normalizeColumnNames(frame));
}

export interface ToNumericOptions {
  /**
   * What a value that is not a number becomes: `'missing'` (NaN, `errors='coerce'`), a number
   * (`errors='coerce'` then `fillna(value)`), or `'raise'` (an error naming the value).
   */
  readonly errors?: 'missing' | 'raise' | number;
}

/**
 * `pd.to_numeric(df[name], errors=...)`: a string column to numbers. Missing values stay missing
 * unless `errors` is a number, which fills both failures and missing values (as the course's
 * `to_numeric(errors='coerce')` followed by `fillna(0)` does). A number column is returned as is
 * (with its missing values filled when `errors` is a number).
 */
export function toNumeric(frame: Frame, name: string, options: ToNumericOptions = {}): Frame {
  const errors = options.errors ?? 'missing';
  const fill = typeof errors === 'number' ? errors : Number.NaN;
  const column = frame.column(name);
  let values: Float64Array;
  if (column.kind === 'number') {
    values = column.values.slice();
  } else {
    const parsed = column.levels.map((v) => {
      const x = parseNumber(v);
      if (x === undefined && errors === 'raise')
        throw new Error(`toNumeric: '${v}' in column '${name}' is not a number`);
      return x ?? Number.NaN;
    });
    values = new Float64Array(column.codes.length);
    for (let i = 0; i < values.length; i++) {
      const c = column.codes[i]!;
      values[i] = c < 0 ? Number.NaN : parsed[c]!;
    }
  }
  if (!Number.isNaN(fill))
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) values[i] = fill;
  return frame.withColumn(name, { kind: 'number', values });
}

/**
 * `df[name].fillna(value)`: missing numbers (NaN) become `value` in number columns. For a string
 * column `value` must be a string (pandas would mix types; the learners cannot use that).
 */
export function fillMissing(frame: Frame, name: string, value: number | string): Frame {
  const column = frame.column(name);
  if (column.kind === 'number') {
    if (typeof value !== 'number') throw new Error(`fillMissing: '${name}' is a number column`);
    const values = column.values.slice();
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) values[i] = value;
    return frame.withColumn(name, { kind: 'number', values });
  }
  if (typeof value !== 'string')
    throw new Error(`fillMissing: '${name}' is a string column; fill it with a string`);
  let code = column.levels.indexOf(value);
  const levels = code < 0 ? [...column.levels, value] : column.levels;
  if (code < 0) code = levels.length - 1;
  const codes = column.codes.map((c) => (c < 0 ? code : c));
  return frame.withColumn(name, { kind: 'string', codes, levels });
}

/** `fillna(0)` on every number column (string columns are left alone). */
export function fillMissingNumbers(frame: Frame, value = 0): Frame {
  let out = frame;
  for (const name of frame.names)
    if (frame.column(name).kind === 'number') out = fillMissing(out, name, value);
  return out;
}

/** `df[name].replace(from, NaN)`: a sentinel number (the credit data's 99999999) to missing. */
export function replaceWithMissing(frame: Frame, name: string, sentinel: number): Frame {
  const values = frame.numbers(name).slice();
  for (let i = 0; i < values.length; i++) if (values[i] === sentinel) values[i] = Number.NaN;
  return frame.withColumn(name, { kind: 'number', values });
}

/**
 * `df[name].map(mapping)` for a coded number column: each code becomes its name; codes absent from
 * the mapping become missing, as in pandas.
 */
export function mapCodes(frame: Frame, name: string, mapping: Readonly<Record<number, string>>): Frame {
  const values = frame.numbers(name);
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const label = mapping[values[i]!];
    if (label === undefined) {
      codes[i] = -1;
      continue;
    }
    let c = index.get(label);
    if (c === undefined) {
      c = levels.length;
      levels.push(label);
      index.set(label, c);
    }
    codes[i] = c;
  }
  const column: Column = { kind: 'string', codes, levels };
  return frame.withColumn(name, column);
}

/** A 0/1 number column: 1 where a string column equals `positive` (`(df.churn == 'yes').astype(int)`). */
export function indicator(frame: Frame, name: string, positive: string): Float64Array {
  const c = frame.strings(name);
  const code = c.levels.indexOf(positive);
  const out = new Float64Array(c.codes.length);
  if (code >= 0) for (let i = 0; i < out.length; i++) out[i] = c.codes[i] === code ? 1 : 0;
  return out;
}
