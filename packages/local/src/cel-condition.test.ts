import { describe, expect, it } from 'vitest';
import { ConditionError, evaluateCondition, selectValue } from './cel-condition.js';

const values = {
  'pipelinechannel--random-num-Output': 7,
  'pipelinechannel--flip-coin-Output': 'heads',
  'pipelinechannel--flag': true,
  'pipelinechannel--ratio': 0.75,
};

describe('evaluateCondition (the CEL KFP writes)', () => {
  it.each([
    ["int(inputs.parameter_values['pipelinechannel--random-num-Output']) > 5", true],
    ["int(inputs.parameter_values['pipelinechannel--random-num-Output']) <= 5", false],
    ["inputs.parameter_values['pipelinechannel--flip-coin-Output'] == 'heads'", true],
    ["!(inputs.parameter_values['pipelinechannel--flip-coin-Output'] == 'heads')", false],
    [
      "!(inputs.parameter_values['pipelinechannel--flip-coin-Output'] == 'heads') && inputs.parameter_values['pipelinechannel--flip-coin-Output'] == 'tails'",
      false,
    ],
    ["inputs.parameter_values['pipelinechannel--flag'] == true", true],
    ["inputs.parameter_values['pipelinechannel--ratio'] > 0.5", true],
    ["inputs.parameter_values['pipelinechannel--ratio'] < double(1)", true],
    ["double(inputs.parameter_values['pipelinechannel--random-num-Output']) >= double(7)", true],
    ["inputs.parameter_values['pipelinechannel--flip-coin-Output'] == 'it\\'s'", false],
  ])('%s is %s', (expression, expected) => {
    expect(evaluateCondition(expression, values)).toBe(expected);
  });

  it('treats parameter numbers as protobuf doubles: 7.0 and 7 compare equal', () => {
    expect(evaluateCondition("inputs.parameter_values['x'] == 7.0", { x: 7 })).toBe(true);
    expect(evaluateCondition("int(inputs.parameter_values['x']) == 7", { x: 7 })).toBe(true);
  });

  it('throws (never answers false) when an input is missing', () => {
    expect(() => evaluateCondition("inputs.parameter_values['nope'] == 'x'", values)).toThrow(ConditionError);
    expect(() => evaluateCondition("inputs.parameter_values['nope'] == 'x'", values)).toThrow(
      /could not be evaluated.*nope/,
    );
  });

  it('throws on a type mismatch, a syntax error and a non-bool result', () => {
    expect(() =>
      evaluateCondition("int(inputs.parameter_values['pipelinechannel--flip-coin-Output']) > 5", values),
    ).toThrow(/could not be evaluated/);
    expect(() => evaluateCondition("inputs.parameter_values['pipelinechannel--flag'] ==", values)).toThrow(
      /could not be evaluated/,
    );
    expect(() =>
      evaluateCondition("inputs.parameter_values['pipelinechannel--flip-coin-Output']", values),
    ).toThrow(/gave string "heads", not a bool/);
  });
});

describe('selectValue (parameterExpressionSelector)', () => {
  it('reads a field of a loop item given as an object or as JSON text', () => {
    expect(selectValue('parseJson(string_value)["A_a"]', { A_a: '1', B_b: '2' })).toBe('1');
    expect(selectValue('parseJson(string_value)["B_b"]', '{"A_a": "1", "B_b": 2}')).toBe(2);
    expect(selectValue('parseJson(string_value)["n"]["m"]', { n: { m: [1, 2] } })).toEqual([1, 2]);
  });

  it('returns ints as numbers, not bigints', () => {
    expect(selectValue('int(parseJson(string_value)["n"])', { n: 3 })).toBe(3);
  });

  it('throws on a missing field', () => {
    expect(() => selectValue('parseJson(string_value)["C"]', { A: 1 })).toThrow(
      /selector .* could not be evaluated/,
    );
  });
});
