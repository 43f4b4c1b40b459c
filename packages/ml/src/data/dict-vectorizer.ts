/**
 * scikit-learn's `DictVectorizer` on Frames: a number column is one feature named after the column
 * (its value passes through), a string column is one-hot encoded as `column=value` features (1 when
 * the row holds that value). The vocabulary is the sorted set of names seen while fitting; at
 * transform time unseen values and unknown columns are ignored, as in scikit-learn.
 *
 * One deliberate difference: a missing string cell produces no feature. In pandas it is NaN, which
 * DictVectorizer would turn into a numeric feature `column` holding NaN, a value no learner accepts;
 * the course always fills missing values before vectorising, so its results are unaffected.
 */
import type { Cell, Frame } from './frame.js';
import type { CsrMatrix, Matrix } from './matrix.js';
import { toDense } from './matrix.js';

export const SEPARATOR = '=';

export class DictVectorizer {
  /** Feature names in column order (sorted, as with scikit-learn's default `sort=True`). */
  readonly featureNames: readonly string[];
  private readonly vocabulary: ReadonlyMap<string, number>;

  private constructor(featureNames: readonly string[]) {
    this.featureNames = featureNames;
    this.vocabulary = new Map(featureNames.map((n, i) => [n, i]));
    if (this.vocabulary.size !== featureNames.length)
      throw new Error('DictVectorizer: duplicate feature names');
  }

  /** Learns the vocabulary from the given columns of a frame (default: all of them). */
  static fit(frame: Frame, columns: readonly string[] = frame.names): DictVectorizer {
    const names = new Set<string>();
    for (const name of columns) {
      const c = frame.column(name);
      if (c.kind === 'number') {
        if (frame.rowCount > 0) names.add(name);
        continue;
      }
      const used = new Uint8Array(c.levels.length);
      for (let i = 0; i < c.codes.length; i++) {
        const code = c.codes[i]!;
        if (code >= 0) used[code] = 1;
      }
      for (let l = 0; l < used.length; l++) if (used[l]) names.add(`${name}${SEPARATOR}${c.levels[l]!}`);
    }
    return new DictVectorizer([...names].sort(compareCodePoints));
  }

  /** A vectorizer with a known vocabulary (e.g. a saved model's feature names). */
  static fromFeatureNames(featureNames: readonly string[]): DictVectorizer {
    return new DictVectorizer(featureNames);
  }

  get size(): number {
    return this.featureNames.length;
  }

  indexOf(feature: string): number {
    return this.vocabulary.get(feature) ?? -1;
  }

  /**
   * Rows of the frame as feature vectors, sparse (CSR) by default. Columns of the frame that the
   * vocabulary does not know are ignored, so the frame may carry extra columns (ids, targets).
   */
  transform(frame: Frame, options: { sparse?: boolean } = {}): Matrix {
    const n = frame.rowCount;
    // One plan per vectorised column: a number column feeds one feature; a string column maps
    // each level to a feature (or -1).
    const plans: Plan[] = [];
    for (const name of frame.names) {
      const c = frame.column(name);
      if (c.kind === 'number') {
        const j = this.indexOf(name);
        if (j >= 0)
          plans.push({ min: j, max: j, feature: j, values: c.values, codes: null, levelFeature: null });
        continue;
      }
      const levelFeature = new Int32Array(c.levels.length);
      let min = Number.POSITIVE_INFINITY;
      let max = -1;
      for (let l = 0; l < c.levels.length; l++) {
        const j = this.indexOf(`${name}${SEPARATOR}${c.levels[l]!}`);
        levelFeature[l] = j;
        if (j >= 0) {
          min = Math.min(min, j);
          max = Math.max(max, j);
        }
      }
      if (max >= 0) plans.push({ min, max, feature: -1, values: null, codes: c.codes, levelFeature });
    }
    // Plans in feature order: a column's features are contiguous in the sorted vocabulary (they
    // share the `column=` prefix), so filling plan by plan leaves every row's columns ascending.
    plans.sort((a, b) => a.min - b.min);
    let ordered = true;
    for (let k = 1; k < plans.length; k++) if (plans[k]!.min <= plans[k - 1]!.max) ordered = false;
    // Row lengths, then column-by-column filling with a cursor per row.
    const indptr = new Int32Array(n + 1);
    for (const plan of plans) countEntries(plan, indptr);
    for (let i = 0; i < n; i++) indptr[i + 1]! += indptr[i]!;
    const nnz = indptr[n]!;
    const indices = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    const cursor = indptr.slice(0, n);
    for (const plan of plans) fillEntries(plan, cursor, indices, values);
    if (!ordered) for (let i = 0; i < n; i++) sortRow(indices, values, indptr[i]!, indptr[i + 1]!);
    const csr: CsrMatrix = { kind: 'csr', rows: n, cols: this.size, indptr, indices, values };
    return options.sparse === false ? toDense(csr) : csr;
  }

