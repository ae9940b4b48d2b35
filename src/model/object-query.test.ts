import { describe, expect, it } from 'vitest';
import type { Kind } from './kinds';
import { DEFAULT_QUERY, filterObjects, groupObjects, type ObjectQuery, type QueryEnv, sortObjects } from './object-query';
import type { TraceObject } from './trace-types';

function obj(id: string, kind: Kind, bytes: number, createdAt: number, releasedAt: number | null, more: Partial<TraceObject> = {}): TraceObject {
  return { id, kind, bytes, peakBytes: bytes, createdAt, releasedAt, context: 'c1', frame: 'f0:a', ...more };
}

const env: QueryEnv = {
  leaking: new Map([['t2', 'steady-growth']]),
  contextName: (id) => (id === 'c1' ? 'webgl2 canvas#main' : 'webgpu canvas#hud'),
};

// Two buffers and three textures over 0..40 ms; t1 released at 20, b2 at 30.
const objects = [
  obj('b1', 'webgl.buffer', 100, 0, null, { site: 'at a (app.js:1:1)' }),
  obj('t1', 'webgl.texture', 400, 10, 20, { site: 'at b (app.js:9:5)', label: 'Shadow map' }),
  obj('t2', 'webgl.texture', 400, 20, null, { site: 'at b (app.js:9:5)' }),
  obj('b2', 'webgl.buffer', 50, 25, 30, { site: 'at a (app.js:1:1)', context: 'c2' }),
  obj('t3', 'webgl.texture', 300, 40, null, { site: 'at b (app.js:9:5)', frame: 'f3:b' }),
];
const q = (over: Partial<ObjectQuery>): ObjectQuery => ({ ...DEFAULT_QUERY, ...over });
const ids = (list: readonly TraceObject[]): string[] => list.map((o) => o.id);

describe('filterObjects', () => {
  it('keeps live, released, leaking or all objects', () => {
    expect(ids(filterObjects(objects, q({}), env))).toEqual(['b1', 't2', 't3']);
    expect(ids(filterObjects(objects, q({ state: 'released' }), env))).toEqual(['t1', 'b2']);
    expect(ids(filterObjects(objects, q({ state: 'leaking' }), env))).toEqual(['t2']);
    expect(ids(filterObjects(objects, q({ state: 'all' }), env))).toHaveLength(5);
  });

  it('filters by kind, context and document frame', () => {
    expect(ids(filterObjects(objects, q({ state: 'all', kind: 'webgl.buffer' }), env))).toEqual(['b1', 'b2']);
    expect(ids(filterObjects(objects, q({ state: 'all', context: 'c2' }), env))).toEqual(['b2']);
    expect(ids(filterObjects(objects, q({ state: 'all', frame: 'f3:b' }), env))).toEqual(['t3']);
  });

  it('finds text in the id, kind, label, site and context name, ignoring case', () => {
    expect(ids(filterObjects(objects, q({ state: 'all', text: 'shadow' }), env))).toEqual(['t1']);
    expect(ids(filterObjects(objects, q({ state: 'all', text: 'APP.JS:1:' }), env))).toEqual(['b1', 'b2']);
    expect(ids(filterObjects(objects, q({ state: 'all', text: '#hud' }), env))).toEqual(['b2']);
    expect(ids(filterObjects(objects, q({ state: 'all', text: ' t3 ' }), env))).toEqual(['t3']);
    expect(ids(filterObjects(objects, q({ state: 'all', text: 'texture' }), env))).toEqual(['t1', 't2', 't3']);
  });
});

