// Port of test_data/sdk_compiled_pipelines/valid/parallel_and_nested/pipeline_in_pipeline.py: a
// pipeline used as a task; its components merge into the outer IR (comp-print-op1-2).
import { component, containerComponent, param, pipeline } from '@kfp-ts/dsl';

const printOp1 = component({
  name: 'print_op1',
  inputs: { msg: param.string() },
  outputs: { Output: param.string() },
  run: ({ msg }) => {
    console.log(msg);
    return { Output: msg };
  },
});

const printOp2 = containerComponent({
  name: 'print_op2',
  inputs: { msg: param.string() },
  image: 'alpine',
  command: (i) => ['echo', i.msg],
});

const innerPipeline = pipeline({ name: 'inner-pipeline', inputs: { msg: param.string() } }, (p) => {
  const task = printOp1({ msg: p.msg });
  printOp2({ msg: task.output });
});

export const target = pipeline({ name: 'pipeline-in-pipeline' }, () => {
  printOp1({ msg: 'Hello' });
  innerPipeline({ msg: 'world' });
});
