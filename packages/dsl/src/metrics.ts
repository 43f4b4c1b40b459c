/**
 * Metrics helpers: pure functions that write KFP's metrics format into an output artifact's
 * `metadata`, which the executor puts into the ExecutorOutput; the Vertex AI and KFP consoles
 * render it (scalar table, ROC curve, confusion matrix). The JSON shapes are those of the Python
 * SDK's `Metrics`, `ClassificationMetrics` and `SlicedClassificationMetrics`
 * (kfp/dsl/types/artifact_types.py); the tests compare against its expected files.
 *
 * Numbers must be finite: JSON has no NaN or Infinity (`JSON.stringify` would silently write
 * `null`), so they are rejected here, where the mistake is made, rather than in the console.
 */

/** An output artifact, or anything with the metadata a helper writes to. */
export interface MetricsTarget<S extends string> {
  readonly name?: string;
  /** When present (an `OutputArtifact`), it must be the type the helper writes for. */
  readonly schemaTitle?: S;
  metadata: Record<string, unknown>;
}

export interface RocCurve {
  /** False positive rates, one per threshold. */
  readonly fpr: readonly number[];
  /** True positive rates (recall), one per threshold. */
  readonly tpr: readonly number[];
  readonly thresholds: readonly number[];
}

export interface RocPoint {
  readonly fpr: number;
  readonly tpr: number;
  readonly threshold: number;
}

interface ConfusionMatrixJson {
  annotationSpecs: { displayName: string }[];
  rows: { row: number[] }[];
}

interface EvaluationSlice {
  slice: string;
  sliceClassificationMetrics: Record<string, unknown>;
}

/** `Metrics.log_metric`: one scalar, `metadata[name] = value` (e.g. `{ accuracy: 0.93 }`). */
export function logMetric(metrics: MetricsTarget<'system.Metrics'>, name: string, value: number): void {
  checkTarget(metrics, 'system.Metrics', 'logMetric');
  if (typeof name !== 'string' || name === '')
    throw new TypeError('logMetric: the metric name must be a non-empty string.');
  metrics.metadata[name] = finite(value, `logMetric: metric '${name}'`);
}

/** `ClassificationMetrics.log_roc_data_point`: appends one point to `confidenceMetrics`. */
export function logRocDataPoint(
  classificationMetrics: MetricsTarget<'system.ClassificationMetrics'>,
  point: RocPoint,
): void {
  checkTarget(classificationMetrics, 'system.ClassificationMetrics', 'logRocDataPoint');
  appendRoc(classificationMetrics.metadata, [rocReading(point, 'logRocDataPoint')]);
}

/** `ClassificationMetrics.log_roc_curve`: appends one point per threshold to `confidenceMetrics`. */
export function logRocCurve(
  classificationMetrics: MetricsTarget<'system.ClassificationMetrics'>,
  curve: RocCurve,
): void {
  checkTarget(classificationMetrics, 'system.ClassificationMetrics', 'logRocCurve');
  appendRoc(classificationMetrics.metadata, rocReadings(curve, 'logRocCurve'));
}

/**
 * `ClassificationMetrics.set_confusion_matrix_categories`: starts an all-zero matrix over the
 * categories (rows are true labels, columns predicted labels).
 */
export function setConfusionMatrixCategories(
  classificationMetrics: MetricsTarget<'system.ClassificationMetrics'>,
  categories: readonly string[],
): void {
  checkTarget(classificationMetrics, 'system.ClassificationMetrics', 'setConfusionMatrixCategories');
  classificationMetrics.metadata.confusionMatrix = emptyMatrix(categories, 'setConfusionMatrixCategories');
}

/** `ClassificationMetrics.log_confusion_matrix_row`: replaces the row of one category. */
export function logConfusionMatrixRow(
  classificationMetrics: MetricsTarget<'system.ClassificationMetrics'>,
  rowCategory: string,
  row: readonly number[],
): void {
  const what = 'logConfusionMatrixRow';
  checkTarget(classificationMetrics, 'system.ClassificationMetrics', what);
  const matrix = currentMatrix(classificationMetrics.metadata, what);
  const index = categoryIndex(matrix, rowCategory, what);
  matrix.rows[index] = {
    row: matrixRow(row, matrix.annotationSpecs.length, `${what}: row '${rowCategory}'`),
  };
}

