import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type V1ComponentSpec, validateV1Component } from './index.js';

const V1_DIR = new URL('../../../shared/kfp-golden/v1_component_yaml/', import.meta.url);

function load(name: string): unknown {
  return parse(readFileSync(new URL(name, V1_DIR), 'utf8'));
}

function issuesOf(doc: unknown): [string, string][] {
  const result = validateV1Component(doc);
  return result.ok ? [] : result.issues.map((issue) => [issue.pathText, issue.message]);
}

describe('validateV1Component on the shared v1 component files', () => {
  it('accepts ingestion_component.yaml', () => {
    const result = validateV1Component(load('ingestion_component.yaml'));
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (!result.ok) return;
    const spec: V1ComponentSpec = result.value;
    expect(spec.name).toBe('Ingestion');
    expect(spec.implementation.container?.args).toEqual([
      '--input-location',
      { inputValue: 'input_location' },
      '--output-examples',
      { outputUri: 'examples' },
    ]);
  });

  it('accepts fancy_trainer_component.yaml', () => {
    const result = validateV1Component(load('fancy_trainer_component.yaml'));
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (!result.ok) return;
    expect(result.value.inputs?.map((input) => [input.name, input.type])).toEqual([
      ['examples', 'Dataset'],
      ['optimizer', 'String'],
      ['n_epochs', 'Integer'],
    ]);
  });
});

describe('validateV1Component placeholders and types', () => {
  const component = (args: unknown[], extra: Record<string, unknown> = {}) => ({
    name: 'Test',
    inputs: [
      { name: 'a', type: 'String', optional: true },
      { name: 'path', type: { GCSPath: { data_type: 'CSV' } }, default: 'gs://b/x.csv' },
      { name: 'n', type: 'Integer', default: 3 },
    ],
    outputs: [{ name: 'out', type: 'Model' }],
    implementation: { container: { image: 'alpine', command: ['sh', '-c'], args, ...extra } },
  });

  it('accepts every placeholder kind, nested concat and if, and structured types', () => {
    const doc = component(
      [
        { inputValue: 'a' },
        { inputPath: 'path' },
        { inputUri: 'path' },
        { inputMetadata: 'path' },
        { inputOutputPortName: 'path' },
        { outputPath: 'out' },
        { outputUri: 'out' },
        { outputMetadata: null },
        { executorInput: null },
        { concat: ['--n=', { inputValue: 'n' }, { concat: ['x', { outputPath: 'out' }] }] },
        // `then` keys are written as YAML: as object literals they would look like promises to linters.
        parse('if: {cond: {isPresent: a}, then: [--a, {inputValue: a}], else: --no-a}'),
        parse('if: {cond: {inputValue: a}, then: {inputValue: a}}'),
        parse('if: {cond: true, then: []}'),
      ],
      { env: { MODE: 'fast' }, fileOutputs: { out: '/tmp/out' } },
    );
    expect(issuesOf(doc)).toEqual([]);
  });

  it('accepts a graph implementation', () => {
    expect(
      issuesOf({
        name: 'Graph',
        implementation: { graph: { tasks: { a: { componentRef: { name: 'x' } } } } },
      }),
    ).toEqual([]);
  });

  it('reports a misspelled placeholder at its path', () => {
    expect(issuesOf(component(['--a', { inputValu: 'a' }]))).toEqual([
      [
        'implementation.container.args[1]',
        'expected one of "inputValue", "inputPath", "inputUri", "inputMetadata", "inputOutputPortName", "outputPath", "outputUri", "outputMetadata", "executorInput", "concat" or "if"',
      ],
      ['implementation.container.args[1].inputValu', 'unknown field "inputValu"; did you mean "inputValue"?'],
    ]);
  });

  it('reports problems inside nested placeholders', () => {
    expect(
      issuesOf(
        component([
          { concat: ['a', { outputPath: 1 }] },
          parse('if: {cond: {isPresnt: a}, then: [x]}'),
          { inputValue: 'a', inputPath: 'a' },
          7,
        ]),
      ),
    ).toEqual([
      ['implementation.container.args[0].concat[1].outputPath', 'expected string, but got an integer'],
      ['implementation.container.args[1].if.cond', 'expected one of "isPresent" or "inputValue"'],
      [
        'implementation.container.args[1].if.cond.isPresnt',
        'unknown field "isPresnt"; did you mean "isPresent"?',
      ],
      [
        'implementation.container.args[2]',
        'only one of "inputValue", "inputPath", "inputUri", "inputMetadata", "inputOutputPortName", "outputPath", "outputUri", "outputMetadata", "executorInput", "concat" or "if" may be set, but found "inputValue" and "inputPath"',
      ],
      ['implementation.container.args[3]', 'expected string or object, but got an integer'],
    ]);
  });

  it('requires an implementation and input names', () => {
    expect(issuesOf({ name: 'x', inputs: [{ type: 'String' }] })).toEqual([
      ['implementation', 'required field "implementation" is missing (expected object)'],
      ['inputs[0].name', 'required field "name" is missing (expected string)'],
    ]);
  });

  it('rejects a v2 IR document', () => {
    expect(issuesOf({ pipelineInfo: { name: 'p' }, root: {}, schemaVersion: '2.1.0' })).toContainEqual([
      'pipelineInfo',
      'unknown field "pipelineInfo"; expected one of: name, description, metadata, inputs, outputs, implementation, version',
    ]);
  });
});
