import type { Condition, ConditionOperand, ParamKind } from '@kfp-ts/dsl';
import { isParamRef, PipelineDefinitionError } from '@kfp-ts/dsl';

/** Resolves a reference operand to the input name the condition group reads it from. */
export type OperandInputName = (ref: Extract<ConditionOperand, { kind: unknown }>) => string;

/**
 * KFP's CEL for a conjunction of comparisons (`triggerPolicy.condition`). Operand types follow
 * KFP's precedence (string > bool > double > int): the other side is quoted, converted with
 * `double(...)`, or (an int literal against a bool) mapped as KFP maps it.
 */
export function conditionsToCel(
  conditions: readonly Condition[],
  inputName: OperandInputName,
  where: string,
): string {
  return conditions.map((c) => comparisonToCel(c, inputName, where)).join(' && ');
}

type Scalar = 'STRING' | 'BOOLEAN' | 'NUMBER_DOUBLE' | 'NUMBER_INTEGER';

function comparisonToCel(condition: Condition, inputName: OperandInputName, where: string): string {
  const operands = [condition.left, condition.right];
  const types = operands.map((o) => operandType(o, where));
  const set = new Set(types);
  let canonical: Scalar;
  if (set.size === 1) canonical = types[0]!;
  else if (set.has('STRING')) canonical = 'STRING';
  else if (set.has('BOOLEAN')) canonical = 'BOOLEAN';
  else canonical = 'NUMBER_DOUBLE';
  const texts = operands.map((operand, i) => {
    let text: string;
    if (isParamRef(operand)) {
      text = `inputs.parameter_values['${inputName(operand)}']`;
      if (types[i] === 'NUMBER_INTEGER') text = `int(${text})`;
    } else if (typeof operand === 'string') {
      text = celString(operand);
    } else if (typeof operand === 'boolean') {
      text = String(operand);
    } else {
      text = celNumber(operand);
    }
    const type = types[i]!;
    if (type === canonical) return text;
    if (canonical === 'STRING') return `'${text}'`;
    if (canonical === 'BOOLEAN') {
      // KFP maps an int literal compared with a bool this way round; kept for identical IR.
      return !isParamRef(operand) && Number(text) === 0 ? 'true' : 'false';
    }
    return `double(${text})`;
  });
  const text = `${texts[0]} ${condition.operator} ${texts[1]}`;
  return condition.negate ? `!(${text})` : text;
}

function operandType(operand: ConditionOperand, where: string): Scalar {
  if (isParamRef(operand)) {
    const kind = operand.kind as ParamKind | 'NUMBER';
    if (kind === 'NUMBER') return 'NUMBER_DOUBLE';
    if (kind === 'STRING' || kind === 'BOOLEAN' || kind === 'NUMBER_DOUBLE' || kind === 'NUMBER_INTEGER')
      return kind;
    throw new PipelineDefinitionError(`a condition cannot compare a ${kind} value.`, {
      where,
      fix: 'Compare strings, numbers or booleans.',
    });
  }
  if (typeof operand === 'string') return 'STRING';
  if (typeof operand === 'boolean') return 'BOOLEAN';
  if (typeof operand === 'number') return Number.isInteger(operand) ? 'NUMBER_INTEGER' : 'NUMBER_DOUBLE';
  throw new PipelineDefinitionError(`a condition operand must be a string, number, boolean or reference.`, {
    where,
  });
}

/** A CEL string literal. KFP does not escape quotes; we do, so such conditions stay valid CEL. */
function celString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Python's `str()` of an int or float (`5`, `0.5`, `1e-05`), as KFP writes literals. */
function celNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const text = String(value);
  const exp = /^(-?[\d.]+)e([+-])(\d+)$/.exec(text);
  if (exp) return `${exp[1]}e${exp[2]}${exp[3]!.padStart(2, '0')}`;
  return text;
}
