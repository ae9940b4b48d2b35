import { describe, expect, it } from 'vitest';
import { compareKeyed, SortedRows, type SortValue } from './sorted-rows';
import type { TraceObject } from './trace-types';

const row = (n: number, createdAt: number): TraceObject => ({
  id: `r${n}`, kind: 'webgl.buffer', bytes: 0, peakBytes: 0, createdAt, releasedAt: null, context: 'c', frame: 'f',
});

describe('SortedRows', () => {
  it('stays in the order of a full sort over many chunks, through removals that empty chunks and inserts that split them', () => {
    // A fixed pseudo-random sequence (a linear congruential generator): the same steps every run.
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (const dir of [1, -1]) {
      let ref: { v: SortValue; o: TraceObject }[] = [];
      for (let i = 0; i < 3000; i++) ref.push({ v: rand(100), o: row(i, rand(1000)) });
      const sortRef = (): void => void ref.sort((a, b) => compareKeyed(a.v, a.o, b.v, b.o, dir));
      sortRef();
      const rows = new SortedRows(ref.map((r) => r.o), ref.map((r) => r.v), dir);
      let next = 3000;
      for (let step = 0; step < 40; step++) {
        // Every fourth step empties a run of 700 rows (more than a chunk); the others add 1 100 rows in
        // one narrow band of values (a chunk grows past twice its size and splits) or churn at random.
        if (step % 4 === 0) {
          const start = rand(Math.max(1, ref.length - 700));
          for (const r of ref.slice(start, start + 700)) expect(rows.remove(r.v, r.o)).toBe(true);
          ref = [...ref.slice(0, start), ...ref.slice(start + 700)];
        } else if (step % 4 === 1) {
          for (let i = 0; i < 1100; i++) {
            const r = { v: 50, o: row(next++, rand(1000)) };
            rows.insert(r.v, r.o);
            ref.push(r);
          }
        } else {
          for (let i = 0; i < 50; i++) {
            if (ref.length > 0) {
              const [r] = ref.splice(rand(ref.length), 1);
              expect(rows.remove(r!.v, r!.o)).toBe(true);
            }
            const r = { v: rand(100), o: row(next++, rand(1000)) };
            rows.insert(r.v, r.o);
            ref.push(r);
          }
        }
        sortRef();
        rows.reindex();
        expect(rows.length).toBe(ref.length);
        expect(rows.toArray()).toEqual(ref.map((r) => r.o));
        expect(rows.keysArray()).toEqual(ref.map((r) => r.v));
        for (const i of [0, 511, 512, 1023, 2047, ref.length - 1]) expect(rows.at(i)).toBe(ref[i]?.o);
      }
      expect(rows.at(-1)).toBeUndefined();
      expect(rows.at(rows.length)).toBeUndefined();
      // A row not there is not removed; one whose object is gone is found by its id.
      expect(rows.remove(1, row(999_999, 0))).toBe(false);
      const victim = ref[10]!.o;
      expect(rows.removeId(victim.id)).toBe(true);
      rows.reindex();
      expect(rows.length).toBe(ref.length - 1);
    }
  });

  it('starts empty and takes a first row', () => {
    const rows = new SortedRows([], [], 1);
    expect(rows.length).toBe(0);
    rows.insert(3, row(1, 0));
    rows.reindex();
    expect(rows.toArray().map((r) => r.id)).toEqual(['r1']);
  });
});
