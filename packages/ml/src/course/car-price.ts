/**
 * Chapter 2 of the course (car prices, linear regression on the log price) and the chapter 3
 * homework (is the price above average?), prepared as the notebooks do.
 */
import { courseClean, fillMissing } from '../data/clean.js';
import { type Frame, valueCounts } from '../data/frame.js';
import { type DenseMatrix, denseMatrix } from '../data/matrix.js';

/** `base` in notebook 02. */
export const CAR_BASE = ['engine_hp', 'engine_cylinders', 'highway_mpg', 'city_mpg', 'popularity'] as const;

/** The categorical columns whose top-5 training values notebook 02 one-hot encodes. */
export const CAR_CATEGORICAL = [
  'make',
  'model',
  'engine_fuel_type',
  'driven_wheels',
  'market_category',
  'vehicle_size',
  'vehicle_style',
] as const;

/** The year the notebook measures a car's age from. */
export const CAR_REFERENCE_YEAR = 2017;

/** Lower-case names and string values with underscores (the notebook's first cells). */
export function prepareCarPrice(raw: Frame): Frame {
  return courseClean(raw);
}

/** `np.log1p(df.msrp)`. */
export function logPrice(df: Frame): Float64Array {
  return Float64Array.from(df.numbers('msrp'), Math.log1p);
}

/**
 * Notebook 02's final `prepare_X`: base numeric features, `age = 2017 - year`, `num_doors_{2,3,4}`
 * indicators, and indicators of the five most frequent training values of each categorical column;
 * missing values are 0. Fitted on the training split (the top-5 lists), applied to any split.
 */
export class CarPriceFeatures {
  private constructor(readonly categories: ReadonlyMap<string, readonly string[]>) {}

  /** `categorical[c] = list(df_train[c].value_counts().head().index)` for each column. */
  static fit(train: Frame, topK = 5): CarPriceFeatures {
    const categories = new Map<string, readonly string[]>();
    for (const c of CAR_CATEGORICAL) {
      categories.set(
        c,
        valueCounts(train.strings(c))
          .slice(0, topK)
          .map((v) => v.value),
      );
    }
    return new CarPriceFeatures(categories);
  }

  /** Column names, in the notebook's order (`make_chevrolet`, ...). */
  get featureNames(): string[] {
    const names: string[] = [...CAR_BASE, 'age', 'num_doors_2', 'num_doors_3', 'num_doors_4'];
    for (const [c, values] of this.categories) for (const v of values) names.push(`${c}_${v}`);
    return names;
  }

  transform(df: Frame): DenseMatrix {
    const names = this.featureNames;
    const p = names.length;
    const n = df.rowCount;
    const X = denseMatrix(n, p);
    const put = (j: number, values: ArrayLike<number>): void => {
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        X.data[i * p + j] = Number.isNaN(v) ? 0 : v;
      }
    };
    let j = 0;
    for (const c of CAR_BASE) put(j++, df.numbers(c));
    put(
      j++,
      Float64Array.from(df.numbers('year'), (y) => CAR_REFERENCE_YEAR - y),
    );
    const doors = df.numbers('number_of_doors');
    for (const d of [2, 3, 4])
      put(
        j++,
        Float64Array.from(doors, (v) => (v === d ? 1 : 0)),
      );
    for (const [c, values] of this.categories) {
      const col = df.strings(c);
      for (const v of values) {
        const code = col.levels.indexOf(v);
        put(
          j++,
          Float64Array.from(col.codes, (k) => (k >= 0 && k === code ? 1 : 0)),
        );
      }
    }
    return X;
  }
}

/** The columns the chapter 3 homework keeps (its `features` list, minus the price). */
export const CAR_CLASSIFICATION_FEATURES = [
  'make',
  'model',
  'year',
  'engine_hp',
  'engine_cylinders',
  'transmission_type',
  'vehicle_style',
  'highway_mpg',
  'city_mpg',
] as const;

/**
 * The homework's preparation: the kept columns plus `msrp`, with missing `engine_hp` and
 * `engine_cylinders` as 0.
 */
export function prepareCarClassification(clean: Frame): Frame {
  let df = clean.select([...CAR_CLASSIFICATION_FEATURES, 'msrp']);
  df = fillMissing(df, 'engine_hp', 0);
  return fillMissing(df, 'engine_cylinders', 0);
}

/** `above_average = (msrp >= mean)`, with the mean taken where the caller says (the training split). */
export function aboveAverage(df: Frame, mean: number): Float64Array {
  return Float64Array.from(df.numbers('msrp'), (v) => (v >= mean ? 1 : 0));
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}
