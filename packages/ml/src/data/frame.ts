/**
 * A column-wise table: each column is a typed array, never an array of row objects.
 *
 * - number columns are `Float64Array`s, with NaN for a missing value (pandas' convention);
 * - string columns are dictionary-encoded: `codes: Int32Array` index into `levels`, -1 is missing.
 *   Cleaning (lower-casing, ...) then touches each distinct value once, and one-hot encoding reads
 *   integer codes instead of hashing strings.
 *
 * Frames are immutable by convention: operations return new frames that share untouched columns.
 */

export interface NumberColumn {
  readonly kind: 'number';
  readonly values: Float64Array;
}

export interface StringColumn {
  readonly kind: 'string';
  /** Index into `levels` per row; -1 for a missing value. */
  readonly codes: Int32Array;
  /** Distinct values (no duplicates); may hold values no row uses after a row selection. */
  readonly levels: readonly string[];
}

export type Column = NumberColumn | StringColumn;

export function numberColumn(values: Float64Array | readonly number[]): NumberColumn {
  return { kind: 'number', values: values instanceof Float64Array ? values : Float64Array.from(values) };
}

/** A string column from values; null/undefined are missing. */
export function stringColumn(values: readonly (string | null | undefined)[]): StringColumn {
  const index = new Map<string, number>();
  const levels: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = levels.length;
      levels.push(v);
      index.set(v, c);
    }
    codes[i] = c;
  }
  return { kind: 'string', codes, levels };
}

export function columnLength(column: Column): number {
  return column.kind === 'number' ? column.values.length : column.codes.length;
}

/** A cell as a plain value: number, string, or null when missing. */
export type Cell = number | string | null;

export class Frame {
  readonly names: readonly string[];
  readonly columns: readonly Column[];
  readonly rowCount: number;
  private readonly byName: Map<string, number>;

  constructor(names: readonly string[], columns: readonly Column[]) {
    if (names.length !== columns.length) throw new Error('Frame: names and columns differ in length');
    this.names = names;
    this.columns = columns;
    this.byName = new Map(names.map((n, i) => [n, i]));
    if (this.byName.size !== names.length)
      throw new Error(`Frame: duplicate column names in ${names.join(', ')}`);
    this.rowCount = columns.length === 0 ? 0 : columnLength(columns[0]!);
    for (let i = 0; i < columns.length; i++) {
      if (columnLength(columns[i]!) !== this.rowCount) {
        throw new Error(
          `Frame: column ${names[i]} has ${columnLength(columns[i]!)} rows, expected ${this.rowCount}`,
        );
      }
    }
  }

