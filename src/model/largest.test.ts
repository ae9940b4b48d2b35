import { describe, expect, it } from 'vitest';
import { firstK } from './largest';

describe('firstK', () => {
  it('gives the same items as a stable sort followed by a slice', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 50;
    const items = Array.from({ length: 2000 }, (_, i) => ({ i, bytes: rnd() }));
    const cmp = (a: { bytes: number }, b: { bytes: number }) => b.bytes - a.bytes;
    for (const k of [0, 1, 10, 500, 1999, 2000, 3000]) {
      expect(firstK(items, k, cmp)).toEqual(items.slice().sort(cmp).slice(0, k));
    }
  });
});
