import { describe, expect, it } from 'vitest';
import { DictVectorizer } from './data/dict-vectorizer.js';
import { Frame, numberColumn, stringColumn } from './data/frame.js';
import { RandomState } from './data/random-state.js';
import { DecisionTreeClassifier } from './learners/decision-tree.js';
import { GradientBoostingClassifier } from './learners/gradient-boosting.js';
import { LinearRegression } from './learners/linear-regression.js';
import { LogisticRegression } from './learners/logistic-regression.js';
import { RandomForestClassifier } from './learners/random-forest.js';
import {
  type FittedModel,
  loadModel,
  MODEL_FORMAT_VERSION,
  ModelFormatError,
  predict,
  saveModel,
  toModelJson,
} from './model-format.js';

const rs = new RandomState(7);
const n = 300;
const frame = new Frame(
  ['color', 'size', 'weight'],
  [
    stringColumn(Array.from({ length: n }, () => ['red', 'green', 'blue'][rs.randint(0, 3)]!)),
    numberColumn(Array.from({ length: n }, () => rs.randomSample() * 10)),
    numberColumn(Array.from({ length: n }, () => rs.randomSample())),
  ],
);
const y = Array.from({ length: n }, (_, i) =>
  (frame.cell('color', i) === 'red' ? 2 : 0) + (frame.cell('size', i) as number) / 3 + rs.randomSample() > 3
    ? 1
    : 0,
);
const dv = DictVectorizer.fit(frame);
const X = dv.transform(frame);

const models: [string, FittedModel][] = [
  ['logistic-regression', LogisticRegression.fit(X, y, { C: 0.5 })],
  ['linear-regression', LinearRegression.fit(X, y, { r: 0.1 })],
  ['decision-tree', DecisionTreeClassifier.fit(X, y, { maxDepth: 4 })],
  ['random-forest', RandomForestClassifier.fit(X, y, { nEstimators: 5, maxDepth: 3, seed: 1 })],
  ['gradient-boosting', GradientBoostingClassifier.fit(X, y, { rounds: 5, maxDepth: 2 })],
];

const direct = (m: FittedModel): Float64Array =>
  m instanceof LinearRegression ? m.predict(X) : m.predictProba(X);

describe('model format', () => {
  it.each(models)('%s round-trips through JSON with identical predictions', (kind, model) => {
    const json = saveModel(model, dv.featureNames, { trainedOn: 'synthetic' });
    const doc = JSON.parse(json);
    expect(doc).toMatchObject({
      format: 'kfp-ts.model',
      version: MODEL_FORMAT_VERSION,
      kind,
      features: dv.featureNames,
    });
    const loaded = loadModel(json);
    expect(loaded.metadata).toEqual({ trainedOn: 'synthetic' });
    expect(loaded.output).toBe(kind === 'linear-regression' ? 'value' : 'probability');
    const expected = Array.from(direct(model));
    expect(Array.from(predict(loaded, X))).toEqual(expected);
    expect(Array.from(predict(json, X))).toEqual(expected);
    // Records and frames are vectorised by the saved feature names.
    expect(Array.from(predict(doc, frame))).toEqual(expected);
    expect(Array.from(predict(loaded, frame.toRecords().slice(0, 3)))).toEqual(expected.slice(0, 3));
  });

  it('accepts number rows in feature order', () => {
    const [, model] = models[0]!;
    const rows = [
      [1, 0, 0, 5, 0.5],
      [0, 0, 1, 1, 0.1],
    ];
    const fromRecords = predict(toModelJson(model, dv.featureNames), [
      { color: 'blue', size: 5, weight: 0.5 },
      { color: 'red', size: 1, weight: 0.1 },
    ]);
    expect(Array.from(predict(toModelJson(model, dv.featureNames), rows))).toEqual(Array.from(fromRecords));
  });

  it('keeps a boosting model of 0 rounds (its base margin)', () => {
    const zero = GradientBoostingClassifier.fit(X, y, { rounds: 0, baseScore: 0.3 });
    expect(Array.from(predict(saveModel(zero, dv.featureNames), [[0, 0, 0, 0, 0]]))).toEqual([
      expect.closeTo(0.3, 12),
    ]);
  });

  it('rejects documents it cannot read', () => {
    const good = toModelJson(models[2]![1], dv.featureNames);
    expect(() => loadModel('{')).toThrow(ModelFormatError);
    expect(() => loadModel({ ...good, format: 'other' })).toThrow(/format/);
    expect(() => loadModel({ ...good, version: MODEL_FORMAT_VERSION + 1 })).toThrow(/newer/);
    expect(() => loadModel({ ...good, kind: 'svm' })).toThrow(/unknown kind/);
    expect(() => loadModel({ ...good, features: ['a'] })).toThrow(/feature/);
    const cyclic = JSON.parse(JSON.stringify(good));
    cyclic.params.tree.left[0] = 0;
    expect(() => loadModel(cyclic)).toThrow(/child/);
    const linear = toModelJson(models[0]![1], dv.featureNames);
    expect(() => loadModel({ ...linear, params: { coef: [1], intercept: 0 } })).toThrow(/coef/);
    expect(() => toModelJson(models[0]![1], ['only-one'])).toThrow(/feature names/);
  });
});
