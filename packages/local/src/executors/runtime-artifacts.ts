/**
 * What a component produced (one artifact or a list per output) as the runner's runtime artifacts.
 * Shared by the main-thread executor and the worker threads' program, which must agree.
 */
import type { JsonValue, RuntimeArtifact } from '@kfp-ts/schemas';

interface ProducedArtifact {
  readonly name?: string;
  readonly uri: string;
  readonly metadata: Record<string, unknown>;
}

export function runtimeArtifacts(
  produced: Readonly<Record<string, ProducedArtifact | readonly ProducedArtifact[]>>,
): Record<string, RuntimeArtifact[]> {
  const artifacts: Record<string, RuntimeArtifact[]> = {};
  for (const [name, value] of Object.entries(produced)) {
    const list = Array.isArray(value) ? value : [value as ProducedArtifact];
    artifacts[name] = list.map((a) => ({
      name: a.name,
      uri: a.uri,
      metadata: a.metadata as Record<string, JsonValue>,
    }));
  }
  return artifacts;
}
