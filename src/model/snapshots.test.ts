import { describe, expect, it } from 'vitest';
import { HUD, make, SCENE, store } from './rules/test-store';
import { SessionStore } from './session-store';
import { compareSnapshots, MAX_SNAPSHOTS, NO_SITE, siteWithoutOrigin, snapshotTotals } from './snapshots';

const SCENE_SITE = 'at loadScene (https://app.example/js/scene.js?v=2:120:14)';
const HUD_SITE = HUD;

/**
 * S1 at 100: A texture 4096 (scene), B buffer 256 (hud).
 * S2 at 200: B grown to 1024, C texture 1024 (scene), D buffer 512 (hud), F buffer 64 (no stack); A released.
 * S3 at 300: D released, E texture 2048 (scene): B, C, F, E.
 */
function recording(limits = {}): SessionStore {
  const s = new SessionStore(limits);
  s.applyEvent({ t: 0, op: 'context', id: 'c1', api: 'webgl2', canvas: 'canvas#main', offscreen: false, frame: 'f0:a' });
  make(s, 10, 'A', 'webgl.texture', 4096, SCENE);
  make(s, 20, 'B', 'webgl.buffer', 256, HUD);
  s.applyEvent({ t: 100, op: 'snapshot', id: 's1', name: 'Snapshot 1' });
  make(s, 110, 'C', 'webgl.texture', 1024, SCENE);
  make(s, 120, 'D', 'webgl.buffer', 512, HUD);
  s.applyEvent({ t: 130, op: 'size', id: 'B', bytes: 1024 });
  s.applyEvent({ t: 140, op: 'release', id: 'A', reason: 'deleted' });
  make(s, 150, 'F', 'webgl.buffer', 64);
  s.applyEvent({ t: 200, op: 'snapshot', id: 's2', name: 'Snapshot 2' });
  s.applyEvent({ t: 210, op: 'release', id: 'D', reason: 'deleted' });
  make(s, 220, 'E', 'webgl.texture', 2048, SCENE);
  s.applyEvent({ t: 300, op: 'snapshot', id: 's3', name: 'Snapshot 3' });
  return s;
}

describe('snapshots', () => {
  it('hold the live objects with the bytes they held then', () => {
    const [s1, s2, s3] = recording().snapshots;
    expect(s1!.objects.map((o) => o.id)).toEqual(['A', 'B']);
    expect(s1!.bytes).toEqual([4096, 256]);
    expect(s1!.totalBytes).toBe(4352);
    expect(s2!.objects.map((o) => o.id)).toEqual(['B', 'C', 'D', 'F']);
    expect(s2!.bytes).toEqual([1024, 1024, 512, 64]);
    expect(s2!.totalBytes).toBe(2624);
    expect(s3!.totalBytes).toBe(1024 + 1024 + 64 + 2048);
    expect(snapshotTotals(s2!, 'site')).toEqual(new Map([
      [HUD_SITE, { count: 2, bytes: 1536 }],
      [SCENE_SITE, { count: 1, bytes: 1024 }],
      [NO_SITE, { count: 1, bytes: 64 }],
    ]));
  });

  it('compare per kind and per site, with what came and went', () => {
    const [s1, s2] = recording().snapshots;
    const c = compareSnapshots(s1!, s2!);
    expect(c.total).toEqual({ count: 2, bytes: 2624 - 4352 });
    expect(c.byKind).toEqual([
      { key: 'webgl.buffer', base: { count: 1, bytes: 256 }, target: { count: 3, bytes: 1600 }, count: 2, bytes: 1344, added: { count: 2, bytes: 576 }, freed: { count: 0, bytes: 0 } },
      { key: 'webgl.texture', base: { count: 1, bytes: 4096 }, target: { count: 1, bytes: 1024 }, count: 0, bytes: -3072, added: { count: 1, bytes: 1024 }, freed: { count: 1, bytes: 4096 } },
    ]);
    expect(c.bySite.map((r) => [r.key, r.count, r.bytes])).toEqual([
      [HUD_SITE, 1, 1280],
      [NO_SITE, 1, 64],
      [SCENE_SITE, 0, -3072],
    ]);
    expect(c.added.map((o) => o.id)).toEqual(['C', 'D', 'F']);
    expect(c.freed.map((o) => o.id)).toEqual(['A']);
  });

  it('answer "allocated between 1 and 2 and still live at 3"', () => {
    const [s1, s2, s3] = recording().snapshots;
    expect(compareSnapshots(s1!, s2!, s3!).added.map((o) => o.id)).toEqual(['C', 'F']);
  });

  it('replay from a trace to the same contents, kept past the event bound', () => {
    const s = recording({ maxEvents: 3 });
    expect(s.events.filter((e) => e.op === 'snapshot')).toHaveLength(3);
    const again = SessionStore.fromTrace(recording().toTrace({ userAgent: '', tool: '' }));
    expect(again.snapshots.map((x) => [x.id, x.name, x.t, x.objects.map((o) => o.id), x.bytes])).toEqual(
      recording().snapshots.map((x) => [x.id, x.name, x.t, x.objects.map((o) => o.id), x.bytes]),
    );
  });

  it('are kept up to their bound, and one id once', () => {
    const s = store();
    make(s, 1, 'x', 'webgl.buffer', 8);
    expect(s.snapshotRoom()).toBeNull();
    // Ids s0…s65, then s0 again: the first 64 are kept, s64 and s65 are counted as not kept, s0 is one already.
    for (let i = 0; i < MAX_SNAPSHOTS + 3; i++) s.applyEvent({ t: 2 + i, op: 'snapshot', id: `s${i % (MAX_SNAPSHOTS + 2)}`, name: '' });
    expect(s.snapshots).toHaveLength(MAX_SNAPSHOTS);
    expect(s.droppedSnapshots).toBe(2);
    expect(s.snapshotRoom()).toBe(`the recording has ${MAX_SNAPSHOTS} snapshots, the most it keeps`);
  });

  it('key sites without their origin for comparing two runs of an app', () => {
    expect(siteWithoutOrigin('at sceneOn (http://127.0.0.1:33517/leaks/app.js:10:18)')).toBe('at sceneOn (/leaks/app.js:10:18)');
    expect(siteWithoutOrigin('at https://cdn.example/x/y.js:1:2')).toBe('at /x/y.js:1:2');
    expect(siteWithoutOrigin('at f (file:///home/a/app.js:3:4)')).toBe('at f (/home/a/app.js:3:4)');
    expect(siteWithoutOrigin(NO_SITE)).toBe(NO_SITE);
  });
});
