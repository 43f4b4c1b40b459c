// Port of test_data/sdk_compiled_pipelines/valid/critical/pipeline_with_env.py: environment
// variables set on tasks, merged with the env a container component declares. The Python loads
// the container component from v1 YAML text; it is written here by hand with containerComponent.
import { component, containerComponent, pipeline } from '@kfp-ts/dsl';

const printEnvOp = component({
  name: 'print_env_op',
  run: () => {
    console.log('ENV1', process.env.ENV1);
    console.log('ENV2', process.env.ENV2);
  },
});

const printEnv2Op = containerComponent({
  name: 'Print env',
  image: 'alpine',
  command: ['sh', '-c', 'set -e -x\necho "$ENV1"\necho "$ENV2"\necho "$ENV3"\n'],
  env: { ENV1: 'val0', ENV2: 'val0' },
});

export const target = pipeline({ name: 'pipeline-with-env' }, () => {
  printEnvOp().set({ env: { ENV1: 'val1' } });
  printEnv2Op()
    .set({ env: { ENV2: 'val2' } })
    .set({ env: { ENV3: 'val3' } });
});
