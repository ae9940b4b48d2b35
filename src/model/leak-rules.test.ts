import { describe, expect, it } from 'vitest';
import type { Kind } from './kinds';
import { badgeAlerts } from './leak-rules';
import { SessionStore } from './session-store';
import type { TraceEvent } from './trace-types';

const SCENE = 'at loadScene (https://app.example/js/scene.js?v=2:120:14)\nat main (https://app.example/js/main.js:8:3)';
const HUD = 'at drawHud (https://app.example/js/hud.js:40:7)';
const F = 'f0:aaaaaaaaaaaa';

function store(rules = {}): SessionStore {
  const s = new SessionStore({}, rules);
  s.applyEvent({ t: 0, op: 'context', id: 'c1', api: 'webgl2', canvas: 'canvas#main', offscreen: false, frame: F });
  return s;
}

function make(s: SessionStore, t: number, id: string, kind: Kind, bytes: number, stack?: string, context = 'c1'): void {
  s.applyEvent({ t, op: 'create', id, kind, context, frame: F, ...(stack ? { stack } : {}) });
  if (bytes) s.applyEvent({ t, op: 'size', id, bytes });
}

const tick = (s: SessionStore, t: number): void => s.applyEvent({ t, op: 'tick', frame: F });

describe('outlived-canvas', () => {
  function scene(): SessionStore {
    const s = store();
    make(s, 10, 'db', 'webgl.drawingBuffer', 1_920_000);
    make(s, 20, 't1', 'webgl.texture', 4_194_304, SCENE); // 1024 x 1024 RGBA8
    make(s, 30, 't2', 'webgl.texture', 4_194_304, SCENE);
    make(s, 40, 'b1', 'webgl.buffer', 65_536, HUD);
    return s;
  }

  it('reports the live objects of a removed canvas after the grace period, naming the site with the most bytes', () => {
    const s = scene();
    s.applyEvent({ t: 1000, op: 'canvas', id: 'c1', state: 'removed' });
    tick(s, 5999);
    expect(s.rules.active()).toEqual([]);
    tick(s, 6000);
    const [a] = s.rules.active();
    expect(a).toMatchObject({
      key: 'outlived-canvas|c1', rule: 'outlived-canvas', severity: 'error', count: 3,
      // 2 x 4 MiB + 64 KiB; the drawing buffer is the context's own and not counted.
      bytes: 8_454_144, site: 'at loadScene (https://app.example/js/scene.js?v=2:120:14)', context: 'c1', t: 1000, resolvedAt: null,
    });
    expect(a!.objects).toEqual(['t1', 't2', 'b1']);
    expect(a!.message).toBe('2 textures, 1 buffer, 8.06 MiB, created mostly at scene.js:120:14, outlived canvas#main removed from the page 5.0 s ago');
    expect(s.contexts.get('c1')).toMatchObject({ canvasState: 'removed', canvasSince: 1000 });
  });

  it('updates in place as objects go, and resolves when the last one is deleted', () => {
    const s = scene();
    s.applyEvent({ t: 1000, op: 'canvas', id: 'c1', state: 'removed' });
    tick(s, 6000);
    s.applyEvent({ t: 6100, op: 'release', id: 't1', reason: 'deleted' });
    tick(s, 6600);
    expect(s.rules.active()).toHaveLength(1);
    expect(s.rules.active()[0]).toMatchObject({ count: 2, bytes: 4_259_840, updatedAt: 6600 });
    expect(s.rules.active()[0]!.message).toBe('1 buffer, 1 texture, 4.06 MiB, created mostly at scene.js:120:14, outlived canvas#main removed from the page 5.6 s ago');
    s.applyEvent({ t: 6700, op: 'release', id: 't2', reason: 'deleted' });
    s.applyEvent({ t: 6800, op: 'release', id: 'b1', reason: 'deleted' });
    tick(s, 7200);
    expect(s.rules.active()).toEqual([]);
    expect(s.rules.alerts.get('outlived-canvas|c1')!.resolvedAt).toBe(7200);
  });

  it('resolves when the canvas comes back or the context is lost; never fires for a canvas back within the grace', () => {
    const s = scene();
    s.applyEvent({ t: 1000, op: 'canvas', id: 'c1', state: 'removed' });
    s.applyEvent({ t: 3000, op: 'canvas', id: 'c1', state: 'attached' });
    tick(s, 9000);
    expect(s.rules.alerts.size).toBe(0);
    s.applyEvent({ t: 10_000, op: 'canvas', id: 'c1', state: 'document-gone' });
    tick(s, 15_000);
    expect(s.rules.active()[0]!.message).toMatch(/outlived canvas#main whose document went away 5\.0 s ago$/);
    s.applyEvent({ t: 15_100, op: 'context-lost', id: 'c1' });
    tick(s, 15_600);
    expect(s.rules.active()).toEqual([]);
  });
});

describe('outlived-canvas thresholds', () => {
  it('stays quiet below canvasMinBytes (a disposed renderer keeping 1x1 placeholders)', () => {
    const s = store();
    make(s, 0, 'p2d', 'webgl.texture', 4, SCENE);
    make(s, 0, 'pcube', 'webgl.texture', 24, SCENE);
    make(s, 0, 'fb', 'webgl.framebuffer', 0, SCENE);
    s.applyEvent({ t: 100, op: 'canvas', id: 'c1', state: 'removed' });
    tick(s, 20_000);
    expect(s.rules.alerts.size).toBe(0);
  });

  it('leaves objects collected after their canvas left the page to the outlived-canvas rule', () => {
    const s = store();
    make(s, 0, 't', 'webgl.texture', 64, SCENE);
    s.applyEvent({ t: 100, op: 'canvas', id: 'c1', state: 'collected' });
    s.applyEvent({ t: 200, op: 'release', id: 't', reason: 'collected' });
    tick(s, 20_000);
    expect(s.rules.alerts.size).toBe(0);
  });
});

describe('steady-growth', () => {
  const rules = { growthSlotMs: 1000, growthSlots: 4, growthMinObjects: 5 };

  it('fires when the baseline of a site rises slot after slot, and counts the objects made in the window', () => {
    const s = store(rules);
    // One 256-byte buffer every 100 ms from t = 0, never deleted.
    for (let i = 0; i <= 35; i++) make(s, i * 100, `b${i}`, 'webgl.buffer', 256, HUD);
    // A slot closes before the events of its end time: at 1000, 2000, 3000 with minima 0, 10, 20. Three
    // slots are not a window yet.
    expect(s.rules.alerts.size).toBe(0);
    for (let i = 36; i <= 40; i++) make(s, i * 100, `b${i}`, 'webgl.buffer', 256, HUD);
    // At 4000 the minima are 0, 10, 20, 30: rising in every slot, by 30 >= 5. The window began at 0, so
    // its objects are the 40 made before 4000.
    const [a] = s.rules.active();
    expect(a).toMatchObject({ rule: 'steady-growth', severity: 'warning', site: HUD, context: 'c1', t: 0, count: 40, bytes: 40 * 256 });
    expect(a!.message).toBe('40 buffers, 10.0 KiB, created at hud.js:40:7 on webgl2 context on canvas#main: their baseline keeps rising (0 → 40 live over 4.0 s)');
    // It updates in place at the next slot, then resolves when the objects go back to the baseline.
    for (let i = 41; i <= 50; i++) make(s, i * 100, `b${i}`, 'webgl.buffer', 256, HUD);
    expect(s.rules.active()).toHaveLength(1);
    expect(s.rules.active()[0]).toMatchObject({ count: 50, updatedAt: 5000 });
    for (let i = 0; i <= 50; i++) s.applyEvent({ t: 5100, op: 'release', id: `b${i}`, reason: 'deleted' });
    tick(s, 6000);
    expect(s.rules.active()).toEqual([]);
    expect(s.rules.alerts.get(a!.key)!.resolvedAt).toBe(6000);
  });

  it('counts only the objects made since the window began, through resizes and releases of older ones', () => {
    const s = store(rules);
    for (let i = 0; i < 3; i++) make(s, 0, `old${i}`, 'webgl.buffer', 256, HUD);
    // From 2000 on, one buffer every 100 ms: slot minima 3 (2000-3000), 13, 23, 33 by 6000.
    for (let i = 0; i < 40; i++) make(s, 2000 + i * 100, `n${i}`, 'webgl.buffer', 256, HUD);
    tick(s, 6000);
    const key = `steady-growth|c1|${HUD}|webgl.buffer`;
    expect(s.rules.alerts.get(key)).toMatchObject({ t: 2000, count: 40, bytes: 40 * 256 });
    expect(s.rules.alerts.get(key)!.objects).toHaveLength(40);
    expect(s.rules.alerts.get(key)!.objects).not.toContain('old0');
    s.applyEvent({ t: 6100, op: 'size', id: 'old0', bytes: 356 });
    s.applyEvent({ t: 6100, op: 'size', id: 'n0', bytes: 356 });
    s.applyEvent({ t: 6200, op: 'release', id: 'old1', reason: 'deleted' });
    s.applyEvent({ t: 6200, op: 'release', id: 'n1', reason: 'deleted' });
    tick(s, 7000);
    // 39 of the window's buffers are live: 38 of 256 bytes and n0 at 356.
    expect(s.rules.alerts.get(key)).toMatchObject({ count: 39, bytes: 38 * 256 + 356, resolvedAt: null });
    expect(s.rules.alerts.get(key)!.objects).not.toContain('n1');
  });

  it('fires on bytes when one object grows in place slot after slot, and resolves when it shrinks back', () => {
    const s = store({ ...rules, growthMinBytes: 100_000 });
    // One buffer made at 0 with 64 KiB, re-specified 64 KiB larger every 100 ms.
    make(s, 0, 'grow', 'webgl.buffer', 65_536, HUD);
    for (let i = 1; i <= 39; i++) s.applyEvent({ t: i * 100, op: 'size', id: 'grow', bytes: 65_536 * (i + 1) });
    // Slots close before 1000, 2000, 3000 and 4000 with byte minima 0, 655 360, 1 310 720, 1 966 080; the
    // count's minima (0, 1, 1, 1) do not rise.
    tick(s, 4000);
    const [a] = s.rules.active();
    expect(a).toMatchObject({ rule: 'steady-growth', t: 0, count: 1, bytes: 65_536 * 40, objects: ['grow'] });
    expect(a!.message).toBe('1 buffer, 2.50 MiB, created at hud.js:40:7 on webgl2 context on canvas#main: their bytes\' baseline keeps rising (0 B → 2.50 MiB over 4.0 s)');
    s.applyEvent({ t: 4100, op: 'size', id: 'grow', bytes: 0 });
    tick(s, 5000);
    expect(s.rules.active()).toEqual([]);
  });

  it('stays quiet on bytes that grow by less than growthMinBytes', () => {
    const s = store(rules);
    // +4 KiB a slot: far under the default 1 MiB.
    make(s, 0, 'small', 'webgl.buffer', 4096, HUD);
    for (let i = 1; i <= 8; i++) s.applyEvent({ t: i * 1000, op: 'size', id: 'small', bytes: 4096 * (i + 1) });
    tick(s, 10_000);
    expect(s.rules.alerts.size).toBe(0);
  });

  it('stays quiet on a sawtooth whose minimum returns to the baseline (batch and release, GC delay)', () => {
    const s = store(rules);
    let n = 0;
    // Every slot: 20 textures made, then all deleted at the end of the slot; the peak is high, the minimum 0.
    for (let slot = 0; slot < 12; slot++) {
      const ids: string[] = [];
      for (let k = 0; k < 20; k++) {
        const id = `t${n++}`;
        make(s, slot * 1000 + k * 40, id, 'webgl.texture', 65_536, SCENE);
        ids.push(id);
      }
      for (const id of ids) s.applyEvent({ t: slot * 1000 + 900, op: 'release', id, reason: 'deleted' });
    }
    tick(s, 13_000);
    expect(s.rules.alerts.size).toBe(0);
  });

  it('stays quiet on growth smaller than the threshold, and on a plateau after loading', () => {
    const s = store(rules);
    for (let i = 0; i < 200; i++) make(s, i, `x${i}`, 'webgl.texture', 16, SCENE); // a load burst
    for (let i = 0; i < 4; i++) make(s, 1000 + i * 1000, `y${i}`, 'webgl.buffer', 16, HUD); // +1 per slot
    tick(s, 20_000);
    expect(s.rules.alerts.size).toBe(0);
  });
});

describe('collected-undeleted', () => {
  it('reports objects the GC took without delete or destroy, with the bytes they held, per site', () => {
    const s = store();
    s.applyEvent({ t: 0, op: 'context', id: 'd1', api: 'webgpu', canvas: 'device 1', offscreen: false, frame: F });
    make(s, 100, 'g1', 'webgpu.buffer', 1_048_576, SCENE, 'd1');
    make(s, 100, 'g2', 'webgpu.buffer', 1_048_576, SCENE, 'd1');
    make(s, 100, 'bg', 'webgpu.bindGroup', 0, SCENE, 'd1');
    make(s, 100, 'db', 'webgl.drawingBuffer', 1000);
    make(s, 200, 'g3', 'webgpu.buffer', 512, SCENE, 'd1');
    s.applyEvent({ t: 3100, op: 'release', id: 'g3', reason: 'deleted' });
    for (const id of ['g1', 'g2', 'bg', 'db']) s.applyEvent({ t: 3200, op: 'release', id, reason: 'collected' });
    const [a] = s.rules.active();
    expect(s.rules.active()).toHaveLength(1);
    expect(a).toMatchObject({ key: `collected-undeleted|${SCENE.split('\n')[0]}`, severity: 'warning', count: 2, bytes: 2_097_152, t: 3200, objects: ['g1', 'g2'] });
    expect(a!.message).toBe('2 GPU buffers, 2.00 MiB, created at scene.js:120:14, were reclaimed by the garbage collector without destroy() (first at 3.2 s into the recording)');
  });

  it('says delete for WebGL objects', () => {
    const s = store();
    make(s, 0, 't', 'webgl.texture', 64);
    s.applyEvent({ t: 500, op: 'release', id: 't', reason: 'collected' });
    expect(s.rules.active()[0]!.message).toBe('1 texture, 64 B, created at an unknown site, were reclaimed by the garbage collector without delete (first at 0.5 s into the recording)');
  });
});

describe('release-after-loss', () => {
  it('notes deletes after a context loss at info severity, which the badge leaves out', () => {
    const s = store();
    make(s, 0, 't1', 'webgl.texture', 64, SCENE);
    make(s, 0, 't2', 'webgl.texture', 64, SCENE);
    s.applyEvent({ t: 100, op: 'context-lost', id: 'c1' });
    s.applyEvent({ t: 200, op: 'release', id: 't1', reason: 'deleted' });
    s.applyEvent({ t: 210, op: 'release', id: 't2', reason: 'deleted' });
    const [a] = s.rules.active();
    expect(a).toMatchObject({ rule: 'release-after-loss', severity: 'info', count: 2, bytes: 128, context: 'c1' });
    expect(a!.message).toBe('2 textures released after webgl2 context on canvas#main was lost (created at scene.js:120:14): harmless no-ops, the browser had already freed them');
    expect(badgeAlerts(s.rules.alerts.values())).toEqual({ count: 0, error: false, worst: null });
  });
});

describe('alerts in traces', () => {
  it('an exported trace carries the alerts, and importing it computes the same ones', () => {
    const s = store();
    make(s, 20, 't1', 'webgl.texture', 4096, SCENE);
    make(s, 20, 'g', 'webgl.buffer', 16, HUD);
    s.applyEvent({ t: 30, op: 'release', id: 'g', reason: 'collected' });
    s.applyEvent({ t: 1000, op: 'canvas', id: 'c1', state: 'removed' });
    tick(s, 7000);
    const trace = s.toTrace({ userAgent: 'ua', tool: 't' });
    expect(trace.alerts.map((a) => a.rule).sort()).toEqual(['collected-undeleted', 'outlived-canvas']);
    const back = SessionStore.fromTrace(trace);
    expect(back.toTrace({ userAgent: 'ua', tool: 't' }).alerts).toEqual(trace.alerts);
    // With the thresholds it was recorded with: a 1 s grace gives an alert that a default store would not.
    const quick = store({ canvasGraceMs: 1000 });
    make(quick, 20, 't1', 'webgl.texture', 4096, SCENE);
    quick.applyEvent({ t: 1000, op: 'canvas', id: 'c1', state: 'removed' });
    tick(quick, 2500);
    const qt = quick.toTrace({ userAgent: 'ua', tool: 't' });
    expect(qt.meta.rules).toMatchObject({ canvasGraceMs: 1000 });
    expect(qt.alerts).toHaveLength(1);
    expect(SessionStore.fromTrace(qt).toTrace({ userAgent: 'ua', tool: 't' }).alerts).toEqual(qt.alerts);
    // A trace whose rules are not numbers falls back to the defaults.
    const bad = { ...qt, meta: { ...qt.meta, rules: { canvasGraceMs: 'soon' } } };
    expect(SessionStore.fromTrace(bad).rules.settings.canvasGraceMs).toBe(5000);
    expect(badgeAlerts(trace.alerts)).toMatchObject({ count: 2, error: true, worst: { rule: 'outlived-canvas' } });
  });
});

describe('bounds', () => {
  it('keeps at most maxAlerts alerts and counts the ones it did not raise', () => {
    const s = store({ maxAlerts: 2 });
    for (let i = 1; i <= 4; i++) {
      make(s, i, `o${i}`, 'webgl.buffer', 16, `at f${i} (https://x/gen${i}.js:1:1)`);
      s.applyEvent({ t: 10 + i, op: 'release', id: `o${i}`, reason: 'collected' });
    }
    expect(s.rules.alerts.size).toBe(2);
    expect(s.rules.droppedAlerts).toBe(2);
    expect(s.toTrace({ userAgent: 'ua', tool: 't' }).meta.droppedAlerts).toBe(2);
  });

  it('follows at most maxGroups creation sites and counts the objects it could not group', () => {
    const s = store({ maxGroups: 2 });
    const ev = (i: number): TraceEvent => ({ t: i, op: 'create', id: `o${i}`, kind: 'webgl.buffer', context: 'c1', frame: F, stack: `at f${i} (https://x/a.js:${i}:1)` });
    for (let i = 1; i <= 5; i++) s.applyEvent(ev(i));
    expect(s.rules.droppedGroups).toBe(3);
  });
});

describe('outlived-frame', () => {
  const unused = (s: SessionStore, t: number, id: string, frame: number): void =>
    s.applyEvent({ t, op: 'unused', id, frame, frames: 120 });

  /**
   * Textures of 16x16 RGBA8 (1024 bytes) made at SCENE in frames 10, 11, 12 and 12, reported 120 frames on;
   * the site goes on making one every frame (the last at 2090 ms, before the first verdict).
   */
  function leaking(): SessionStore {
    const s = store();
    make(s, 100, 't1', 'webgl.texture', 1024, SCENE);
    make(s, 116, 't2', 'webgl.texture', 1024, SCENE);
    make(s, 132, 't3', 'webgl.texture', 1024, SCENE);
    make(s, 133, 't4', 'webgl.texture', 1024, SCENE);
    make(s, 2090, 'later', 'webgl.texture', 1024, SCENE);
    unused(s, 2100, 't1', 10);
    unused(s, 2116, 't2', 11);
    return s;
  }

  it('reports a site once objects it made in frameMinFrames = 3 different frames outlived them', () => {
    const s = leaking();
    expect(s.rules.active()).toEqual([]);
    unused(s, 2132, 't3', 12);
    const [a] = s.rules.active();
    expect(a).toMatchObject({
      key: 'outlived-frame|c1|at loadScene (https://app.example/js/scene.js?v=2:120:14)|webgl.texture', rule: 'outlived-frame',
      severity: 'warning', count: 3, bytes: 3072, objects: ['t1', 't2', 't3'], context: 'c1', t: 2132, updatedAt: 2132,
    });
    expect(a!.message).toBe(
      '3 textures, 3.00 KiB, created at scene.js:120:14 on webgl2 context on canvas#main, outlived their frame: made in 3 ' +
      'different frames, each was not used in the 120 frames after its own and is still alive (first at 2.1 s into the recording)',
    );
    // A fourth from a frame already counted adds to it.
    unused(s, 2133, 't4', 12);
    expect(s.rules.active()[0]).toMatchObject({ count: 4, bytes: 4096, objects: ['t1', 't2', 't3', 't4'] });
    expect(s.rules.active()[0]!.message).toContain('made in 3 different frames');
  });

  it('does not report a burst that stopped (an app\'s startup over several frames) until the site makes more', () => {
    const s = store();
    // Five placeholders in five frames at startup, then nothing more from the site.
    for (let i = 0; i < 5; i++) make(s, 100 + 16 * i, `p${i}`, 'webgl.texture', 4, SCENE);
    // The verdicts' windows run 100 -> 2100 ms and on: the site made nothing in their second halves.
    for (let i = 0; i < 5; i++) unused(s, 2100 + 16 * i, `p${i}`, 10 + i);
    expect(s.rules.alerts.size).toBe(0);
    // The site starts re-creating them later: a verdict whose window's second half saw one raises the alert.
    make(s, 3000, 'q0', 'webgl.texture', 4, SCENE);
    make(s, 4900, 'q1', 'webgl.texture', 4, SCENE);
    unused(s, 5000, 'q0', 200);
    expect(s.rules.active()).toHaveLength(1);
    expect(s.rules.active()[0]!.count).toBe(6);
  });

  it('does not report objects made now and then, frames apart, though the site goes on making them', () => {
    const s = store();
    // One every 40 frames (about 0.7 s at 60 Hz): not re-created every frame; steady growth judges such sites.
    for (let i = 0; i < 6; i++) make(s, 100 + 700 * i, `r${i}`, 'webgl.texture', 4, SCENE);
    for (let i = 0; i < 3; i++) unused(s, 2100 + 700 * i, `r${i}`, 10 + 40 * i);
    expect(s.rules.alerts.size).toBe(0);
  });

  it('does not report one frame\'s batch of spare objects, however many', () => {
    const s = store();
    for (let i = 0; i < 10; i++) {
      make(s, 100, `b${i}`, 'webgl.buffer', 1224, SCENE);
      unused(s, 2100, `b${i}`, 7);
    }
    expect(s.rules.alerts.size).toBe(0);
  });

  it('follows sizes, and resolves when uses and releases take it below three frames', () => {
    const s = leaking();
    unused(s, 2132, 't3', 12);
    unused(s, 2133, 't4', 12);
    s.applyEvent({ t: 2200, op: 'size', id: 't4', bytes: 4096 });
    expect(s.rules.active()[0]).toMatchObject({ count: 4, bytes: 7168 });
    // t3 used after all: frame 12 still has t4, so three frames remain.
    s.applyEvent({ t: 2300, op: 'used', id: 't3' });
    expect(s.rules.active()[0]).toMatchObject({ count: 3, bytes: 6144, objects: ['t1', 't2', 't4'] });
    s.applyEvent({ t: 2400, op: 'release', id: 't1', reason: 'deleted' });
    expect(s.rules.active()).toEqual([]);
    const a = s.rules.alerts.get('outlived-frame|c1|at loadScene (https://app.example/js/scene.js?v=2:120:14)|webgl.texture')!;
    expect(a).toMatchObject({ resolvedAt: 2400, count: 3, bytes: 6144 });
    // Reported again (a new object of a new frame): the same alert comes back, t2 1024 + t4 4096 + t5 1024.
    make(s, 2500, 't5', 'webgl.texture', 1024, SCENE);
    unused(s, 4500, 't5', 140);
    expect(s.rules.active()[0]).toMatchObject({ key: a.key, count: 3, bytes: 6144, t: 4500, resolvedAt: null, objects: ['t2', 't4', 't5'] });
  });

  it('names a getCurrentTexture() result used after its frame, counting each late use', () => {
    const s = new SessionStore();
    s.applyEvent({ t: 0, op: 'context', id: 'd1', api: 'webgpu', canvas: 'device 1', offscreen: false, frame: F });
    make(s, 5, 'ct', 'webgpu.canvasTexture', 4096, HUD, 'd1');
    s.applyEvent({ t: 900, op: 'late-texture', id: 'ct', frames: 5, stack: 'at present (https://app.example/js/gpu.js:77:9)\nat frame (https://app.example/js/gpu.js:90:3)' });
    const [a] = s.rules.active();
    expect(a).toMatchObject({
      key: 'outlived-frame|current|d1', rule: 'outlived-frame', severity: 'warning', count: 1, objects: ['ct'],
      site: 'at present (https://app.example/js/gpu.js:77:9)', context: 'd1', t: 900,
    });
    expect(a!.message).toBe(
      'the texture getCurrentTexture() returned was used 5 frames after the one it belonged to, when it had been presented and destroyed (once, last at gpu.js:77:9)',
    );
    s.applyEvent({ t: 950, op: 'late-texture', id: 'ct', frames: 1 });
    expect(s.rules.active()[0]!.message).toBe(
      'the texture getCurrentTexture() returned was used 1 frame after the one it belonged to, when it had been presented and destroyed (2 times, last at gpu.js:77:9)',
    );
  });

  it('comes back the same from an exported trace', () => {
    const s = leaking();
    unused(s, 2132, 't3', 12);
    const t = s.toTrace({ userAgent: 'x', tool: 'y' });
    expect(SessionStore.fromTrace(t).rules.active()).toEqual(s.rules.active());
    expect(t.meta.rules).toMatchObject({ frameGrace: 120, frameMinFrames: 3 });
  });
});
