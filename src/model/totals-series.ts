// Live counts and bytes per kind over time, as columns for the chart. Bounded: when full, neighbouring
// points merge (the later one wins) and the minimum spacing doubles, so the whole history stays visible.
import type { Kind } from './kinds';
import type { KindTotals } from './trace-types';

export class TotalsSeries {
  readonly xs: number[] = [];
  readonly count = new Map<Kind, number[]>();
  readonly bytes = new Map<Kind, number[]>();
  private gap: number;

  constructor(
    private readonly capacity = 2048,
    initialGapMs = 20,
  ) {
    this.gap = initialGapMs;
  }

  /** Records the totals at time t (ms); a point closer than the current spacing replaces the last one. */
  sample(t: number, live: ReadonlyMap<Kind, KindTotals>): void {
    const n = this.xs.length;
    const replace = n > 0 && t - this.xs[n - 1]! < this.gap;
    const idx = replace ? n - 1 : n;
    if (!replace) this.xs.push(t);
    else this.xs[idx] = t;
    for (const [kind, tot] of live) {
      let c = this.count.get(kind);
      let b = this.bytes.get(kind);
      if (!c || !b) {
        c = new Array<number>(idx).fill(0);
        b = new Array<number>(idx).fill(0);
        this.count.set(kind, c);
        this.bytes.set(kind, b);
      }
      c[idx] = tot.count;
      b[idx] = tot.bytes;
    }
    if (this.xs.length > this.capacity) this.halve();
  }

  private halve(): void {
    const keep = (a: number[]): void => {
      let w = 0;
      for (let r = 1; r < a.length; r += 2) a[w++] = a[r]!;
      if (a.length % 2 === 1) a[w++] = a[a.length - 1]!;
      a.length = w;
    };
    keep(this.xs);
    for (const a of this.count.values()) keep(a);
    for (const a of this.bytes.values()) keep(a);
    this.gap *= 2;
  }
}