describe('sortObjects', () => {
  it('sorts by any column either way, ties in creation order', () => {
    const all = (): TraceObject[] => objects.slice();
    expect(ids(sortObjects(all(), 'bytes', true, env))).toEqual(['t1', 't2', 't3', 'b1', 'b2']);
    expect(ids(sortObjects(all(), 'bytes', false, env))).toEqual(['b2', 'b1', 't3', 't1', 't2']);
    // The eldest first when the age column sorts descending.
    expect(ids(sortObjects(all(), 'age', true, env))).toEqual(['b1', 't1', 't2', 'b2', 't3']);
    expect(ids(sortObjects(all(), 'label', true, env))).toEqual(['t1', 'b1', 't2', 'b2', 't3']);
    expect(ids(sortObjects(all(), 'context', false, env))).toEqual(['b1', 't1', 't2', 't3', 'b2']);
    expect(ids(sortObjects(all(), 'site', false, env))).toEqual(['b1', 'b2', 't1', 't2', 't3']);
  });
});

describe('groupObjects', () => {
  it('groups by site with count, bytes and the most the group held at once', () => {
    const query = q({ group: 'site' });
    const shown = sortObjects(filterObjects(objects, query, env), 'bytes', true, env);
    const history = filterObjects(objects, query, env, true);
    const groups = groupObjects(shown, history, query, env);
    // app.js:9: t2 and t3 live (700 B); t1 held 400 from 10 to 20, t2 from 20 (released first at 20), t3
    // from 40: at most 700. app.js:1: b1 live (100 B); with b2 from 25 to 30 it held 150.
    expect(groups.map((g) => ({ key: g.key, ids: ids(g.objects), count: g.count, bytes: g.bytes, peak: g.peak }))).toEqual([
      { key: 'at b (app.js:9:5)', ids: ['t2', 't3'], count: 2, bytes: 700, peak: 700 },
      { key: 'at a (app.js:1:1)', ids: ['b1'], count: 1, bytes: 100, peak: 150 },
    ]);
  });

  it('groups by context or kind, by name when a name column sorts; released objects hold no bytes', () => {
    const query = q({ group: 'context', state: 'all', sort: 'context', desc: false });
    const all = filterObjects(objects, query, env);
    expect(groupObjects(all, all, query, env).map((g) => [g.key, g.count, g.bytes, g.peak])).toEqual([
      ['c1', 4, 800, 800],
      ['c2', 1, 0, 50],
    ]);
    const kinds = q({ group: 'kind', state: 'all' });
    expect(groupObjects(all, all, kinds, env).map((g) => [g.key, g.bytes])).toEqual([
      ['webgl.texture', 700],
      ['webgl.buffer', 100],
    ]);
  });
});

describe('an ended recording', () => {
  it('takes live to mean live at its last moment', () => {
    const at: QueryEnv = { ...env, at: 25 };
    // At 25: b1 and t2 held; t1 released at 20; b2 (25..30) held at 25; t3 not made yet.
    expect(ids(filterObjects(objects, q({}), at))).toEqual(['b1', 't2', 'b2']);
    // t3, made after that moment, is neither.
    expect(ids(filterObjects(objects, q({ state: 'released' }), at))).toEqual(['t1']);
  });
});