  /** A frame from named columns, in the object's key order. */
  static fromColumns(columns: Record<string, Column>): Frame {
    return new Frame(Object.keys(columns), Object.values(columns));
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  column(name: string): Column {
    const i = this.byName.get(name);
    if (i === undefined) throw new Error(`Frame: no column '${name}' (columns: ${this.names.join(', ')})`);
    return this.columns[i]!;
  }

  /** The values of a number column (NaN = missing). */
  numbers(name: string): Float64Array {
    const c = this.column(name);
    if (c.kind !== 'number') throw new Error(`Frame: column '${name}' holds strings, not numbers`);
    return c.values;
  }

  /** A string column (codes + levels). */
  strings(name: string): StringColumn {
    const c = this.column(name);
    if (c.kind !== 'string') throw new Error(`Frame: column '${name}' holds numbers, not strings`);
    return c;
  }

  /** One cell as a plain value. */
  cell(name: string, row: number): Cell {
    const c = this.column(name);
    if (c.kind === 'number') {
      const v = c.values[row]!;
      return Number.isNaN(v) ? null : v;
    }
    const code = c.codes[row]!;
    return code < 0 ? null : c.levels[code]!;
  }

  /** The string values of a column, null for missing (for display and tests, not hot loops). */
  stringValues(name: string): (string | null)[] {
    const c = this.strings(name);
    return Array.from(c.codes, (code) => (code < 0 ? null : c.levels[code]!));
  }

  /** Rows at the given positions, in that order (pandas `iloc[indices]` + `reset_index`). */
  take(indices: ArrayLike<number>): Frame {
    const n = indices.length;
    const columns = this.columns.map((c): Column => {
      if (c.kind === 'number') {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = c.values[indices[i]!]!;
        return { kind: 'number', values: out };
      }
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = c.codes[indices[i]!]!;
      return { kind: 'string', codes: out, levels: c.levels };
    });
    return new Frame(this.names, columns);
  }

  /** Rows where `keep(row)` is true. */
  filter(keep: (row: number) => boolean): Frame {
    const idx: number[] = [];
    for (let i = 0; i < this.rowCount; i++) if (keep(i)) idx.push(i);
    return this.take(idx);
  }

  /** The named columns, in the given order. */
  select(names: readonly string[]): Frame {
    return new Frame(
      names,
      names.map((n) => this.column(n)),
    );
  }

  /** Every column except the named ones (unknown names are an error, as `del df[c]`). */
  drop(names: readonly string[]): Frame {
    for (const n of names) this.column(n);
    const dropped = new Set(names);
    const keep = this.names.filter((n) => !dropped.has(n));
    return this.select(keep);
  }

  /** Replaces or appends a column. */
  withColumn(name: string, column: Column): Frame {
    if (columnLength(column) !== this.rowCount && this.columns.length > 0) {
      throw new Error(
        `Frame.withColumn: '${name}' has ${columnLength(column)} rows, expected ${this.rowCount}`,
      );
    }
    const i = this.byName.get(name);
    if (i === undefined) return new Frame([...this.names, name], [...this.columns, column]);
    const columns = this.columns.slice();
    columns[i] = column;
    return new Frame(this.names, columns);
  }

  /** Renames columns by a function (e.g. the course's lower-case / underscore convention). */
  renameColumns(rename: (name: string) => string): Frame {
    return new Frame(this.names.map(rename), this.columns);
  }

  /** Rows of several frames with the same columns, one after the other (`pd.concat`). */
  static concat(frames: readonly Frame[]): Frame {
    if (frames.length === 0) throw new Error('Frame.concat: no frames');
    const first = frames[0]!;
    const total = frames.reduce((s, f) => s + f.rowCount, 0);
    const columns = first.names.map((name, ci): Column => {
      const kind = first.columns[ci]!.kind;
      if (kind === 'number') {
        const out = new Float64Array(total);
        let o = 0;
        for (const f of frames) {
          out.set(f.numbers(name), o);
          o += f.rowCount;
        }
        return { kind: 'number', values: out };
      }
      // Levels are merged; codes of later frames are translated into the merged dictionary.
      const index = new Map<string, number>();
      const levels: string[] = [];
      const out = new Int32Array(total);
      let o = 0;
      for (const f of frames) {
        const c = f.strings(name);
        const map = c.levels.map((v) => {
          let code = index.get(v);
          if (code === undefined) {
            code = levels.length;
            levels.push(v);
            index.set(v, code);
          }
          return code;
        });
        for (let i = 0; i < c.codes.length; i++) {
          const code = c.codes[i]!;
          out[o++] = code < 0 ? -1 : map[code]!;
        }
      }
      return { kind: 'string', codes: out, levels };
    });
    return new Frame(first.names, columns);
  }

  /** Row objects (for display, JSON and tests; the learners never use these). */
  toRecords(names: readonly string[] = this.names): Record<string, Cell>[] {
    const out: Record<string, Cell>[] = [];
    for (let r = 0; r < this.rowCount; r++) {
      const rec: Record<string, Cell> = {};
      for (const n of names) rec[n] = this.cell(n, r);
      out.push(rec);
    }
    return out;
  }

  /** A frame from row objects; a column is numeric when every non-missing value is a number. */
  static fromRecords(records: readonly Record<string, Cell | undefined>[], names?: readonly string[]): Frame {
    const cols = names ?? [...new Set(records.flatMap((r) => Object.keys(r)))];
    return new Frame(
      cols,
      cols.map((name): Column => {
        const values = records.map((r) => r[name] ?? null);
        if (values.every((v) => v === null || typeof v === 'number')) {
          return numberColumn(values.map((v) => (v === null ? Number.NaN : (v as number))));
        }
        return stringColumn(values.map((v) => (v === null ? null : String(v))));
      }),
    );
  }
}

/** Distinct non-missing values of a string column with their counts, most frequent first. */
export function valueCounts(column: StringColumn): { value: string; count: number }[] {
  const counts = new Float64Array(column.levels.length);
  const firstSeen = new Int32Array(column.levels.length).fill(-1);
  for (let i = 0; i < column.codes.length; i++) {
    const c = column.codes[i]!;
    if (c < 0) continue;
    if (counts[c] === 0) firstSeen[c] = i;
    counts[c]!++;
  }
  const out: { value: string; count: number; first: number }[] = [];
  for (let c = 0; c < counts.length; c++) {
    if (counts[c]! > 0) out.push({ value: column.levels[c]!, count: counts[c]!, first: firstSeen[c]! });
  }
  // Ties keep first-appearance order, which is what pandas' value_counts shows in practice.
  out.sort((a, b) => b.count - a.count || a.first - b.first);
  return out.map(({ value, count }) => ({ value, count }));
}
