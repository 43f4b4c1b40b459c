/**
 * Splitting a node's rows between its children: partitions of its segment of `samples` (the
 * children own the two parts), or, when both children are leaves, just each row's leaf.
 *
 * Boosting's histogram sums depend on the order of a node's rows, so its partition keeps the
 * order the grower has always produced (`partitionHoare`); CART's integer statistics sum exactly
 * in any order and take the faster stable partition.
 */

/**
 * In-place partition of samples[start..end) by a column of codes, code <= bin first, in the order
 * the grower has always produced (rows going right are swapped in from the end). Boosting's
 * histogram sums depend on that order, so it stays.
 */
export function partitionHoare(
  samples: Int32Array,
  codes: Uint16Array,
  base: number,
  bin: number,
  start: number,
  end: number,
): number {
  let i = start;
  let j = end - 1;
  while (i <= j) {
    if (codes[base + samples[i]!]! <= bin) i++;
    else {
      const t = samples[i]!;
      samples[i] = samples[j]!;
      samples[j--] = t;
    }
  }
  return i;
}

/**
 * The same partition, stable and without branches on the data (about twice as fast): for
 * statistics whose sums are exact whatever the order (integer weights and labels).
 */
export function partitionStable(
  samples: Int32Array,
  spill: Int32Array,
  codes: Uint16Array,
  base: number,
  bin: number,
  start: number,
  end: number,
): number {
  let l = start;
  let r = 0;
  for (let k = start; k < end; k++) {
    const s = samples[k]!;
    // 1 when the row goes right (code > bin): the sign bit of bin - code.
    const right = (bin - codes[base + s]!) >>> 31;
    samples[l] = s;
    spill[r] = s;
    l += 1 - right;
    r += right;
  }
  for (let k = 0; k < r; k++) samples[l + k] = spill[k]!;
  return l;
}

/**
 * Instead of partitioning a node whose children are both leaves: each row's leaf, by a column of
 * codes (code <= bin: left).
 */
export function leavesByColumn(
  leafOfRow: Int32Array,
  samples: Int32Array,
  codes: Uint16Array,
  base: number,
  bin: number,
  start: number,
  end: number,
  left: number,
  right: number,
): void {
  for (let k = start; k < end; k++) {
    const i = samples[k]!;
    const toRight = -((bin - codes[base + i]!) >>> 31);
    leafOfRow[i] = left + ((right - left) & toRight);
  }
}

/** `leavesByColumn` by per-row marks. */
export function leavesByMark(
  leafOfRow: Int32Array,
  samples: Int32Array,
  mark: Int32Array,
  defMark: number,
  binMark: number,
  start: number,
  end: number,
  left: number,
  right: number,
): void {
  for (let k = start; k < end; k++) {
    const i = samples[k]!;
    const m = mark[i]!;
    leafOfRow[i] = (m === 0 ? defMark : m) <= binMark ? left : right;
  }
}

/** `partitionHoare` by per-row marks (bin + 1; 0 = the default bin `defMark` - 1). */
export function partitionByMark(
  samples: Int32Array,
  mark: Int32Array,
  defMark: number,
  binMark: number,
  start: number,
  end: number,
): number {
  let i = start;
  let j = end - 1;
  while (i <= j) {
    const m = mark[samples[i]!]!;
    if ((m === 0 ? defMark : m) <= binMark) i++;
    else {
      const t = samples[i]!;
      samples[i] = samples[j]!;
      samples[j--] = t;
    }
  }
  return i;
}

/** `partitionStable` by per-row marks. */
export function partitionByMarkStable(
  samples: Int32Array,
  spill: Int32Array,
  mark: Int32Array,
  defMark: number,
  binMark: number,
  start: number,
  end: number,
): number {
  let l = start;
  let r = 0;
  for (let k = start; k < end; k++) {
    const s = samples[k]!;
    const m = mark[s]!;
    const right = (binMark - (m === 0 ? defMark : m)) >>> 31;
    samples[l] = s;
    spill[r] = s;
    l += 1 - right;
    r += right;
  }
  for (let k = 0; k < r; k++) samples[l + k] = spill[k]!;
  return l;
}
