/**
 * The default in-process executor: `@kfp-ts/executor`'s `executeComponent`, the same code that runs
 * a component inside its container, adapted to the runner's `FunctionExecutor` seam (a failure
 * becomes a thrown error, produced artifacts become runtime artifacts).
 */
import { executeComponent } from '@kfp-ts/executor';
import type { JsonValue, RuntimeArtifact } from '@kfp-ts/schemas';
import type { FunctionExecutor } from './types.js';

export const executeFunctionComponent: FunctionExecutor = async (definition, executorInput, options = {}) => {
  const result = await executeComponent(definition, executorInput, {
    ...(options.uriToPath ? { pathForUri: options.uriToPath } : {}),
    context: {
      taskName: options.taskName ?? definition.name,
      pipelineJobName: options.pipelineJobName ?? '',
    },
  });
  if (!result.ok) throw result.error;
  const outputArtifacts: Record<string, RuntimeArtifact[]> = {};
  for (const [name, produced] of Object.entries(result.outputArtifacts)) {
    const list = Array.isArray(produced) ? produced : [produced];
    outputArtifacts[name] = list.map((a) => ({
      name: a.name,
      uri: a.uri,
      metadata: a.metadata as Record<string, JsonValue>,
    }));
  }
  return { outputParameters: { ...result.outputParameters }, outputArtifacts };
};
