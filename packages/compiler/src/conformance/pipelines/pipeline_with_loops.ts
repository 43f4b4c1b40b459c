// Port of test_data/sdk_compiled_pipelines/valid/parallel_and_nested/pipeline_with_loops.py:
// parallelFor over a list pipeline input (with a LIST default), over a task output and over a
// literal list; struct items passed whole and by field (parameterExpressionSelector).
import { component, parallelFor, param, pipeline } from '@kfp-ts/dsl';
import { z } from 'zod';

const Args = z.object({ A_a: z.string(), B_b: z.string() });

const argsGeneratorOp = component({
  name: 'args_generator_op',
  outputs: { Output: param.list(Args) },
  run: () => ({
    Output: [
      { A_a: '1', B_b: '2' },
      { A_a: '10', B_b: '20' },
    ],
  }),
});

const printText = component({
  name: 'print_text',
  inputs: { msg: param.string() },
  run: ({ msg }) => {
    console.log(msg);
  },
});

const printStruct = component({
  name: 'print_struct',
  inputs: { struct: param.struct() },
  run: ({ struct }) => {
    console.log(struct);
  },
});

export const target = pipeline(
  {
    name: 'pipeline-with-loops',
    inputs: { loop_parameter: param.list(z.string(), { default: ['a', 'b'] }) },
  },
  (p) => {
    // Loop over a pipeline input.
    parallelFor(p.loop_parameter, (item) => {
      printText({ msg: item });
    });

    // Loop over a task output.
    const argsGenerator = argsGeneratorOp();
    parallelFor(argsGenerator.output, (item) => {
      printStruct({ struct: item });
      printText({ msg: item.field('A_a') });
      printText({ msg: item.field('B_b') });
    });

    // Loop over a list known when the pipeline is compiled.
    const loopArgs = [
      { A_a: '1', B_b: '2' },
      { A_a: '10', B_b: '20' },
    ];
    parallelFor(loopArgs, (item) => {
      printStruct({ struct: item });
      printText({ msg: item.field('A_a') });
      printText({ msg: item.field('B_b') });
    });
  },
);
