// The k first items of a list in an order, without sorting the whole list: a panel shows the 500 largest
// of a million live objects once a second, and a full sort of them costs it a frame or more.

/** The first `k` items of `items` under `cmp`, in that order; ties keep the list's order. */
export function firstK<T>(items: readonly T[], k: number, cmp: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  if (k <= 0) return out;
  for (let i = 0; i < items.length; i++) {
    const x = items[i]!;
    if (out.length === k && cmp(x, out[k - 1]!) >= 0) continue;
    // Binary search for the first item that x comes before.
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(x, out[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    out.splice(lo, 0, x);
    if (out.length > k) out.pop();
  }
  return out;
}
