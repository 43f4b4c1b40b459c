import { describe, expect, it } from 'vitest';
import type { OutputArtifact } from './io-types.js';
import {
  logConfusionMatrix,
  logConfusionMatrixCell,
  logConfusionMatrixRow,
  logMetric,
  logRocCurve,
  logRocDataPoint,
  logSlicedConfusionMatrix,
  logSlicedRocCurve,
  logSlicedRocReading,
  setConfusionMatrixCategories,
} from './metrics.js';

const output = <S extends string>(schemaTitle: S): OutputArtifact<S> => ({
  name: 'metrics',
  schemaTitle,
  uri: 'gs://b/metrics',
  path: '/gcs/b/metrics',
  metadata: {},
});

// kubeflow/pipelines sdk/python/kfp/dsl/types/test_data/expected_io_types_classification_metrics.json
// (produced by ArtifactsTest.test_complex_metrics in artifact_types_test.py).
const KFP_CLASSIFICATION_METRICS = {
  confidenceMetrics: [
    { confidenceThreshold: 0.1, recall: 98.2, falsePositiveRate: 96.2 },
    { confidenceThreshold: 24.3, recall: 24.5, falsePositiveRate: 98.4 },
  ],
  confusionMatrix: {
    annotationSpecs: [{ displayName: 'dog' }, { displayName: 'cat' }, { displayName: 'horses' }],
    rows: [{ row: [2, 6, 0] }, { row: [3, 0, 0] }, { row: [0, 0, 3] }],
  },
  test: 1.0,
};

// ...expected_io_types_bulk_load_classification_metrics.json (test_complex_metrics_bulk_loading).
const KFP_BULK_CLASSIFICATION_METRICS = {
  confidenceMetrics: [
    { confidenceThreshold: 53.6, recall: 52.6, falsePositiveRate: 85.1 },
    { confidenceThreshold: 53.6, recall: 52.6, falsePositiveRate: 85.1 },
    { confidenceThreshold: 53.6, recall: 52.6, falsePositiveRate: 85.1 },
  ],
  confusionMatrix: {
    annotationSpecs: [{ displayName: 'dog' }, { displayName: 'cat' }, { displayName: 'horses' }],
    rows: [{ row: [2, 6, 0] }, { row: [3, 5, 6] }, { row: [5, 7, 8] }],
  },
};

describe('metrics in KFP metadata format', () => {
  it('reproduces KFP test_complex_metrics, key order included', () => {
    const m = output('system.ClassificationMetrics');
    logRocDataPoint(m, { threshold: 0.1, tpr: 98.2, fpr: 96.2 });
    logRocDataPoint(m, { threshold: 24.3, tpr: 24.5, fpr: 98.4 });
    setConfusionMatrixCategories(m, ['dog', 'cat', 'horses']);
    logConfusionMatrixRow(m, 'dog', [2, 6, 0]);
    logConfusionMatrixCell(m, 'cat', 'dog', 3);
    logConfusionMatrixCell(m, 'horses', 'horses', 3);
    m.metadata.test = 1.0;
    expect(m.metadata).toEqual(KFP_CLASSIFICATION_METRICS);
    expect(JSON.stringify(m.metadata)).toBe(JSON.stringify(KFP_CLASSIFICATION_METRICS));
  });

  it('reproduces KFP test_complex_metrics_bulk_loading', () => {
    const m = output('system.ClassificationMetrics');
    logRocCurve(m, { fpr: [85.1, 85.1, 85.1], tpr: [52.6, 52.6, 52.6], thresholds: [53.6, 53.6, 53.6] });
    logConfusionMatrix(
      m,
      ['dog', 'cat', 'horses'],
      [
        [2, 6, 0],
        [3, 5, 6],
        [5, 7, 8],
      ],
    );
    expect(JSON.stringify(m.metadata)).toBe(JSON.stringify(KFP_BULK_CLASSIFICATION_METRICS));
  });

  it('logs scalar metrics as metadata keys', () => {
    const m = output('system.Metrics');
    logMetric(m, 'accuracy', 0.93);
    logMetric(m, 'f1', 0.88);
    logMetric(m, 'accuracy', 0.95);
    expect(m.metadata).toEqual({ accuracy: 0.95, f1: 0.88 });
  });

  it('writes sliced metrics as evaluationSlices, one entry per slice in order of first use', () => {
    const m = output('system.SlicedClassificationMetrics');
    logSlicedRocReading(m, 'us', { threshold: 0.5, tpr: 0.8, fpr: 0.1 });
    logSlicedConfusionMatrix(
      m,
      'eu',
      ['yes', 'no'],
      [
        [5, 1],
        [2, 7],
      ],
    );
    logSlicedRocCurve(m, 'us', { fpr: [0.2], tpr: [0.9], thresholds: [0.3] });
    expect(m.metadata).toEqual({
      evaluationSlices: [
        {
          slice: 'us',
          sliceClassificationMetrics: {
            confidenceMetrics: [
              { confidenceThreshold: 0.5, recall: 0.8, falsePositiveRate: 0.1 },
              { confidenceThreshold: 0.3, recall: 0.9, falsePositiveRate: 0.2 },
            ],
          },
        },
        {
          slice: 'eu',
          sliceClassificationMetrics: {
            confusionMatrix: {
              annotationSpecs: [{ displayName: 'yes' }, { displayName: 'no' }],
              rows: [{ row: [5, 1] }, { row: [2, 7] }],
            },
          },
        },
      ],
    });
  });

  it('keeps other metadata next to the slices', () => {
    const m = output('system.SlicedClassificationMetrics');
    m.metadata.note = 'kept';
    logSlicedRocReading(m, 'all', { threshold: 1, tpr: 0, fpr: 0 });
    expect(Object.keys(m.metadata)).toEqual(['note', 'evaluationSlices']);
  });
});

