import { describe, expect, it } from 'vitest';
import { kFold, shuffledSplit, take, trainTestSplit, trainValTestSplit } from './split.js';

const sum = (a: Int32Array): number => a.reduce((s, v) => s + v, 0);

// Expected index sets printed by scikit-learn 1.2.1 (train_test_split, KFold) on np.arange(n).
describe('trainTestSplit / trainValTestSplit', () => {
  it("reproduces the churn split (n=7043, seed 1): the course's 4225 / 1409 / 1409", () => {
    const s = trainValTestSplit(7043, 1);
    expect([s.train.length, s.val.length, s.test.length]).toEqual([4225, 1409, 1409]);
    expect(Array.from(s.fullTrain.slice(0, 5))).toEqual([1814, 5946, 3881, 2389, 3676]);
    expect(Array.from(s.fullTrain.slice(-3))).toEqual([3980, 235, 5157]);
    expect(Array.from(s.test.slice(0, 5))).toEqual([3381, 6180, 4829, 3737, 4249]);
    expect(Array.from(s.test.slice(-3))).toEqual([2899, 3474, 5154]);
    expect(Array.from(s.train.slice(0, 5))).toEqual([3897, 1980, 6302, 727, 5104]);
    expect(Array.from(s.val.slice(0, 5))).toEqual([565, 199, 6738, 2504, 556]);
    expect([sum(s.train), sum(s.val)]).toEqual([14772606, 5009757]);
  });

  it('reproduces the credit split (n=4454, seed 11) and the car classification split (n=11914, seed 42)', () => {
    const credit = trainValTestSplit(4454, 11);
    expect([credit.train.length, credit.val.length, credit.test.length]).toEqual([2672, 891, 891]);
    expect(Array.from(credit.test.slice(0, 5))).toEqual([1207, 1734, 3749, 4245, 2227]);
    expect(Array.from(credit.train.slice(0, 5))).toEqual([951, 688, 2233, 3304, 2271]);
    expect(Array.from(credit.val.slice(0, 5))).toEqual([2404, 908, 2464, 1663, 1518]);
    expect([sum(credit.train), sum(credit.val)]).toEqual([6029431, 1929883]);
    const car = trainValTestSplit(11914, 42);
    expect([car.train.length, car.val.length, car.test.length]).toEqual([7148, 2383, 2383]);
    expect(Array.from(car.test.slice(-3))).toEqual([5799, 6080, 11511]);
    expect(Array.from(car.train.slice(0, 5))).toEqual([3972, 1997, 5216, 2805, 11369]);
    expect([sum(car.train), sum(car.val)]).toEqual([42564406, 14309734]);
  });

  it('partitions the rows and accepts an absolute test size', () => {
    const s = trainTestSplit(10, 3, 0);
    expect(s.test.length).toBe(3);
    expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => trainTestSplit(10, 1.5, 0)).toThrow(RangeError);
    expect(() => trainTestSplit(10, 10, 0)).toThrow(RangeError);
  });
});

describe('shuffledSplit (notebook 02)', () => {
  it('slices one shuffled index array 60/20/20 with int(n * 0.2)', () => {
    const s = shuffledSplit(11914, 2);
    expect([s.train.length, s.val.length, s.test.length]).toEqual([7150, 2382, 2382]);
    expect(Array.from(s.train.slice(0, 5))).toEqual([2735, 6720, 5878, 11190, 4554]);
    expect(Array.from(s.fullTrain)).toEqual([...s.train, ...s.val]);
  });
});

describe('kFold', () => {
  it('reproduces KFold(5, shuffle=True, random_state=1) on the churn full-train rows', () => {
    const folds = kFold(5634, 5, 1);
    expect(folds.map((f) => [f.train.length, f.val.length])).toEqual([
      [4507, 1127],
      [4507, 1127],
      [4507, 1127],
      [4507, 1127],
      [4508, 1126],
    ]);
    expect(folds.map((f) => Array.from(f.val.slice(0, 3)))).toEqual([
      [4, 5, 11],
      [1, 3, 6],
      [7, 9, 10],
      [0, 8, 16],
      [2, 14, 15],
    ]);
    expect(folds.map((f) => sum(f.val))).toEqual([3168880, 3125867, 3205554, 3156925, 3210935]);
    expect(Array.from(folds[3]!.train.slice(0, 3))).toEqual([1, 2, 3]);
  });

  it('small cases, shuffled and contiguous', () => {
    expect(kFold(10, 3, 7).map((f) => [Array.from(f.train), Array.from(f.val)])).toEqual([
      [
        [1, 3, 4, 6, 7, 9],
        [0, 2, 5, 8],
      ],
      [
        [0, 2, 3, 4, 5, 6, 8],
        [1, 7, 9],
      ],
      [
        [0, 1, 2, 5, 7, 8, 9],
        [3, 4, 6],
      ],
    ]);
    expect(kFold(10, 3).map((f) => Array.from(f.val))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(() => kFold(3, 5, 1)).toThrow(RangeError);
  });

  it('take composes selections', () => {
    expect(Array.from(take([10, 20, 30, 40], [3, 0]))).toEqual([40, 10]);
  });
});