  /** `fit` then `transform` on the same frame. */
  static fitTransform(
    frame: Frame,
    columns?: readonly string[],
    options?: { sparse?: boolean },
  ): { vectorizer: DictVectorizer; X: Matrix } {
    const vectorizer = DictVectorizer.fit(frame, columns);
    const X = vectorizer.transform(columns ? frame.select(columns) : frame, options);
    return { vectorizer, X };
  }

  /**
   * Row objects as feature vectors (scikit-learn's input form): a string value v of key k sets
   * `k=v` to 1, a number sets feature k; null/undefined and unknown names are skipped.
   */
  transformRecords(records: readonly Readonly<Record<string, Cell | boolean | undefined>>[]): CsrMatrix {
    const indptr = new Int32Array(records.length + 1);
    const idx: number[] = [];
    const vals: number[] = [];
    records.forEach((rec, i) => {
      const start = idx.length;
      for (const [k, v] of Object.entries(rec)) {
        let j = -1;
        let x = 1;
        if (typeof v === 'string') j = this.indexOf(`${k}${SEPARATOR}${v}`);
        else if (typeof v === 'number' || typeof v === 'boolean') {
          j = this.indexOf(k);
          x = Number(v);
        }
        if (j >= 0) {
          idx.push(j);
          vals.push(x);
        }
      }
      const indices = Int32Array.from(idx.slice(start));
      const values = Float64Array.from(vals.slice(start));
      sortRow(indices, values, 0, indices.length);
      for (let t = 0; t < indices.length; t++) {
        idx[start + t] = indices[t]!;
        vals[start + t] = values[t]!;
      }
      indptr[i + 1] = idx.length;
    });
    return {
      kind: 'csr',
      rows: records.length,
      cols: this.size,
      indptr,
      indices: Int32Array.from(idx),
      values: Float64Array.from(vals),
    };
  }
}

interface Plan {
  /** Smallest and largest feature index the column feeds. */
  readonly min: number;
  readonly max: number;
  /** Number column: its feature and values. */
  readonly feature: number;
  readonly values: Float64Array | null;
  /** String column: codes and the feature of each level (-1 = not in the vocabulary). */
  readonly codes: Int32Array | null;
  readonly levelFeature: Int32Array | null;
}

/** Adds each row's entry count of one column to counts[i + 1]. */
function countEntries(plan: Plan, counts: Int32Array): void {
  const n = counts.length - 1;
  if (plan.codes === null) {
    for (let i = 0; i < n; i++) counts[i + 1]!++;
    return;
  }
  const { codes, levelFeature } = plan;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c >= 0 && levelFeature![c]! >= 0) counts[i + 1]!++;
  }
}

/** Writes one column's entries at each row's cursor. */
function fillEntries(plan: Plan, cursor: Int32Array, indices: Int32Array, values: Float64Array): void {
  const n = cursor.length;
  if (plan.codes === null) {
    const v = plan.values!;
    const j = plan.feature;
    for (let i = 0; i < n; i++) {
      const at = cursor[i]!++;
      indices[at] = j;
      values[at] = v[i]!;
    }
    return;
  }
  const { codes, levelFeature } = plan;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c < 0) continue;
    const j = levelFeature![c]!;
    if (j < 0) continue;
    const at = cursor[i]!++;
    indices[at] = j;
    values[at] = 1;
  }
}

/** Python's `sorted` order for strings (code points), which differs from UTF-16 order only for astral characters. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Insertion sort of one row's entries by column (rows hold a few dozen entries). */
function sortRow(indices: Int32Array, values: Float64Array, start: number, end: number): void {
  for (let a = start + 1; a < end; a++) {
    const j = indices[a]!;
    const v = values[a]!;
    let b = a - 1;
    while (b >= start && indices[b]! > j) {
      indices[b + 1] = indices[b]!;
      values[b + 1] = values[b]!;
      b--;
    }
    indices[b + 1] = j;
    values[b + 1] = v;
  }
}
