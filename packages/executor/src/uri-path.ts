/**
 * Where an artifact's URI is found on the container's file system, as KFP maps it
 * (sdk `artifact_types.Artifact._get_path`, backend `launcher_v2.go LocalPathForURI`):
 * Vertex AI mounts Cloud Storage at `/gcs/` (Cloud Storage FUSE), and the KFP launcher copies
 * `minio://` and `s3://` artifacts to and from `/minio/` and `/s3/`. Anything else (a local path
 * in a local run) is used as it is.
 */
export type PathForUri = (uri: string) => string;

const MOUNTS: readonly (readonly [scheme: string, mount: string])[] = [
  ['gs://', '/gcs/'],
  ['minio://', '/minio/'],
  ['s3://', '/s3/'],
];

export const kfpPathForUri: PathForUri = (uri) => {
  for (const [scheme, mount] of MOUNTS) {
    if (uri.startsWith(scheme)) return mount + uri.slice(scheme.length);
  }
  return uri;
};
