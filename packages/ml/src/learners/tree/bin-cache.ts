/**
 * Binning once per matrix: a grid search fits dozens of trees, forests and boosters on one
 * matrix, and a pipeline fits three learners on it. The binned data is kept per matrix object
 * (weakly, so it goes with the matrix) with a fingerprint of the matrix's contents, checked on
 * every use: a matrix changed in place is binned again.
 */
import type { Matrix } from '../../data/matrix.js';
import { type BinnedData, type BinningOptions, binFeatures } from './binning.js';

interface Entry {
  readonly key: string;
  readonly fingerprint: string;
  readonly data: BinnedData;
}

const cache = new WeakMap<Matrix, Entry>();

/** `binFeatures(X, options)`, from the cache when X (same contents) was binned so before. */
export function binnedFor(X: Matrix, options: BinningOptions = {}): BinnedData {
  const key = `${options.maxBins}/${options.sparseShare}/${options.allColumnsCells}`;
  const fingerprint = fingerprintOf(X);
  const hit = cache.get(X);
  if (hit && hit.key === key && hit.fingerprint === fingerprint) return hit.data;
  const data = binFeatures(X, options);
  cache.set(X, { key, fingerprint, data });
  return data;
}

/** A 128-bit hash of the matrix's shape and arrays (their bytes, as 32-bit words). */
function fingerprintOf(X: Matrix): string {
  const lanes = new Int32Array(4);
  lanes[0] = X.rows;
  lanes[1] = X.cols;
  if (X.kind === 'dense') mix(lanes, X.data);
  else {
    mix(lanes, X.indptr);
    mix(lanes, X.indices);
    mix(lanes, X.values);
  }
  return Array.from(lanes, (h) => (h >>> 0).toString(16)).join('');
}

/**
 * Folds an array's words into four independent multiply-xor lanes (four, so that the multiplies
 * overlap: one lane would wait on each multiply in turn), each lane's words at distinct positions.
 */
function mix(lanes: Int32Array, array: Float64Array | Int32Array): void {
  const w = new Int32Array(array.buffer, array.byteOffset, array.byteLength >> 2);
  let h0 = lanes[0]! ^ w.length;
  let h1 = lanes[1]!;
  let h2 = lanes[2]!;
  let h3 = lanes[3]!;
  const n = w.length;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    h0 = Math.imul(h0 ^ w[k]!, 0x01000193);
    h1 = Math.imul(h1 ^ w[k + 1]!, 0x5bd1e995);
    h2 = Math.imul(h2 ^ w[k + 2]!, 0x27d4eb2f);
    h3 = Math.imul(h3 ^ w[k + 3]!, 0x165667b1);
  }
  for (; k < n; k++) h0 = Math.imul(h0 ^ w[k]!, 0x01000193);
  // Rotate the lanes so that the next array's words meet different multipliers.
  lanes[0] = h1 ^ (h0 >>> 15);
  lanes[1] = h2 ^ (h1 >>> 13);
  lanes[2] = h3 ^ (h2 >>> 16);
  lanes[3] = h0 ^ (h3 >>> 17);
}
