/**
 * numpy's legacy `np.random.RandomState`, bit for bit: the MT19937 generator seeded as numpy seeds
 * it, and the draws the course's notebooks and scikit-learn's splitters make (`random_sample`,
 * `uniform`, `randint`, `shuffle`, `permutation`).
 *
 * Bit-exactness is the point: `train_test_split(random_state=1)`, `KFold(shuffle=True,
 * random_state=1)` and `np.random.seed(2); np.random.shuffle(idx)` are permutations drawn from this
 * generator, so reproducing it reproduces the course's train/validation/test rows exactly, and
 * with them its metrics (not just approximately).
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** The largest seed numpy accepts for an integer seed. */
const MAX_SEED = 0xffffffff;

export class RandomState {
  private readonly mt = new Uint32Array(N);
  private mti = N + 1;

  /**
   * An integer seeds the generator as numpy does for `RandomState(int)` / `np.random.seed(int)`
   * (Knuth's linear `init_genrand`); an array of 32-bit words seeds it with `init_by_array`, as numpy
   * does for array seeds.
   */
  constructor(seed: number | readonly number[] = 0) {
    this.seed(seed);
  }

  seed(seed: number | readonly number[]): void {
    if (typeof seed === 'number') {
      if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
        throw new RangeError(`RandomState: seed must be an integer in [0, 2**32 - 1], got ${seed}`);
      }
      this.initGenrand(seed);
    } else {
      this.initByArray(seed);
    }
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      // 1812433253 * prev overflows 2**53; Math.imul keeps the low 32 bits exactly.
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.mti = N;
  }

  private initByArray(key: readonly number[]): void {
    if (key.length === 0) throw new RangeError('RandomState: seed array must not be empty');
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + (key[j]! >>> 0) + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.mti = N;
  }

  private generate(): void {
    const mt = this.mt;
    let kk = 0;
    for (; kk < N - M; kk++) {
      const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
      mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
    mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.mti = 0;
  }

  /** The next raw 32-bit output of MT19937 (tempered), as an unsigned integer. */
  nextUint32(): number {
    if (this.mti >= N) this.generate();
    let y = this.mt[this.mti++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random_sample()`: a double in [0, 1) from 53 random bits (27 + 26, as numpy builds it). */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `random_sample(size)` / `rand(size)`. */
  randomSamples(size: number): Float64Array {
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.randomSample();
    return out;
  }

  /** `uniform(low, high, size)`: `low + (high - low) * random_sample()`, in numpy's order. */
  uniform(low: number, high: number, size: number): Float64Array {
    const out = new Float64Array(size);
    const scale = high - low;
    for (let i = 0; i < size; i++) out[i] = low + scale * this.randomSample();
    return out;
  }

  /**
   * A uniform integer in [0, max] by masked rejection: draw 32 bits, keep the bits below max's
   * highest bit, retry while above max. This is numpy's `random_interval` (legacy `rk_interval`),
   * used by `shuffle`/`permutation`, and the same draw legacy `randint` makes for ranges below 2**32.
   */
  interval(max: number): number {
    if (max === 0) return 0;
    if (max > MAX_SEED) throw new RangeError('RandomState.interval: ranges above 2**32 are not supported');
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do {
      value = (this.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  /** `randint(low, high)`: one integer in [low, high). With a single argument, [0, low). */
  randint(low: number, high?: number): number {
    const [lo, hi] = high === undefined ? [0, low] : [low, high];
    if (!(hi > lo)) throw new RangeError(`RandomState.randint: low >= high (${lo}, ${hi})`);
    return lo + this.interval(hi - lo - 1);
  }

  /** `randint(low, high, size)`: `size` integers in [low, high), drawn in order. */
  randints(low: number, high: number, size: number): Int32Array | Float64Array {
    if (!(high > low)) throw new RangeError(`RandomState.randints: low >= high (${low}, ${high})`);
    const fitsInt32 = low >= -0x80000000 && high - 1 <= 0x7fffffff;
    const out = fitsInt32 ? new Int32Array(size) : new Float64Array(size);
    const range = high - low - 1;
    for (let i = 0; i < size; i++) out[i] = low + this.interval(range);
    return out;
  }

  /**
   * `shuffle(x)` in place: Fisher-Yates from the last element down, swapping x[i] with x[j] for
   * j = interval(i), exactly numpy's legacy order of draws.
   */
  shuffle<T extends { length: number; [i: number]: any }>(x: T): T {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const tmp = x[i];
      x[i] = x[j];
      x[j] = tmp;
    }
    return x;
  }

  /** `permutation(n)`: a shuffled `arange(n)`. */
  permutation(n: number): Int32Array {
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    return this.shuffle(idx);
  }
}
