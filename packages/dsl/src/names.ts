/**
 * Kubernetes-friendly names, as KFP derives them: lower-case, every run of characters outside
 * `[-0-9a-z]` becomes one `-`, repeated dashes collapse, and leading/trailing dashes go.
 */
export function sanitizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^-0-9a-z]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** KFP's rule for `pipelineInfo.name` (Vertex rejects anything else at submit time). */
export const PIPELINE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,127}$/;

/**
 * Returns `name`, or `name-2`, `name-3`, ... — the first one not in `taken` — and records it.
 * This is the suffix rule behind `comp-x-2` and `exec-x-2` in KFP's IR.
 */
export function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}-${i}`;
  taken.add(candidate);
  return candidate;
}
