// The objects view's rows, kept sorted in chunks: a row that leaves or comes in moves the rows of its chunk
// only. One list of 100 000 rows copied whole at each redraw cost the panel several ms a redraw while the
// garbage collector was marking (each copied reference pays its write barrier); a chunk is a few hundred.
import type { TraceObject } from './trace-types';

/** A row's sort value (object-query.ts's sortValue): a number or a string, one type per query. */
export type SortValue = string | number;

/** Rows per chunk when a list is made; a chunk that grows to twice this splits. */
const CHUNK = 512;

/** The rows' order: by sort value (descending when dir is -1), ties by creation time, then id. */
export function compareKeyed(va: SortValue, a: TraceObject, vb: SortValue, b: TraceObject, dir: number): number {
  if (va !== vb) return va < vb ? -dir : dir;
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

interface Chunk {
  rows: TraceObject[];
  /** Each row's sort value when it was placed: the order the rows are in. */
  keys: SortValue[];
}

export class SortedRows {
  private chunks: Chunk[] = [];
  /** Index of each chunk's first row; rebuilt after a change. */
  private starts: number[] = [];
  length = 0;

  /** `rows` sorted already by their `keys` in direction `dir` (1 ascending, -1 descending). */
  constructor(rows: readonly TraceObject[], keys: readonly SortValue[], private readonly dir: number) {
    for (let i = 0; i < rows.length; i += CHUNK) this.chunks.push({ rows: rows.slice(i, i + CHUNK), keys: keys.slice(i, i + CHUNK) });
    this.reindex();
  }

  at(i: number): TraceObject | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.chunks[lo]!.rows[i - starts[lo]!];
  }

  toArray(): TraceObject[] {
    const out: TraceObject[] = [];
    for (const c of this.chunks) for (const o of c.rows) out.push(o);
    return out;
  }

  keysArray(): SortValue[] {
    const out: SortValue[] = [];
    for (const c of this.chunks) for (const k of c.keys) out.push(k);
    return out;
  }

  /** Removes the row `o` placed with sort value `v`; false when it is not there. */
  remove(v: SortValue, o: TraceObject): boolean {
    const [ci, k] = this.locate(v, o);
    const c = this.chunks[ci];
    if (!c || c.rows[k] !== o) return false;
    this.cut(ci, k);
    return true;
  }

  /** Removes the row with this id wherever it is: for a row whose object is gone, so its value is unknown. */
  removeId(id: string): boolean {
    for (let ci = 0; ci < this.chunks.length; ci++) {
      const k = this.chunks[ci]!.rows.findIndex((r) => r.id === id);
      if (k >= 0) {
        this.cut(ci, k);
        return true;
      }
    }
    return false;
  }

  /** Takes row k out of chunk ci, and the chunk out when it empties: a search meets no empty chunk. */
  private cut(ci: number, k: number): void {
    const c = this.chunks[ci]!;
    c.rows.splice(k, 1);
    c.keys.splice(k, 1);
    if (c.rows.length === 0) this.chunks.splice(ci, 1);
  }

  insert(v: SortValue, o: TraceObject): void {
    if (this.chunks.length === 0) {
      this.chunks.push({ rows: [o], keys: [v] });
      return;
    }
    const [ci, k] = this.locate(v, o);
    const c = this.chunks[ci]!;
    c.rows.splice(k, 0, o);
    c.keys.splice(k, 0, v);
    if (c.rows.length >= 2 * CHUNK) this.chunks.splice(ci + 1, 0, { rows: c.rows.splice(CHUNK), keys: c.keys.splice(CHUNK) });
  }

  /** After removals and inserts: counts the rows again. */
  reindex(): void {
    this.starts = new Array<number>(this.chunks.length);
    let n = 0;
    for (let i = 0; i < this.chunks.length; i++) {
      this.starts[i] = n;
      n += this.chunks[i]!.rows.length;
    }
    this.length = n;
  }

  /** The chunk and place of the first row that does not sort before (v, o); the last chunk's end when none. */
  private locate(v: SortValue, o: TraceObject): [number, number] {
    const chunks = this.chunks;
    if (chunks.length === 0) return [0, 0];
    const dir = this.dir;
    // The first chunk whose last row does not sort before (v, o), else the last chunk.
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = chunks[mid]!;
      const last = c.rows.length - 1;
      if (compareKeyed(c.keys[last]!, c.rows[last]!, v, o, dir) < 0) lo = mid + 1;
      else hi = mid;
    }
    const c = chunks[lo]!;
    let a = 0;
    let b = c.rows.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (compareKeyed(c.keys[mid]!, c.rows[mid]!, v, o, dir) < 0) a = mid + 1;
      else b = mid;
    }
    return [lo, a];
  }
}
