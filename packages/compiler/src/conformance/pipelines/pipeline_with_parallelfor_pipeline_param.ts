// Port of test_data/sdk_compiled_pipelines/valid/pipeline_with_parallelfor_pipeline_param.py:
// pipeline inputs and an outer task output threaded into parallelFor bodies, parallelism limits,
// a loop nested in a loop over a literal list.
import { component, parallelFor, param, pipeline } from '@kfp-ts/dsl';
import { z } from 'zod';

const printWithPrefix = component({
  name: 'print_with_prefix',
  inputs: { prefix: param.string(), item: param.string() },
  outputs: { Output: param.string() },
  run: ({ prefix, item }) => {
    const result = `${prefix}: ${item}`;
    console.log(result);
    return { Output: result };
  },
});

const makePrefix = component({
  name: 'make_prefix',
  outputs: { Output: param.string() },
  run: () => ({ Output: 'dynamic-prefix' }),
});

export const target = pipeline(
  {
    name: 'pipeline-parallelfor-pipeline-param',
    description: 'Pipeline parameter used alongside loop item inside ParallelFor.',
    inputs: { prefix: param.string(), loop_parameter: param.list(z.string()) },
  },
  (p) => {
    // A pipeline input used inside the loop.
    parallelFor(p.loop_parameter, (item) => printWithPrefix({ prefix: p.prefix, item }), { parallelism: 1 });

    // An outer task output used inside the loop.
    const prefixTask = makePrefix();
    parallelFor(p.loop_parameter, (item) => printWithPrefix({ prefix: prefixTask.output, item }));

    // Nested loops; the outer item is not used.
    parallelFor(
      ['x', 'y'],
      () => parallelFor(p.loop_parameter, (inner) => printWithPrefix({ prefix: p.prefix, item: inner })),
      { parallelism: 2 },
    );
  },
);
