/**
 * How the components exchange data. A Dataset is a CSV file (`writeCsv`/`readCsv` of @kfp-ts/ml,
 * numbers in shortest round-trip form, so a frame survives the trip exactly) whose artifact
 * metadata describes it:
 *
 * | key            | meaning                                                                       |
 * | -------------- | ----------------------------------------------------------------------------- |
 * | `rows`         | number of data rows                                                           |
 * | `column_types` | `{ column: 'number' \| 'string' }`, forced on read (a text column whose values all look like numbers stays text) |
 * | `target`       | the label column (0/1 for classification) when the dataset is prepared        |
 * | `features`     | the DictVectorizer input columns when the dataset is prepared                 |
 *
 * A Model is the ml package's JSON model format (`kfp-ts.model`, version 1) in a file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  type Frame,
  type LoadedModel,
  loadModel,
  type ModelJson,
  readCsv as parseCsv,
  writeCsv,
} from '@kfp-ts/ml';
import { parsedFile } from './memo.js';

/** An input artifact as a component's `run` receives it. */
export interface ArtifactIn {
  readonly path: string;
  readonly uri?: string;
  readonly metadata: Record<string, unknown>;
}

/** An output artifact: write `path`, fill `metadata`. */
export interface ArtifactOut {
  readonly path: string;
  metadata: Record<string, unknown>;
}

/** What a prepared dataset says about itself (artifact metadata). */
export interface DatasetInfo {
  readonly target?: string;
  readonly features?: readonly string[];
  /** Anything else to carry along (e.g. fitted preprocessing that must travel with the data). */
  readonly extra?: Record<string, unknown>;
}

/**
 * The local path of a data location: KFP's mounts (`gs://b/k` -> `/gcs/b/k`, `s3://` -> `/s3/`,
 * `minio://` -> `/minio/`), `file://` URLs to paths, anything else unchanged (a local path,
 * relative ones against the working directory).
 */
export function localPath(uri: string): string {
  for (const [scheme, mount] of [
    ['gs://', '/gcs/'],
    ['s3://', '/s3/'],
    ['minio://', '/minio/'],
  ] as const) {
    if (uri.startsWith(scheme)) return mount + uri.slice(scheme.length);
  }
  if (uri.startsWith('file://')) return new URL(uri).pathname;
  return uri;
}

export function columnTypes(frame: Frame): Record<string, 'number' | 'string'> {
  return Object.fromEntries(frame.names.map((name, i) => [name, frame.columns[i]!.kind]));
}

/**
 * Reads a Dataset written by `writeDataset` (or any CSV file), with its column types when known.
 * A file this process has already parsed (a fan-out's shared training data) is not parsed again.
 */
export function readDataset(artifact: ArtifactIn): Frame {
  const types = artifact.metadata?.column_types as Record<string, 'number' | 'string'> | undefined;
  return parsedFile(artifact.path, JSON.stringify(types ?? null), () =>
    parseCsv(readFileSync(artifact.path), types ? { types } : {}),
  );
}

/** Writes a frame as CSV and describes it in the artifact's metadata. */
export function writeDataset(artifact: ArtifactOut, frame: Frame, info: DatasetInfo = {}): void {
  writeFileSync(artifact.path, writeCsv(frame));
  artifact.metadata.rows = frame.rowCount;
  artifact.metadata.column_types = columnTypes(frame);
  if (info.target !== undefined) artifact.metadata.target = info.target;
  if (info.features !== undefined) artifact.metadata.features = [...info.features];
  Object.assign(artifact.metadata, info.extra ?? {});
}

/** The prepared-dataset description of an input, or an error naming what is missing. */
export function datasetInfo(
  artifact: ArtifactIn,
  what: string,
): { target: string; features: string[]; metadata: Record<string, unknown> } {
  const { target, features } = artifact.metadata ?? {};
  if (typeof target !== 'string' || !Array.isArray(features)) {
    throw new Error(
      `${what}: the dataset has no 'target' and 'features' metadata; pass a dataset prepared by a clean or split component.`,
    );
  }
  return { target, features: features as string[], metadata: artifact.metadata };
}

/** The label column as 0/1 numbers. */
export function labels(frame: Frame, target: string): Float64Array {
  return frame.numbers(target);
}

export function writeModel(artifact: ArtifactOut, json: ModelJson): void {
  writeFileSync(artifact.path, JSON.stringify(json));
  artifact.metadata.framework = 'kfp-ts';
  artifact.metadata.format = json.format;
  artifact.metadata.format_version = json.version;
  artifact.metadata.kind = json.kind;
  artifact.metadata.features = json.features.length;
}

export function readModel(artifact: ArtifactIn): { model: LoadedModel; json: ModelJson } {
  const json = JSON.parse(readFileSync(artifact.path, 'utf8')) as ModelJson;
  return { model: loadModel(json), json };
}
