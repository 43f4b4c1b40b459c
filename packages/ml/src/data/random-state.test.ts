import { describe, expect, it } from 'vitest';
import { RandomState } from './random-state.js';

// Expected values are numpy's (legacy RandomState), printed by numpy 1.24 and 2.4 alike.
describe('RandomState (numpy legacy MT19937)', () => {
  it('permutation(10) with seed 1', () => {
    expect(Array.from(new RandomState(1).permutation(10))).toEqual([2, 9, 6, 4, 0, 3, 1, 7, 8, 5]);
  });

  it('random_sample() with seed 42 (np.random.seed(42); np.random.rand())', () => {
    expect(new RandomState(42).randomSample()).toBe(0.3745401188473625);
  });

  it('uniform(0, 1, size=3) with seed 1 (the draw before y_rand in notebook 04)', () => {
    expect(Array.from(new RandomState(1).uniform(0, 1, 3))).toEqual([
      0.417022004702574, 0.7203244934421581, 0.00011437481734488664,
    ]);
  });

  it('randint draws in order, mixing calls', () => {
    const rs = new RandomState(0);
    expect([0, 1, 2, 3, 4].map(() => rs.randint(0, 1000))).toEqual([684, 559, 629, 192, 835]);
    expect(rs.randomSample()).toBe(0.8579456176227568);
    const r2 = new RandomState(123);
    expect(Array.from(r2.randints(0, 10, 10))).toEqual([2, 2, 6, 1, 3, 9, 6, 1, 0, 1]);
    expect(Array.from(r2.randints(0, 100000, 3))).toEqual([23166, 71200, 33710]);
  });

  it('negative ranges, the full 32-bit range, and the largest seed', () => {
    const rs = new RandomState(5);
    expect(Array.from(rs.randints(-10, 10, 8))).toEqual([-7, 4, 5, -4, 6, -1, -2, -6]);
    expect(Array.from(rs.randints(0, 2 ** 32, 2))).toEqual([2627419879, 1703970750]);
    expect(Array.from(new RandomState(2 ** 32 - 1).randints(0, 2 ** 31 - 1, 3))).toEqual([
      419326371, 479346978, 1771170828,
    ]);
  });

  it("scikit-learn's forest seeds: randint(2**31 - 1, size=5) with seed 1", () => {
    expect(Array.from(new RandomState(1).randints(0, 2147483647, 5))).toEqual([
      1791095845, 2135392491, 946286476, 1857819720, 491263,
    ]);
  });

  it('array seeds use init_by_array', () => {
    const rs = new RandomState([1, 2, 3]);
    expect(Array.from(rs.permutation(8))).toEqual([0, 4, 5, 7, 2, 3, 1, 6]);
    expect(rs.randomSample()).toBe(0.9131728030153596);
  });

  it("reproduces notebook 02's shuffled car indices (np.random.seed(2); shuffle(arange(11914)))", () => {
    // df_train.head() in the notebook shows rows 2735, 6720, 5878, 11190, 4554.
    expect(Array.from(new RandomState(2).permutation(11914).slice(0, 5))).toEqual([
      2735, 6720, 5878, 11190, 4554,
    ]);
  });

  it('shuffle works on plain arrays too, and re-seeding restarts the stream', () => {
    const rs = new RandomState(1);
    expect(rs.shuffle(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'])).toEqual([
      'c',
      'j',
      'g',
      'e',
      'a',
      'd',
      'b',
      'h',
      'i',
      'f',
    ]);
    rs.seed(42);
    expect(rs.randomSample()).toBe(0.3745401188473625);
  });

  it('rejects seeds numpy rejects', () => {
    expect(() => new RandomState(-1)).toThrow(RangeError);
    expect(() => new RandomState(2 ** 32)).toThrow(RangeError);
    expect(() => new RandomState(1.5)).toThrow(RangeError);
    expect(() => new RandomState([])).toThrow(RangeError);
    expect(() => new RandomState(1).randint(3, 3)).toThrow(RangeError);
  });
});
