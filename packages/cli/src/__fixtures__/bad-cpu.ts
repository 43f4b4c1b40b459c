// The body sets an invalid CPU limit: the DSL throws a PipelineDefinitionError naming the task.
import { component, pipeline } from '@kfp-ts/dsl';

const train = component({ name: 'train', run: () => {} });

export const badCpu = pipeline({ name: 'bad-cpu' }, () => {
  train().set({ cpuLimit: 'lots' });
});
