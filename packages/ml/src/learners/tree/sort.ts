/**
 * In-place sorting of typed-array ranges, hand-written: sorting a subarray allocates a view per
 * call, and V8's Float64Array#sort is a few times slower on the binning's columns. There is one
 * copy per array type on purpose: each loop then sees a single element kind, which V8 optimises
 * into tight code (a function shared by both types would not be).
 */

/**
 * Sorts a[lo..hi) ascending in place: insertion sort for short ranges, quicksort (median of three)
 * above.
 */
export function sortRange(a: Int32Array, lo: number, hi: number): void {
  while (hi - lo > 24) {
    const mid = (lo + hi) >>> 1;
    // Median of the first, middle and last values.
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi - 1]!;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    // Recurse into the smaller part, loop on the larger (bounded stack depth).
    if (j - lo < hi - 1 - i) {
      sortRange(a, lo, j + 1);
      lo = i;
    } else {
      sortRange(a, i, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

/** `sortRange` for finite doubles. */
export function sortFloat(a: Float64Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi - 1]!;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    // Recurse into the smaller part, loop on the larger (bounded stack depth).
    if (j - lo < hi - 1 - i) {
      sortFloat(a, lo, j + 1);
      lo = i;
    } else {
      sortFloat(a, i, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}
