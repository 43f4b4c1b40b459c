import { describe, expect, it } from 'vitest';
import { DictVectorizer } from './dict-vectorizer.js';
import { Frame, numberColumn, stringColumn } from './frame.js';
import { rowOf, toDense } from './matrix.js';

// The first three rows of notebook 03's df_train[['contract', 'tenure', 'monthlycharges']].
const small = new Frame(
  ['contract', 'tenure', 'monthlycharges'],
  [
    stringColumn(['two_year', 'month-to-month', 'month-to-month']),
    numberColumn([72, 10, 5]),
    numberColumn([115.5, 95.25, 75.55]),
  ],
);

describe('DictVectorizer', () => {
  it("names features as scikit-learn's get_feature_names_out (notebook 03's dv_small)", () => {
    const dv = DictVectorizer.fit(small);
    expect(dv.featureNames).toEqual([
      'contract=month-to-month',
      'contract=two_year',
      'monthlycharges',
      'tenure',
    ]);
    const X = dv.transform(small);
    expect(X.kind).toBe('csr');
    expect(Array.from(rowOf(X, 0))).toEqual([0, 1, 115.5, 72]);
    expect(Array.from(toDense(dv.transform(small, { sparse: false })).data.slice(4, 8))).toEqual([
      1, 0, 95.25, 10,
    ]);
  });

  it('ignores unseen values and unknown columns, keeps NaN numbers, skips missing strings', () => {
    const dv = DictVectorizer.fit(small, ['contract', 'tenure']);
    const other = new Frame(
      ['contract', 'tenure', 'id'],
      [stringColumn(['one_year', null]), numberColumn([3, Number.NaN]), stringColumn(['x', 'y'])],
    );
    const X = dv.transform(other);
    expect(Array.from(rowOf(X, 0))).toEqual([0, 0, 3]);
    expect(Array.from(rowOf(X, 1))).toEqual([0, 0, Number.NaN]);
  });

  it('vectorises records and rebuilds from feature names', () => {
    const dv = DictVectorizer.fromFeatureNames(['a=x', 'a=y', 'b', 'c']);
    const X = dv.transformRecords([
      { c: 2, a: 'y', b: null, z: 1 },
      { a: 'q', b: true },
    ]);
    expect(Array.from(rowOf(X, 0))).toEqual([0, 1, 0, 2]);
    expect(Array.from(rowOf(X, 1))).toEqual([0, 0, 1, 0]);
    expect(Array.from(X.indices)).toEqual([1, 3, 2]);
  });

  it('sorts names by code point, as Python does', () => {
    const df = new Frame(['k'], [stringColumn(['b', 'B', 'a', 'é', '_'])]);
    expect(DictVectorizer.fit(df).featureNames).toEqual(['k=B', 'k=_', 'k=a', 'k=b', 'k=é']);
  });
});
