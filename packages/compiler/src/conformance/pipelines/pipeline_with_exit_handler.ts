// Port of test_data/sdk_compiled_pipelines/valid/failing/pipeline_with_exit_handler.py: an exit
// task that runs when the guarded tasks finish, one of which fails.
import { component, exitHandler, param, pipeline } from '@kfp-ts/dsl';

const printOp = component({
  name: 'print_op',
  description: 'Prints a message.',
  inputs: { message: param.string() },
  run: ({ message }) => {
    console.log(message);
  },
});

const failOp = component({
  name: 'fail_op',
  description: 'Fails.',
  inputs: { message: param.string() },
  run: ({ message }) => {
    console.log(message);
    throw new Error(message);
  },
});

export const target = pipeline(
  { name: 'pipeline-with-exit-handler', inputs: { message: param.string({ default: 'Hello World!' }) } },
  (p) => {
    const exitTask = printOp({ message: 'Exit handler has worked!' });
    exitHandler(exitTask, () => {
      printOp({ message: p.message });
      failOp({ message: 'Task failed.' });
    });
  },
);
