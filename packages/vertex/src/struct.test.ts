import { describe, expect, it } from 'vitest';
import { fromProtoStruct, fromProtoValue, toProtoStruct, toProtoValue } from './struct.js';

describe('Struct/Value conversion', () => {
  it('turns JSON into the Value form the client sends, with the oneof name', () => {
    expect(toProtoValue(3)).toEqual({ kind: 'numberValue', numberValue: 3 });
    expect(toProtoValue('x')).toEqual({ kind: 'stringValue', stringValue: 'x' });
    expect(toProtoValue(true)).toEqual({ kind: 'boolValue', boolValue: true });
    expect(toProtoValue(null)).toEqual({ kind: 'nullValue', nullValue: 0 });
    expect(toProtoStruct({ a: [1] })).toEqual({
      fields: { a: { kind: 'listValue', listValue: { values: [{ kind: 'numberValue', numberValue: 1 }] } } },
    });
  });

  it('round-trips nested arrays, objects and key order exactly', () => {
    const spec = { b: 1, a: { z: [[1, 2], [], [{ k: 'v' }]], y: null, x: false }, c: 'text' };
    const back = fromProtoStruct(toProtoStruct(spec));
    expect(back).toEqual(spec);
    expect(JSON.stringify(back)).toBe(JSON.stringify(spec));
  });

  it('drops undefined keys (as JSON would) instead of sending empty Values', () => {
    const struct = toProtoStruct({ a: 1, b: undefined } as unknown as Record<string, number>);
    expect(Object.keys(struct.fields ?? {})).toEqual(['a']);
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => toProtoValue(Number.NaN)).toThrow(/NaN cannot be sent/);
  });

  it('reads Values decoded without oneof names by the field present', () => {
    expect(fromProtoValue({ listValue: { values: [{ numberValue: 2 }, { stringValue: 's' }] } })).toEqual([
      2,
      's',
    ]);
    expect(fromProtoValue({ structValue: { fields: { k: { boolValue: false } } } })).toEqual({ k: false });
  });
});
