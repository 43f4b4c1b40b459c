/**
 * KFP's importer: turns a URI (a constant, or the task's `uri` input) into an output artifact of
 * the declared type. A local path that does not exist fails the task; a remote URI that has no
 * local mapping is kept with a warning (a component reading its `path` would find nothing).
 */
import { access } from 'node:fs/promises';
import * as path from 'node:path';
import type { ImporterSpec, JsonValue } from '@kfp-ts/schemas';
import { substitute } from '../placeholders.js';
import type { ExecutorKind } from '../types.js';
import type { ExecutionOutputs, ExecutionRequest, TaskExecutor } from './types.js';

export class ImporterExecutor implements TaskExecutor {
  readonly kind: ExecutorKind = 'importer';

  constructor(private readonly spec: ImporterSpec) {}

  async execute(request: ExecutionRequest): Promise<ExecutionOutputs> {
    const source = this.spec.artifactUri as { constant?: JsonValue; runtimeParameter?: string };
    const given =
      source.constant !== undefined
        ? source.constant
        : (request.taskParameters[source.runtimeParameter ?? 'uri'] ??
          request.executorInput.inputs?.parameterValues?.[source.runtimeParameter ?? 'uri']);
    if (typeof given !== 'string' || given === '')
      throw new Error(`the importer has no URI (got ${JSON.stringify(given)}).`);
    const local = request.uriToPath(given);
    if (path.isAbsolute(local)) {
      try {
        await access(local);
      } catch {
        if (given === local || given.startsWith('file://'))
          throw new Error(`the importer's URI ${given} does not exist.`);
        request.warn(
          `importer URI ${given} is not available on this machine (expected at ${local}); map it with uriPrefixes.`,
        );
      }
    }
    const context = { parameters: { ...request.taskParameters }, runtime: request.runtime };
    const metadata = fillMetadata((this.spec.metadata ?? {}) as Record<string, JsonValue>, context);
    return {
      parameters: {},
      artifacts: { artifact: [{ name: 'artifact', type: this.spec.typeSchema, uri: given, metadata }] },
    };
  }
}

function fillMetadata(
  value: Record<string, JsonValue>,
  context: Parameters<typeof substitute>[1],
): Record<string, JsonValue> {
  const fill = (v: JsonValue): JsonValue => {
    if (typeof v === 'string') return substitute(v, context);
    if (Array.isArray(v)) return v.map(fill);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
    return v;
  };
  return fill(value) as Record<string, JsonValue>;
}
