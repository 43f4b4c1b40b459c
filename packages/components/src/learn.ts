/**
 * The work behind the components, as plain functions over frames (no KFP here): fitting a
 * classifier on a prepared dataset, scoring it, and the classification metrics in KFP's format.
 */
import { performance } from 'node:perf_hooks';
import { logConfusionMatrix, logMetric, logRocCurve } from '@kfp-ts/dsl';
import {
  accuracy,
  confusionMatrix,
  DecisionTreeClassifier,
  type DictVectorizer,
  type FittedModel,
  type Frame,
  GradientBoostingClassifier,
  LogisticRegression,
  type Matrix,
  type ModelJson,
  RandomForestClassifier,
  rocAucScore,
  rocCurve,
  threshold,
  toModelJson,
} from '@kfp-ts/ml';
import type { ArtifactOut } from './io.js';
import { designMatrix, fittedVectorizer } from './memo.js';

export type ClassifierSpec =
  | { kind: 'logistic_regression'; c: number }
  | { kind: 'decision_tree'; max_depth: number; min_samples_leaf: number }
  | { kind: 'random_forest'; n_estimators: number; max_depth: number; min_samples_leaf: number; seed: number }
  | { kind: 'gradient_boosting'; eta: number; max_depth: number; min_child_weight: number; rounds: number };

export interface Fitted {
  readonly model: FittedModel;
  readonly vectorizer: DictVectorizer;
  /** Wall time of vectorising (unless this process already had the matrix) + fitting, in seconds. */
  readonly fitSeconds: number;
}

/** One-hot features (DictVectorizer over `features`) and a learner, fitted on `train`. */
export function fitClassifier(
  train: Frame,
  target: string,
  features: readonly string[],
  spec: ClassifierSpec,
): Fitted {
  const start = performance.now();
  const vectorizer = fittedVectorizer(train, features);
  const y = train.numbers(target);
  let model: FittedModel;
  switch (spec.kind) {
    case 'logistic_regression':
      model = LogisticRegression.fit(designMatrix(vectorizer, train, true), y, { C: spec.c });
      break;
    case 'decision_tree':
      model = DecisionTreeClassifier.fit(treeInput(vectorizer, train), y, {
        maxDepth: spec.max_depth,
        minSamplesLeaf: spec.min_samples_leaf,
      });
      break;
    case 'random_forest':
      model = RandomForestClassifier.fit(treeInput(vectorizer, train), y, {
        nEstimators: spec.n_estimators,
        maxDepth: spec.max_depth,
        minSamplesLeaf: spec.min_samples_leaf,
        seed: spec.seed,
      });
      break;
    case 'gradient_boosting':
      model = GradientBoostingClassifier.fit(treeInput(vectorizer, train), y, {
        eta: spec.eta,
        maxDepth: spec.max_depth,
        minChildWeight: spec.min_child_weight,
        rounds: spec.rounds,
      });
      break;
  }
  return { model, vectorizer, fitSeconds: (performance.now() - start) / 1000 };
}

/**
 * The matrix a tree learner gets: one-hot data with many columns stays sparse (the trees read a
 * sparse column's entries, not its zeros); mostly non-zero data is dense, which trees walk faster.
 */
function treeInput(vectorizer: DictVectorizer, frame: Frame): Matrix {
  const sparse = designMatrix(vectorizer, frame, true);
  const density = sparse.kind === 'csr' ? sparse.indices.length / Math.max(1, sparse.rows * sparse.cols) : 1;
  return density < DENSE_ABOVE ? sparse : designMatrix(vectorizer, frame, false);
}

/** Share of non-zero cells above which tree learners get a dense matrix. */
const DENSE_ABOVE = 0.25;

/** P(y = 1) of each row of `frame`. */
export function scores(fitted: Fitted, frame: Frame): Float64Array {
  const { model, vectorizer } = fitted;
  if (model instanceof LogisticRegression) return model.predictProba(designMatrix(vectorizer, frame, true));
  if (
    model instanceof DecisionTreeClassifier ||
    model instanceof RandomForestClassifier ||
    model instanceof GradientBoostingClassifier
  ) {
    return model.predictProba(treeInput(vectorizer, frame));
  }
  throw new Error('scores: not a classifier');
}

/** ROC AUC of a fitted classifier on `frame`. */
export function aucOn(fitted: Fitted, frame: Frame, target: string): number {
  return rocAucScore(frame.numbers(target), scores(fitted, frame));
}

/** The model document, with what it was fitted with. */
export function modelJson(
  fitted: Fitted,
  spec: ClassifierSpec,
  metadata: Record<string, unknown> = {},
): ModelJson {
  return toModelJson(fitted.model, fitted.vectorizer.featureNames, {
    ...spec,
    fit_seconds: fitted.fitSeconds,
    ...metadata,
  });
}

/** At most `max` points of a curve, evenly spaced, always keeping the first and last. */
export function thin(length: number, max: number): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (max - 1);
  const picked = new Set<number>();
  for (let k = 0; k < max; k++) picked.add(Math.round(k * step));
  return [...picked].sort((a, b) => a - b);
}

export interface ClassificationReport {
  readonly auc: number;
  readonly accuracy: number;
  readonly confusion: [[number, number], [number, number]];
}

/**
 * Writes KFP's ClassificationMetrics (ROC curve, at most 200 points; confusion matrix at
 * `decisionThreshold`, categories '0' and '1') and, when given, scalar Metrics (auc, accuracy,
 * rows). The ROC's first point has threshold +Infinity, which JSON cannot carry: it is written
 * as 1, which for probabilities means the same (no row predicted positive).
 */
export function reportClassification(
  y: ArrayLike<number>,
  proba: ArrayLike<number>,
  decisionThreshold: number,
  classificationMetrics: ArtifactOut,
  metrics?: ArtifactOut,
): ClassificationReport {
  const auc = rocAucScore(y, proba);
  const predicted = threshold(proba, decisionThreshold);
  const acc = accuracy(y, predicted);
  const confusion = confusionMatrix(y, predicted);
  const curve = rocCurve(y, proba);
  const keep = thin(curve.fpr.length, 200);
  const pick = (values: ArrayLike<number>) => keep.map((i) => values[i]!);
  logRocCurve(classificationMetrics, {
    fpr: pick(curve.fpr),
    tpr: pick(curve.tpr),
    thresholds: pick(curve.thresholds).map((t) => (Number.isFinite(t) ? t : 1)),
  });
  logConfusionMatrix(
    classificationMetrics,
    ['0', '1'],
    confusion.map((row) => [...row]),
  );
  if (metrics) {
    logMetric(metrics, 'auc', auc);
    logMetric(metrics, 'accuracy', acc);
    logMetric(metrics, 'rows', y.length);
  }
  return { auc, accuracy: acc, confusion };
}
