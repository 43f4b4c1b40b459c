import { BRAND, hasBrand } from './brand.js';

/**
 * An artifact type: the `schemaTitle`/`schemaVersion` pair KFP writes as `artifactType`. The title
 * is kept as a literal type parameter so that a `Dataset` and a `Model` are different types to
 * TypeScript, which is what makes miswiring a compile error.
 */
export interface ArtifactType<S extends string = string> {
  readonly [BRAND]: 'artifact-type';
  readonly schemaTitle: S;
  readonly schemaVersion: string;
}

export function isArtifactType(value: unknown): value is ArtifactType {
  return hasBrand(value, 'artifact-type');
}

/**
 * Declares an artifact type. Built-in titles live under `system.` and Google's under `google.`;
 * user-defined types take any dotted title, e.g. `defineArtifactType('acme.Embeddings')`.
 */
export function defineArtifactType<const S extends string>(
  schemaTitle: S,
  schemaVersion = '0.0.1',
): ArtifactType<S> {
  if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)+$/.test(schemaTitle)) {
    throw new TypeError(
      `Artifact type title ${JSON.stringify(schemaTitle)} is not a dotted name like 'acme.Embeddings'.`,
    );
  }
  if (!/^\d+\.\d+\.\d+$/.test(schemaVersion)) {
    throw new TypeError(
      `Artifact type ${schemaTitle}: schemaVersion ${JSON.stringify(schemaVersion)} is not x.y.z.`,
    );
  }
  return Object.freeze({ [BRAND]: 'artifact-type' as const, schemaTitle, schemaVersion });
}

/** The generic artifact: accepts, and is accepted by, every other artifact type (as in KFP). */
export const Artifact = defineArtifactType('system.Artifact');
export const Dataset = defineArtifactType('system.Dataset');
export const Model = defineArtifactType('system.Model');
/** Scalar metrics; the values live in the artifact's metadata. */
export const Metrics = defineArtifactType('system.Metrics');
/** ROC curve and confusion matrix in metadata, rendered by the Vertex and KFP consoles. */
export const ClassificationMetrics = defineArtifactType('system.ClassificationMetrics');
export const SlicedClassificationMetrics = defineArtifactType('system.SlicedClassificationMetrics');
export const HTML = defineArtifactType('system.HTML');
export const Markdown = defineArtifactType('system.Markdown');

/** Artifact types of Google Cloud Pipeline Components, understood by Vertex AI. */
export const google = {
  VertexModel: defineArtifactType('google.VertexModel'),
  VertexEndpoint: defineArtifactType('google.VertexEndpoint'),
  VertexBatchPredictionJob: defineArtifactType('google.VertexBatchPredictionJob'),
  VertexDataset: defineArtifactType('google.VertexDataset'),
  BQMLModel: defineArtifactType('google.BQMLModel'),
  BQTable: defineArtifactType('google.BQTable'),
  UnmanagedContainerModel: defineArtifactType('google.UnmanagedContainerModel'),
  ClassificationMetrics: defineArtifactType('google.ClassificationMetrics'),
  RegressionMetrics: defineArtifactType('google.RegressionMetrics'),
  ForecastingMetrics: defineArtifactType('google.ForecastingMetrics'),
} as const;

export type GenericArtifactTitle = 'system.Artifact';
