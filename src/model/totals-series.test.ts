import { describe, expect, it } from 'vitest';
import type { Kind } from './kinds';
import { TotalsSeries } from './totals-series';

const live = (count: number, bytes: number) => new Map<Kind, { count: number; bytes: number }>([['webgl.buffer', { count, bytes }]]);

describe('TotalsSeries', () => {
  it('appends points at least the gap apart and replaces closer ones', () => {
    const s = new TotalsSeries(100, 20);
    s.sample(0, live(1, 10));
    s.sample(5, live(2, 20)); // within 20 ms: replaces
    s.sample(30, live(3, 30));
    expect(s.xs).toEqual([5, 30]);
    expect(s.count.get('webgl.buffer')).toEqual([2, 3]);
    expect(s.bytes.get('webgl.buffer')).toEqual([20, 30]);
  });
  it('backfills zeros for a kind first seen later', () => {
    const s = new TotalsSeries(100, 1);
    s.sample(0, new Map());
    s.sample(10, live(1, 4));
    expect(s.bytes.get('webgl.buffer')).toEqual([0, 4]);
  });
  it('halves resolution when full instead of forgetting the start', () => {
    const s = new TotalsSeries(4, 1);
    for (let t = 0; t < 5; t++) s.sample(t * 10, live(t, t));
    // 5 points > 4: pairs (0,10) (20,30) keep their later point, the odd last point stays
    expect(s.xs).toEqual([10, 30, 40]);
    expect(s.count.get('webgl.buffer')).toEqual([1, 3, 4]);
  });
});
