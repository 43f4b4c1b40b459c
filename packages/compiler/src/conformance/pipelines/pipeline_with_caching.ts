// Port of test_data/sdk_compiled_pipelines/valid/local_execution/pipeline_with_caching.py: caching
// set explicitly on, and the pipeline returning a task output.
import { component, param, pipeline } from '@kfp-ts/dsl';

const addOne = component({
  name: 'add_one',
  inputs: { x: param.int() },
  outputs: { Output: param.int() },
  run: ({ x }) => ({ Output: x + 1 }),
});

export const target = pipeline(
  { name: 'pipeline-with-caching', inputs: { x: param.int({ default: 1 }) } },
  (p) => {
    const task = addOne({ x: p.x }).set({ caching: true });
    return task.output;
  },
);
