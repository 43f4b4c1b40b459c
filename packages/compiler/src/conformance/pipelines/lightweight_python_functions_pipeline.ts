// Port of test_data/sdk_compiled_pipelines/valid/essential/lightweight_python_functions_pipeline.py:
// Dataset/Model artifacts in and out, string/bool/dict/list parameters in and out, a STRUCT default.
// Python's `OutputPath(...)`/`InputPath(...)` are plain outputs/inputs here (the function gets a
// path for artifacts and returns parameter values).
import { readFileSync, writeFileSync } from 'node:fs';
import { artifact, component, Dataset, Model, param, pipeline } from '@kfp-ts/dsl';
import { z } from 'zod';

const IntDict = z.record(z.string(), z.number().int());

const preprocess = component({
  name: 'preprocess',
  description: 'Dummy preprocessing step.',
  inputs: {
    message: param.string(),
    input_dict_parameter: param.struct(IntDict),
    input_list_parameter: param.list(z.string()),
  },
  outputs: {
    output_dataset_one: artifact(Dataset),
    output_dataset_two_path: artifact(Dataset),
    output_parameter_path: param.string(),
    output_bool_parameter_path: param.bool(),
    output_dict_parameter_path: param.struct(IntDict),
    output_list_parameter_path: param.list(z.string()),
  },
  run: ({ message, input_dict_parameter, input_list_parameter }, outputs) => {
    writeFileSync(outputs.output_dataset_one.path, message);
    writeFileSync(outputs.output_dataset_two_path.path, message);
    return {
      output_parameter_path: message,
      output_bool_parameter_path: true,
      output_dict_parameter_path: input_dict_parameter,
      output_list_parameter_path: input_list_parameter,
    };
  },
});

const train = component({
  name: 'train',
  description: 'Dummy Training step.',
  inputs: {
    dataset_one_path: artifact(Dataset),
    dataset_two: artifact(Dataset),
    message: param.string(),
    input_bool: param.bool(),
    input_dict: param.struct(IntDict),
    input_list: param.list(z.string()),
    num_steps: param.int({ default: 100 }),
  },
  outputs: { model: artifact(Model) },
  run: (inputs, { model }) => {
    const one = readFileSync(inputs.dataset_one_path.path, 'utf8');
    const two = readFileSync(inputs.dataset_two.path, 'utf8');
    const line =
      `dataset_one_contents: ${one} || dataset_two_contents: ${two} || message: ${inputs.message} || ` +
      `input_bool: ${inputs.input_bool} || input_dict: ${JSON.stringify(inputs.input_dict)} || ` +
      `input_list: ${JSON.stringify(inputs.input_list)} \n`;
    const steps = Array.from({ length: inputs.num_steps }, (_, i) => `Step ${i}\n${line}\n=====\n`);
    writeFileSync(model.path, steps.join(''));
    model.metadata.accuracy = 0.9;
  },
});

export const target = pipeline(
  {
    name: 'my-test-pipeline-beta',
    inputs: { message: param.string(), input_dict: param.struct(IntDict, { default: { A: 1, B: 2 } }) },
  },
  (p) => {
    const pre = preprocess({
      message: p.message,
      input_dict_parameter: p.input_dict,
      input_list_parameter: ['a', 'b', 'c'],
    });
    train({
      dataset_one_path: pre.outputs.output_dataset_one,
      dataset_two: pre.outputs.output_dataset_two_path,
      message: pre.outputs.output_parameter_path,
      input_bool: pre.outputs.output_bool_parameter_path,
      input_dict: pre.outputs.output_dict_parameter_path,
      input_list: pre.outputs.output_list_parameter_path,
    });
  },
);
