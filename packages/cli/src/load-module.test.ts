import { describe, expect, it } from 'vitest';
import { exportsOf } from './load-module.js';

describe('exportsOf', () => {
  it('keeps the exports of an ES module', () => {
    const f = () => {};
    expect(exportsOf({ default: f, churn: 1 })).toEqual({ default: f, churn: 1 });
  });

  it("reads a CommonJS module's exports from module.exports (its only export, default)", () => {
    expect(exportsOf({ default: { churn: 1, trees: 2 } })).toEqual({ churn: 1, trees: 2 });
  });

  it('keeps a default export that is a single value', () => {
    const f = () => {};
    expect(exportsOf({ default: f })).toEqual({ default: f });
  });
});
