/**
 * The default in-process executor: `@kfp-ts/executor`'s `executeComponent`, the same code that runs
 * a component inside its container, adapted to the runner's `FunctionExecutor` seam (a failure
 * becomes a thrown error, produced artifacts become runtime artifacts).
 */
import { executeComponent } from '@kfp-ts/executor';
import { runtimeArtifacts } from './runtime-artifacts.js';
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
  return {
    outputParameters: { ...result.outputParameters },
    outputArtifacts: runtimeArtifacts(result.outputArtifacts),
  };
};