/** `ClassificationMetrics.log_confusion_matrix_cell`: sets one cell (true `rowCategory`, predicted `columnCategory`). */
export function logConfusionMatrixCell(
  classificationMetrics: MetricsTarget<'system.ClassificationMetrics'>,
  rowCategory: string,
  columnCategory: string,
  value: number,
): void {
  const what = 'logConfusionMatrixCell';
  checkTarget(classificationMetrics, 'system.ClassificationMetrics', what);
  const matrix = currentMatrix(classificationMetrics.metadata, what);
  const row = categoryIndex(matrix, rowCategory, what);
  const column = categoryIndex(matrix, columnCategory, what);
  matrix.rows[row]!.row[column] = finite(value, `${what}: cell ('${rowCategory}', '${columnCategory}')`);
}

/**
 * `ClassificationMetrics.log_confusion_matrix`: the whole matrix at once; `matrix[i][j]` counts
 * items of true category `categories[i]` predicted as `categories[j]`.
 */
export function logConfusionMatrix(
  classificationMetrics: MetricsTarget<'system.ClassificationMetrics'>,
  categories: readonly string[],
  matrix: readonly (readonly number[])[],
): void {
  checkTarget(classificationMetrics, 'system.ClassificationMetrics', 'logConfusionMatrix');
  classificationMetrics.metadata.confusionMatrix = fullMatrix(categories, matrix, 'logConfusionMatrix');
}

/** `SlicedClassificationMetrics.log_roc_reading`: one ROC point of one slice. */
export function logSlicedRocReading(
  slicedMetrics: MetricsTarget<'system.SlicedClassificationMetrics'>,
  slice: string,
  point: RocPoint,
): void {
  const what = 'logSlicedRocReading';
  checkTarget(slicedMetrics, 'system.SlicedClassificationMetrics', what);
  const reading = rocReading(point, what);
  appendRoc(sliceMetrics(slicedMetrics.metadata, slice, what), [reading]);
}

/** `SlicedClassificationMetrics.load_roc_readings`: a whole ROC curve of one slice. */
export function logSlicedRocCurve(
  slicedMetrics: MetricsTarget<'system.SlicedClassificationMetrics'>,
  slice: string,
  curve: RocCurve,
): void {
  const what = 'logSlicedRocCurve';
  checkTarget(slicedMetrics, 'system.SlicedClassificationMetrics', what);
  const readings = rocReadings(curve, what);
  appendRoc(sliceMetrics(slicedMetrics.metadata, slice, what), readings);
}

/** `SlicedClassificationMetrics.load_confusion_matrix`: the confusion matrix of one slice. */
export function logSlicedConfusionMatrix(
  slicedMetrics: MetricsTarget<'system.SlicedClassificationMetrics'>,
  slice: string,
  categories: readonly string[],
  matrix: readonly (readonly number[])[],
): void {
  const what = 'logSlicedConfusionMatrix';
  checkTarget(slicedMetrics, 'system.SlicedClassificationMetrics', what);
  const confusionMatrix = fullMatrix(categories, matrix, what);
  sliceMetrics(slicedMetrics.metadata, slice, what).confusionMatrix = confusionMatrix;
}

function checkTarget(target: MetricsTarget<string>, schemaTitle: string, what: string): void {
  if (
    typeof target !== 'object' ||
    target === null ||
    typeof target.metadata !== 'object' ||
    target.metadata === null
  ) {
    throw new TypeError(`${what}: expected an output artifact with metadata, got ${String(target)}.`);
  }
  if (target.schemaTitle !== undefined && target.schemaTitle !== schemaTitle) {
    const name = target.name ? ` '${target.name}'` : '';
    throw new TypeError(
      `${what} writes ${schemaTitle} metadata, but artifact${name} is a ${target.schemaTitle}.`,
    );
  }
}

function finite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(
      `${what} must be a finite number, got ${describe(value)} (JSON has no NaN or Infinity).`,
    );
  }
  return value;
}

function rocReading(point: RocPoint, what: string) {
  // Key order as KFP writes it.
  return {
    confidenceThreshold: finite(point?.threshold, `${what}: threshold`),
    recall: finite(point?.tpr, `${what}: tpr`),
    falsePositiveRate: finite(point?.fpr, `${what}: fpr`),
  };
}

