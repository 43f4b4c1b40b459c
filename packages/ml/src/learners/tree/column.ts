/**
 * Column-wise histograms: one feature's bins over a node's rows, for forests that try a few
 * sampled features per node. Each leaves the feature's histogram in ws.loc (local bins,
 * interleaved count, sum of a, sum of b) and its non-empty bins, ascending, in ws.list, for
 * `scanList`; `clearLocal` zeroes them again.
 *
 * Two flavours. `columnGroups` takes any statistics. The packed ones are for integer statistics
 * (CART's bootstrap counts and labels), packed into one int32 per row as a + b * 2^15: one
 * integer add then sums both, and a two-bin feature's first bin is the node minus its second,
 * exactly. They are a good deal faster, and forests spend half their time here.
 */
import type { BinnedData } from './binning.js';
import { sortRange } from './sort.js';
import type { GrowWorkspace } from './workspace.js';

/** Packed sums hold a in the low 15 bits and b above: both must stay below this. */
export const PACKED_LIMIT = 1 << 15;
const LOW = PACKED_LIMIT - 1;

/** One feature's histogram over the rows samples[start..end); returns the number of groups. */
export function columnGroups(
  ws: GrowWorkspace,
  data: BinnedData,
  f: number,
  a: Float64Array,
  b: Float64Array,
  start: number,
  end: number,
): number {
  const nb = data.nBins[f]!;
  const { samples, loc, list } = ws;
  const codes = data.codes;
  const base = data.colOffset[f]!;
  if ((end - start) * 8 > nb) {
    // Most bins will be hit: accumulate without listing them, then read the whole range.
    for (let k = start; k < end; k++) {
      const i = samples[k]!;
      const h = 3 * codes[base + i]!;
      loc[h]!++;
      loc[h + 1]! += a[i]!;
      loc[h + 2]! += b[i]!;
    }
    let g = 0;
    for (let c = 0; c < nb; c++) if (loc[3 * c]! > 0) list[g++] = c;
    return g;
  }
  // A few rows: list the bins they touch, then sort the list.
  let t = 0;
  for (let k = start; k < end; k++) {
    const i = samples[k]!;
    const c = codes[base + i]!;
    const h = 3 * c;
    if (loc[h] === 0) list[t++] = c;
    loc[h]!++;
    loc[h + 1]! += a[i]!;
    loc[h + 2]! += b[i]!;
  }
  sortRange(list, 0, t);
  return t;
}

/**
 * A two-bin feature's second bin over the rows samples[start..end), from packed statistics:
 * returns its row count and leaves its packed sums in ws.pairSums[0]. (Codes are 0 or 1: -code is
 * a mask selecting the row's packed sums.)
 */
export function columnPairPacked(
  ws: GrowWorkspace,
  data: BinnedData,
  f: number,
  packed: Int32Array,
  start: number,
  end: number,
): number {
  const { samples } = ws;
  const codes = data.codes;
  const base = data.colOffset[f]!;
  let c1 = 0;
  let p1 = 0;
  for (let k = start; k < end; k++) {
    const i = samples[k]!;
    const one = codes[base + i]!;
    c1 += one;
    p1 += packed[i]! & -one;
  }
  ws.pairSums[0] = p1;
  return c1;
}

/** Unpacks packed sums: a. */
export function packedA(p: number): number {
  return p & LOW;
}

/** Unpacks packed sums: b. */
export function packedB(p: number): number {
  return p >>> 15;
}

/**
 * `columnGroups` of a feature with more than two bins, over packed integer statistics
 * (`packed[i]` = a_i + b_i * 2^15). The bins touched are marked in a bitmap, read back in order a
 * word (32 bins) at a time: no sort, and no pass over the empty bins of a many-valued feature.
 */
export function columnGroupsPacked(
  ws: GrowWorkspace,
  data: BinnedData,
  f: number,
  packed: Int32Array,
  start: number,
  end: number,
): number {
  const nb = data.nBins[f]!;
  const { samples, loc, list, touchedWords } = ws;
  const codes = data.codes;
  const base = data.colOffset[f]!;
  // Interleaved (count, packed sums) per bin.
  const acc = ws.locPacked;
  for (let k = start; k < end; k++) {
    const i = samples[k]!;
    const c = codes[base + i]!;
    acc[2 * c]!++;
    acc[2 * c + 1]! += packed[i]!;
    touchedWords[c >>> 5]! |= 1 << (c & 31);
  }
  let g = 0;
  const words = (nb + 31) >>> 5;
  for (let w = 0; w < words; w++) {
    let bits = touchedWords[w]!;
    if (bits === 0) continue;
    touchedWords[w] = 0;
    while (bits !== 0) {
      const low = bits & -bits;
      const c = (w << 5) + 31 - Math.clz32(low);
      bits ^= low;
      const p = acc[2 * c + 1]!;
      g = setBin(loc, list, g, c, acc[2 * c]!, p & LOW, p >>> 15);
      acc[2 * c] = 0;
      acc[2 * c + 1] = 0;
    }
  }
  return g;
}

/** Sets local bin c's sums and lists it as group g; returns g + 1. */
function setBin(
  loc: Float64Array,
  list: Int32Array,
  g: number,
  c: number,
  count: number,
  sumA: number,
  sumB: number,
): number {
  loc[3 * c] = count;
  loc[3 * c + 1] = sumA;
  loc[3 * c + 2] = sumB;
  list[g] = c;
  return g + 1;
}

/** Zeroes the listed bins of ws.loc. */
export function clearLocal(ws: GrowWorkspace, groups: number): void {
  const { loc, list } = ws;
  for (let g = 0; g < groups; g++) {
    const h = 3 * list[g]!;
    loc[h] = 0;
    loc[h + 1] = 0;
    loc[h + 2] = 0;
  }
}
