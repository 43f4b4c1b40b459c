// Port of test_data/sdk_compiled_pipelines/valid/essential/lightweight_python_functions_with_outputs.py:
// single `Output` returns (string, int, Dataset) and a NamedTuple-like set of outputs mixing a
// parameter with Metrics and Model artifacts.
import { readFileSync, writeFileSync } from 'node:fs';
import { artifact, component, Dataset, Metrics, Model, param, pipeline } from '@kfp-ts/dsl';

const concatMessage = component({
  name: 'concat_message',
  inputs: { first: param.string(), second: param.string() },
  outputs: { Output: param.string() },
  run: ({ first, second }) => ({ Output: first + second }),
});

const addNumbers = component({
  name: 'add_numbers',
  inputs: { first: param.int(), second: param.int() },
  outputs: { Output: param.int() },
  run: ({ first, second }) => ({ Output: first + second }),
});

const outputArtifact = component({
  name: 'output_artifact',
  inputs: { number: param.int(), message: param.string() },
  outputs: { Output: artifact(Dataset) },
  run: ({ number, message }, { Output }) => {
    writeFileSync(Output.path, Array.from({ length: number }, () => message).join('\n'));
  },
});

const outputNamedTuple = component({
  name: 'output_named_tuple',
  inputs: { artifact: artifact(Dataset) },
  outputs: { scalar: param.string(), metrics: artifact(Metrics), model: artifact(Model) },
  run: (inputs, { metrics, model }) => {
    const metricsJson = { metrics: [{ name: 'accuracy', numberValue: 0.9, format: 'PERCENTAGE' }] };
    writeFileSync(metrics.path, JSON.stringify(metricsJson));
    writeFileSync(model.path, `Model contents: ${readFileSync(inputs.artifact.path, 'utf8')}`);
    return { scalar: '123' };
  },
});

export const target = pipeline(
  {
    name: 'functions-with-outputs',
    inputs: {
      first_message: param.string(),
      second_message: param.string(),
      first_number: param.int(),
      second_number: param.int(),
    },
  },
  (p) => {
    const concat = concatMessage({ first: p.first_message, second: p.second_message });
    const sum = addNumbers({ first: p.first_number, second: p.second_number });
    const dataset = outputArtifact({ number: sum.output, message: concat.output });
    outputNamedTuple({ artifact: dataset.output });
  },
);
