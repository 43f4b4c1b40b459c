import { compile } from '@kfp-ts/compiler';
import { describe, expect, it } from 'vitest';
import { smallPipeline } from './__fixtures__/small-pipeline.js';
import {
  checkParameterValues,
  parameterError,
  parseParameterAssignments,
  rootParameters,
} from './parameters.js';

const spec = compile(smallPipeline);

describe('parameter values', () => {
  it('reads the root input definitions', () => {
    expect(rootParameters(spec).map((p) => [p.name, p.type, p.required])).toEqual([
      ['data_uri', 'STRING', true],
      ['seed', 'NUMBER_INTEGER', false],
      ['c', 'NUMBER_DOUBLE', false],
      ['shuffle', 'BOOLEAN', false],
      ['folds', 'LIST', false],
      ['options', 'STRUCT', false],
    ]);
  });

  it('accepts values of the declared types', () => {
    expect(
      checkParameterValues(spec, {
        data_uri: 'gs://b/x.csv',
        seed: 3,
        c: 2,
        shuffle: false,
        folds: [],
        options: {},
      }),
    ).toEqual([]);
  });

  it('collects every problem: unknown, missing required, wrong types', () => {
    const issues = checkParameterValues(spec, { sede: 3, seed: 1.5, shuffle: 'yes', folds: { a: 1 } });
    expect(issues.map((i) => i.problem)).toEqual([
      "unknown parameter 'sede'",
      "'seed' must be an integer, got 1.5",
      '\'shuffle\' must be true or false, got "yes"',
      '\'folds\' must be a list, got {"a":1}',
      "'data_uri' is required (a string) and has no default",
    ]);
    const message = parameterError('small-pipeline', spec, issues).message;
    expect(message).toMatch(
      /^pipeline 'small-pipeline' parameter values: 5 problems: unknown parameter 'sede'; /,
    );
    expect(message).toContain(
      'Its parameters: data_uri (STRING, required), seed (NUMBER_INTEGER), c (NUMBER_DOUBLE)',
    );
  });

  it('reads name=value text as the declared type', () => {
    const { values, issues } = parseParameterAssignments(spec, [
      'seed=3',
      'c=0.25',
      'shuffle=FALSE',
      'folds=[1, 2]',
      'options={"depth": 4}',
      'data_uri=3',
      'other=x',
    ]);
    expect(issues).toEqual([]);
    expect(values).toEqual({
      seed: 3,
      c: 0.25,
      shuffle: false,
      folds: [1, 2],
      options: { depth: 4 },
      data_uri: '3',
      other: 'x',
    });
  });

  it('keeps unreadable text so the check reports it with the rest', () => {
    const { values, issues } = parseParameterAssignments(spec, ['seed=three', 'novalue', 'c=1', 'c=2']);
    expect(values.seed).toBe('three');
    expect(issues.map((i) => i.problem)).toEqual(["'novalue' is not name=value", "'c' is given twice"]);
  });
});
