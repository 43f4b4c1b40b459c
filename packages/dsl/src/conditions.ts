import { BRAND, hasBrand } from './brand.js';
import type { ParamRef } from './refs.js';

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

type StringOperand = string | ParamRef<'STRING', any>;
type NumberOperand = number | ParamRef<'NUMBER_INTEGER' | 'NUMBER_DOUBLE' | 'NUMBER', any>;
type BooleanOperand = boolean | ParamRef<'BOOLEAN', any>;
/** A value a condition may compare: strings, numbers and booleans (never lists or structs, as in KFP). */
export type ConditionOperand = StringOperand | NumberOperand | BooleanOperand;

/** One comparison; `If`/`Elif`/`Else` combine them into KFP's CEL trigger conditions. */
export interface Condition {
  readonly [BRAND]: 'condition';
  readonly operator: ComparisonOperator;
  readonly left: ConditionOperand;
  readonly right: ConditionOperand;
  /** Set on the copies that `Elif`/`Else` make of the conditions before them. */
  readonly negate: boolean;
}

export function isCondition(value: unknown): value is Condition {
  return hasBrand(value, 'condition');
}

function condition(operator: ComparisonOperator, left: ConditionOperand, right: ConditionOperand): Condition {
  return Object.freeze({ [BRAND]: 'condition' as const, operator, left, right, negate: false });
}

/** @internal */
export function negated(c: Condition): Condition {
  return Object.freeze({ ...c, negate: !c.negate });
}

interface Comparison {
  (left: StringOperand, right: StringOperand): Condition;
  (left: NumberOperand, right: NumberOperand): Condition;
  (left: BooleanOperand, right: BooleanOperand): Condition;
}
interface Ordering {
  (left: StringOperand, right: StringOperand): Condition;
  (left: NumberOperand, right: NumberOperand): Condition;
}

/** `left == right` */
export const eq: Comparison = (l: ConditionOperand, r: ConditionOperand) => condition('==', l, r);
/** `left != right` */
export const ne: Comparison = (l: ConditionOperand, r: ConditionOperand) => condition('!=', l, r);
/** `left < right` */
export const lt: Ordering = (l: ConditionOperand, r: ConditionOperand) => condition('<', l, r);
/** `left <= right` */
export const le: Ordering = (l: ConditionOperand, r: ConditionOperand) => condition('<=', l, r);
/** `left > right` */
export const gt: Ordering = (l: ConditionOperand, r: ConditionOperand) => condition('>', l, r);
/** `left >= right` */
export const ge: Ordering = (l: ConditionOperand, r: ConditionOperand) => condition('>=', l, r);
