// Port of test_data/sdk_compiled_pipelines/valid/pipeline_with_task_final_status.py: a named exit
// handler whose exit task reads the final status of the guarded tasks.
import { component, exitHandler, param, pipeline } from '@kfp-ts/dsl';

const exitOp = component({
  name: 'exit_op',
  description: 'Checks pipeline run status.',
  inputs: { user_input: param.string(), status: param.taskFinalStatus() },
  run: ({ status }) => {
    console.log('Pipeline status: ', status?.state);
    console.log('Job resource name: ', status?.pipelineJobResourceName);
    console.log('Pipeline task name: ', status?.pipelineTaskName);
    console.log('Error code: ', status?.error.code);
    console.log('Error message: ', status?.error.message);
  },
});

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
  { name: 'pipeline-with-task-final-status', inputs: { message: param.string({ default: 'Hello World!' }) } },
  (p) => {
    const exitTask = exitOp({ user_input: p.message });
    exitHandler(
      exitTask,
      () => {
        printOp({ message: p.message });
        failOp({ message: 'Task failed.' });
      },
      { name: 'my-pipeline' },
    );
  },
);
