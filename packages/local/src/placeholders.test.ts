import type { ExecutorInput } from '@kfp-ts/schemas';
import { describe, expect, it } from 'vitest';
import type { PlaceholderContext } from './placeholders.js';
import { expandArgument, PlaceholderError, substitute } from './placeholders.js';

const executorInput: ExecutorInput = {
  inputs: {
    parameterValues: { text: 'hello world', n: 3, cfg: { a: 1 } },
    artifacts: {
      data: { artifacts: [{ name: 'data', uri: 'gs://bucket/data.csv', metadata: { rows: 10 } }] },
      many: {
        artifacts: [
          { name: 'm1', uri: '/tmp/m1' },
          { name: 'm2', uri: '/tmp/m2' },
        ],
      },
    },
  },
  outputs: {
    parameters: { count: { outputFile: '/run/task/count' } },
    artifacts: { model: { artifacts: [{ name: 'model', uri: '/run/task/model' }] } },
    outputFile: '/run/task/executor_output.json',
  },
};

const context: PlaceholderContext = {
  parameters: executorInput.inputs!.parameterValues!,
  executorInput,
  uriToPath: (uri) => uri.replace('gs://', '/gcs/'),
  runtime: { pipeline_job_name: 'job-1', pipeline_task_name: 'train' },
};

describe('substitute', () => {
  it.each([
    ["{{$.inputs.parameters['text']}}", 'hello world'],
    ["n={{$.inputs.parameters['n']}}", 'n=3'],
    ["{{$.inputs.parameters['cfg']}}", '{"a":1}'],
    ["{{$.inputs.artifacts['data'].uri}}", 'gs://bucket/data.csv'],
    ["{{$.inputs.artifacts['data'].path}}", '/gcs/bucket/data.csv'],
    ["{{$.inputs.artifacts['data'].metadata}}", '{"rows":10}'],
    ["{{$.inputs.artifacts['data'].metadata['rows']}}", '10'],
    ["{{$.outputs.parameters['count'].output_file}}", '/run/task/count'],
    ["{{$.outputs.artifacts['model'].path}}", '/run/task/model'],
    ['{{$.outputs.output_file}}', '/run/task/executor_output.json'],
    ['{{$.pipeline_job_name}}/{{$.pipeline_task_name}}', 'job-1/train'],
  ])('%s -> %s', (text, expected) => {
    expect(substitute(text, context)).toBe(expected);
  });

  it('renders the executor input and artifact lists as JSON', () => {
    expect(JSON.parse(substitute('{{$}}', context))).toEqual(executorInput);
    expect(
      JSON.parse(substitute("{{$.inputs.artifacts['many']}}", context)).map((a: { uri: string }) => a.uri),
    ).toEqual(['/tmp/m1', '/tmp/m2']);
  });

  it('refuses unknown placeholders and inputs without a value instead of passing their text on', () => {
    expect(() => substitute('{{$.json_escape[1]}}', context)).toThrow(PlaceholderError);
    expect(() => substitute('{{$.pipeline_unknown}}', context)).toThrow(/unknown placeholder/);
    expect(() => substitute("{{$.inputs.parameters['missing']}}", context)).toThrow(/'missing' has no value/);
    expect(() => substitute("{{$.inputs.artifacts['nope'].path}}", context)).toThrow(
      /no input artifact 'nope'/,
    );
  });

  it('does not re-expand placeholders that appear inside values', () => {
    const hostile = { ...context, parameters: { text: "{{$.inputs.parameters['n']}} $(rm -rf /) `id` ; |" } };
    expect(substitute("{{$.inputs.parameters['text']}}", hostile)).toBe(
      "{{$.inputs.parameters['n']}} $(rm -rf /) `id` ; |",
    );
  });
});

describe('expandArgument (structured placeholders)', () => {
  it('joins Concat parts into one argument', () => {
    const arg = JSON.stringify({ Concat: ['--text=', "{{$.inputs.parameters['text']}}", '!'] });
    expect(expandArgument(arg, context)).toEqual(['--text=hello world!']);
  });

  it('expands IfPresent to Then when the input is there, Else (or nothing) otherwise', () => {
    const present = JSON.stringify({
      IfPresent: { InputName: 'text', Then: ['--text', "{{$.inputs.parameters['text']}}"] },
    });
    const absent = JSON.stringify({ IfPresent: { InputName: 'opt', Then: ['--opt'], Else: ['bye'] } });
    const nothing = JSON.stringify({ IfPresent: { InputName: 'opt', Then: ['--opt'] } });
    expect(expandArgument(present, context)).toEqual(['--text', 'hello world']);
    expect(expandArgument(absent, context)).toEqual(['bye']);
    expect(expandArgument(nothing, context)).toEqual([]);
  });

  it('nests (KFP writes them with Python spacing)', () => {
    const arg =
      '{"IfPresent": {"InputName": "text", "Then": [{"Concat": ["a", "{{$.inputs.parameters[\'n\']}}"]}]}}';
    expect(expandArgument(arg, context)).toEqual(['a3']);
  });

  it('leaves ordinary arguments that merely look like JSON alone', () => {
    expect(expandArgument('{"Concat": not json', context)).toEqual(['{"Concat": not json']);
    expect(expandArgument('{"other": 1}', context)).toEqual(['{"other": 1}']);
  });
});
