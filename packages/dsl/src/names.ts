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
 * Hands out `name`, or `name-2`, `name-3`, ... — the first one not taken yet. This is the suffix
 * rule behind task keys and `comp-x-2`/`exec-x-2` in KFP's IR. The next suffix is remembered per
 * base name, so a component used 10,000 times costs linear time, not quadratic.
 */
export class NameAllocator {
  readonly #taken = new Set<string>();
  readonly #next = new Map<string, number>();

  constructor(readonly isTaken: (name: string) => boolean = () => false) {}

  has(name: string): boolean {
    return this.#taken.has(name) || this.isTaken(name);
  }

  claim(name: string): string {
    let candidate = name;
    let i = this.#next.get(name) ?? 2;
    if (this.has(candidate)) {
      do candidate = `${name}-${i++}`;
      while (this.has(candidate));
      this.#next.set(name, i);
    }
    this.#taken.add(candidate);
    return candidate;
  }
}
