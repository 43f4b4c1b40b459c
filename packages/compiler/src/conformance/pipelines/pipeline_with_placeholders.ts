// Port of test_data/sdk_compiled_pipelines/valid/critical/pipeline_with_placeholders.py: KFP's
// runtime placeholders passed as constant arguments.
import {
  component,
  PIPELINE_JOB_ID,
  PIPELINE_JOB_NAME,
  PIPELINE_JOB_RESOURCE_NAME,
  PIPELINE_TASK_ID,
  PIPELINE_TASK_NAME,
  param,
  pipeline,
} from '@kfp-ts/dsl';

const printAllPlaceholders = component({
  name: 'print_all_placeholders',
  inputs: {
    job_name: param.string(),
    job_resource_name: param.string(),
    job_id: param.string(),
    task_name: param.string(),
    task_id: param.string(),
  },
  run: ({ job_name, job_resource_name, job_id, task_name, task_id }) => {
    const all = [job_name, job_resource_name, job_id, task_name, task_id];
    for (const value of all) {
      if (value.includes('{{') || value === '') {
        throw new Error(`Expected the placeholder to be replaced with a value: ${value}`);
      }
    }
    if (task_name !== 'print-all-placeholders') throw new Error(`unexpected task name ${task_name}`);
    if (!job_resource_name.startsWith('pipeline-with-placeholders-')) {
      throw new Error(`unexpected job resource name ${job_resource_name}`);
    }
    console.log(all.join(', '));
  },
});

export const target = pipeline({ name: 'pipeline-with-placeholders' }, () => {
  printAllPlaceholders({
    job_name: PIPELINE_JOB_NAME,
    job_resource_name: PIPELINE_JOB_RESOURCE_NAME,
    job_id: PIPELINE_JOB_ID,
    task_name: PIPELINE_TASK_NAME,
    task_id: PIPELINE_TASK_ID,
  }).set({ caching: false });
});