describe('updateRows', () => {
  it('gives the rows a full query would, after objects are made, resized and released in place', async () => {
    const { queryRows, updateRows } = await import('./object-query');
    for (const group of ['none', 'site'] as const) {
      for (const [sort, desc] of [['bytes', true], ['bytes', false], ['age', true], ['site', false], ['context', true], ['peak', true]] as const) {
        // The store's objects change in place: the old rows hold the very objects that changed.
        const store = new Map(objects.map((o) => [o.id, { ...o }]));
        for (let i = 0; i < 40; i++) store.set(`x${i}`, obj(`x${i}`, 'webgl.buffer', (i * 37) % 500, 100 + i, null, { site: `at f (app.js:${i % 3}:1)` }));
        const query = q({ sort, desc, group });
        const before = queryRows(store.values(), query, env);
        store.set('n1', obj('n1', 'webgl.buffer', 400, 200, null, { site: 'at a (app.js:1:1)' }));
        store.set('n2', obj('n2', 'webgl.texture', 16, 201, null, { site: 'at c (app.js:3:3)' }));
        store.get('b1')!.bytes = 1000;
        store.get('b1')!.peakBytes = 1000;
        store.get('x5')!.bytes = 0;
        store.get('x9')!.releasedAt = 300;
        store.get('t2')!.releasedAt = 300;
        store.delete('x11');
        const changed = new Set(['n1', 'n2', 'b1', 'x5', 'x9', 't2', 'x11']);
        const updated = updateRows(before, changed, (id) => store.get(id), query, env);
        const full = queryRows(store.values(), query, env);
        expect(ids(updated.shown.toArray()), `${group} ${sort} ${desc}`).toEqual(ids(full.shown.toArray()));
        expect(ids(updated.history).sort()).toEqual(ids(full.history).sort());
      }
    }
  });

  it('stays equal to a full query over rounds of updates built on each other, with many equal sort values', async () => {
    const { queryRows, updateRows } = await import('./object-query');
    // A fixed pseudo-random sequence (a linear congruential generator): the same rounds every run.
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (const [sort, desc] of [['bytes', true], ['label', false], ['age', true]] as const) {
      const store = new Map<string, TraceObject>();
      for (let i = 0; i < 300; i++) store.set(`o${i}`, obj(`o${i}`, 'webgl.buffer', 16 * rand(4), rand(50), null, { label: `l${rand(3)}` }));
      const query = q({ sort, desc, state: 'live' });
      let rows = queryRows(store.values(), query, env);
      let next = 300;
      for (let round = 0; round < 30; round++) {
        const changed = new Set<string>();
        for (let k = 0; k < 1 + rand(20); k++) {
          const id = `o${rand(next)}`;
          const o = store.get(id);
          const what = rand(4);
          if (!o || what === 0) {
            const nid = `o${next++}`;
            store.set(nid, obj(nid, 'webgl.buffer', 16 * rand(4), 50 + round, null, { label: `l${rand(3)}` }));
            changed.add(nid);
          } else if (what === 1) {
            o.bytes = 16 * rand(4);
            changed.add(id);
          } else if (what === 2) {
            o.label = `l${rand(3)}`;
            changed.add(id);
          } else {
            if (o.releasedAt === null) o.releasedAt = 100 + round;
            changed.add(id);
          }
        }
        rows = updateRows(rows, changed, (id) => store.get(id), query, env);
        const full = queryRows(store.values(), query, env);
        expect(ids(rows.shown.toArray()), `${sort} round ${round}`).toEqual(ids(full.shown.toArray()));
        expect(rows.shown.keysArray()).toEqual(full.shown.keysArray());
        expect(rows.shown.length).toBe(full.shown.length);
        for (const i of [0, rows.shown.length >> 1, rows.shown.length - 1]) expect(rows.shown.at(i)).toBe(full.shown.at(i));
        expect([...rows.placed.keys()].sort()).toEqual([...full.placed.keys()].sort());
      }
    }
  });

  it('follows a time range, and gives the same rows back when no object in them changed', async () => {
    const { queryRows, updateRows } = await import('./object-query');
    const store = new Map(objects.map((o) => [o.id, { ...o }]));
    // Allocated in 10..30 and live at 30: t2 (b2 went at 30, t1 at 20); every state counts.
    const query = q({ range: { from: 10, to: 30, liveAt: 30 }, state: 'all', group: 'site' });
    const rows = queryRows(store.values(), query, env);
    expect(ids(rows.shown.toArray())).toEqual(['t2']);
    // b1 (outside the range) grows: nothing the rows hold changed.
    store.get('b1')!.bytes = 900;
    expect(updateRows(rows, new Set(['b1']), (id) => store.get(id), query, env)).toBe(rows);
    // t2 grows: new rows, with its size.
    store.get('t2')!.bytes = 500;
    const after = updateRows(rows, new Set(['t2']), (id) => store.get(id), query, env);
    expect(after).not.toBe(rows);
    expect(after.shown.at(0)!.bytes).toBe(500);
    // Live now (not released): t2 only as well; 0..40 adds b1 and t3.
    expect(ids(filterObjects(objects, q({ range: { from: 0, to: 40, liveAt: null }, state: 'all' }), env))).toEqual(['b1', 't2', 't3']);
  });
});