describe('metrics validation', () => {
  it('rejects ROC lists of different lengths, naming the lengths', () => {
    const m = output('system.ClassificationMetrics');
    expect(() => logRocCurve(m, { fpr: [0, 1], tpr: [0, 1], thresholds: [1] })).toThrow(
      'logRocCurve: fpr, tpr and thresholds must have the same length, got 2, 2 and 1.',
    );
    expect(m.metadata).toEqual({});
  });

  it('rejects Infinity (sklearn roc_curve starts with an inf threshold) and NaN', () => {
    const m = output('system.ClassificationMetrics');
    expect(() => logRocCurve(m, { fpr: [0, 1], tpr: [0, 1], thresholds: [Infinity, 0.5] })).toThrow(
      'logRocCurve: point [0]: threshold must be a finite number, got Infinity',
    );
    expect(() => logMetric(output('system.Metrics'), 'loss', Number.NaN)).toThrow(
      "logMetric: metric 'loss' must be a finite number, got NaN",
    );
    expect(m.metadata).toEqual({});
  });

  it('rejects a matrix whose shape does not match the categories', () => {
    const m = output('system.ClassificationMetrics');
    expect(() => logConfusionMatrix(m, ['a', 'b'], [[1, 2]])).toThrow(
      'logConfusionMatrix: the matrix needs one row per category (2), got 1.',
    );
    expect(() => logConfusionMatrix(m, ['a', 'b'], [[1, 2], [3]])).toThrow(
      "logConfusionMatrix: row 1 ('b') needs 2 values (one per category), got 1.",
    );
    expect(() =>
      logConfusionMatrix(
        m,
        ['a', 'a'],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toThrow("category 'a' appears twice");
    expect(m.metadata).toEqual({});
  });

  it('needs categories before rows and cells, and known category names', () => {
    const m = output('system.ClassificationMetrics');
    expect(() => logConfusionMatrixRow(m, 'dog', [1])).toThrow('call setConfusionMatrixCategories first');
    setConfusionMatrixCategories(m, ['dog', 'cat']);
    expect(() => logConfusionMatrixCell(m, 'dog', 'cow', 1)).toThrow(
      "logConfusionMatrixCell: unknown category 'cow'; the categories are 'dog', 'cat'.",
    );
    expect(() => logConfusionMatrixRow(m, 'cat', [1, 2, 3])).toThrow("row 'cat' needs 2 values");
  });

  it('refuses to write metrics of one type into an artifact of another', () => {
    const model = output('system.Model');
    // @ts-expect-error a Model is not a ClassificationMetrics artifact
    expect(() => logRocDataPoint(model, { fpr: 0, tpr: 0, threshold: 0 })).toThrow(
      "logRocDataPoint writes system.ClassificationMetrics metadata, but artifact 'metrics' is a system.Model.",
    );
    // A plain metadata holder (no schemaTitle) is accepted.
    const holder = { metadata: {} as Record<string, unknown> };
    logMetric(holder, 'x', 1);
    expect(holder.metadata).toEqual({ x: 1 });
  });
});
