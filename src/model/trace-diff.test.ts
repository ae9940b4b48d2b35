import { describe, expect, it } from 'vitest';
import { HUD, make, SCENE, store } from './rules/test-store';
import { diffJson, diffPoint, diffPoints, diffText, DiffPointError } from './trace-diff';

/** Base: a texture of 4096 (scene). Target: that, plus a buffer of 1000 (hud) and a texture of 2048 (scene). */
function pair() {
  const a = store();
  make(a, 1, 'T', 'webgl.texture', 4096, SCENE);
  a.applyEvent({ t: 2, op: 'snapshot', id: 's1', name: 'before' });
  make(a, 3, 'B', 'webgl.buffer', 1000, HUD);
  make(a, 4, 'U', 'webgl.texture', 2048, SCENE);
  return a;
}

describe('diff of two points', () => {
  it('compares a snapshot with the end, judging each limit', () => {
    const s = pair();
    const d = diffPoints(diffPoint(s, 't.json', 'before'), diffPoint(s, 't.json', undefined), { total: 3047, perKind: new Map([['webgl.buffer', 1000], ['webgl.texture', 2047]]) }, true);
    expect(d.comparison.total).toEqual({ count: 2, bytes: 3048 });
    expect(d.over).toEqual([{ what: 'total', growth: 3048, limit: 3047 }, { what: 'webgl.texture', growth: 2048, limit: 2047 }]);
    const text = diffText(d);
    expect(text.split('\n')).toEqual([
      'GPU memory from t.json (snapshot "before", 0.0 s) to t.json (end, 0.0 s)',
      '  total: +2 objects, +2.98 KiB (1 → 3 objects, 4.00 KiB → 6.98 KiB)',
      '  per kind:',
      '       +2.00 KiB      +1 objects  (1 → 2)  webgl.texture  (1 new, 0 freed)',
      '         +1000 B      +1 objects  (0 → 1)  webgl.buffer  (1 new, 0 freed)',
      '  per creation site:',
      '       +2.00 KiB      +1 objects  (1 → 2)  at loadScene (https://app.example/js/scene.js?v=2:120:14)  (1 new, 0 freed)',
      '         +1000 B      +1 objects  (0 → 1)  at drawHud (https://app.example/js/hud.js:40:7)  (1 new, 0 freed)',
      '  over the growth limits:',
      '    total: grew +2.98 KiB (3048 B), limit 2.98 KiB (3047 B)',
      '    webgl.texture: grew +2.00 KiB (2048 B), limit 2.00 KiB (2047 B)',
    ]);
    expect(diffJson(d)).toMatchObject({ from: { at: 'before', count: 1, bytes: 4096 }, to: { at: 'end', count: 3, bytes: 7144 }, total: { count: 2, bytes: 3048 } });
  });

  it('names the snapshots a trace has when asked for one it has not', () => {
    expect(() => diffPoint(pair(), 't.json', '2')).toThrow(new DiffPointError('t.json has no snapshot "2" (it has 1: "before"; or use "end")'));
  });

  it("keeps a page's control characters out of the terminal", () => {
    const s = store();
    make(s, 1, 'X', 'webgl.buffer', 8, 'at evil (http://x/\u001b[2Jpwn.js:1:1)');
    const text = diffText(diffPoints(diffPoint(store(), 'a', undefined), diffPoint(s, 'b', undefined), { perKind: new Map() }, false));
    expect(text).not.toContain('\u001b');
  });

  it('matches the sites of two runs served on different ports', () => {
    const a = store();
    make(a, 1, 'A', 'webgl.texture', 100, 'at load (http://127.0.0.1:4000/js/app.js:5:1)');
    const b = store();
    make(b, 1, 'B', 'webgl.texture', 100, 'at load (http://127.0.0.1:5111/js/app.js:5:1)');
    make(b, 2, 'C', 'webgl.texture', 50, 'at load (http://127.0.0.1:5111/js/app.js:5:1)');
    const d = diffPoints(diffPoint(a, 'a', undefined), diffPoint(b, 'b', undefined), { perKind: new Map() }, false);
    expect(d.comparison.bySite.map((r) => [r.key, r.count, r.bytes])).toEqual([['at load (/js/app.js:5:1)', 1, 50]]);
  });
});