function rocReadings(curve: RocCurve, what: string) {
  const { fpr, tpr, thresholds } = curve ?? ({} as RocCurve);
  if (!Array.isArray(fpr) || !Array.isArray(tpr) || !Array.isArray(thresholds)) {
    throw new TypeError(`${what}: fpr, tpr and thresholds must be arrays of numbers.`);
  }
  if (fpr.length !== tpr.length || fpr.length !== thresholds.length) {
    throw new RangeError(
      `${what}: fpr, tpr and thresholds must have the same length, got ${fpr.length}, ${tpr.length} and ${thresholds.length}.`,
    );
  }
  return fpr.map((_, i) =>
    rocReading({ fpr: fpr[i]!, tpr: tpr[i]!, threshold: thresholds[i]! }, `${what}: point [${i}]`),
  );
}

function appendRoc(metadata: Record<string, unknown>, readings: object[]): void {
  const existing = metadata.confidenceMetrics;
  metadata.confidenceMetrics = Array.isArray(existing) ? [...existing, ...readings] : readings;
}

function checkCategories(categories: readonly string[], what: string): void {
  if (!Array.isArray(categories) || categories.length === 0) {
    throw new TypeError(`${what}: categories must be a non-empty array of strings.`);
  }
  const seen = new Set<string>();
  for (const category of categories) {
    if (typeof category !== 'string')
      throw new TypeError(`${what}: category ${describe(category)} is not a string.`);
    // A repeated category would make rows and columns ambiguous.
    if (seen.has(category)) throw new RangeError(`${what}: category '${category}' appears twice.`);
    seen.add(category);
  }
}

function emptyMatrix(categories: readonly string[], what: string): ConfusionMatrixJson {
  checkCategories(categories, what);
  return {
    annotationSpecs: categories.map((displayName) => ({ displayName })),
    rows: categories.map(() => ({ row: categories.map(() => 0) })),
  };
}

function fullMatrix(
  categories: readonly string[],
  matrix: readonly (readonly number[])[],
  what: string,
): ConfusionMatrixJson {
  const result = emptyMatrix(categories, what);
  if (!Array.isArray(matrix) || matrix.length !== categories.length) {
    throw new RangeError(
      `${what}: the matrix needs one row per category (${categories.length}), got ${Array.isArray(matrix) ? matrix.length : describe(matrix)}.`,
    );
  }
  result.rows = matrix.map((row, i) => ({
    row: matrixRow(row, categories.length, `${what}: row ${i} ('${categories[i]}')`),
  }));
  return result;
}

function matrixRow(row: readonly number[], size: number, what: string): number[] {
  if (!Array.isArray(row) || row.length !== size) {
    throw new RangeError(
      `${what} needs ${size} values (one per category), got ${Array.isArray(row) ? row.length : describe(row)}.`,
    );
  }
  return row.map((value, j) => finite(value, `${what}, column ${j}`));
}

function currentMatrix(metadata: Record<string, unknown>, what: string): ConfusionMatrixJson {
  const matrix = metadata.confusionMatrix as ConfusionMatrixJson | undefined;
  if (!matrix || !Array.isArray(matrix.annotationSpecs) || !Array.isArray(matrix.rows)) {
    throw new Error(`${what}: no confusion matrix yet; call setConfusionMatrixCategories first.`);
  }
  return matrix;
}

function categoryIndex(matrix: ConfusionMatrixJson, category: string, what: string): number {
  const names = matrix.annotationSpecs.map((spec) => spec.displayName);
  const index = names.indexOf(category);
  if (index < 0) {
    throw new RangeError(
      `${what}: unknown category '${category}'; the categories are ${names.map((n) => `'${n}'`).join(', ')}.`,
    );
  }
  return index;
}

/** The ClassificationMetrics metadata of one slice, created (in order of first use) when new. */
function sliceMetrics(
  metadata: Record<string, unknown>,
  slice: string,
  what: string,
): Record<string, unknown> {
  if (typeof slice !== 'string' || slice === '')
    throw new TypeError(`${what}: the slice must be a non-empty string.`);
  const existing = metadata.evaluationSlices;
  const slices: EvaluationSlice[] = Array.isArray(existing) ? existing : [];
  metadata.evaluationSlices = slices;
  let entry = slices.find((s) => s.slice === slice);
  if (!entry) {
    entry = { slice, sliceClassificationMetrics: {} };
    slices.push(entry);
  }
  return entry.sliceClassificationMetrics;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}
