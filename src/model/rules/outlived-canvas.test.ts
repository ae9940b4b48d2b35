import { describe, expect, it } from 'vitest';
import { SessionStore } from '../session-store';
import { SCENE, HUD, store, make, tick } from './test-store';

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
    expect(a!.message).toBe('2 textures, 1 buffer, 8.06 MiB, created at scene.js:120:14 (99% of the bytes; 2 sites), outlived canvas#main removed from the page 5.0 s ago');
    expect(s.contexts.get('c1')).toMatchObject({ canvasState: 'removed', canvasSince: 1000 });
  });

  it('is pending from the canvas leaving until its grace runs out', () => {
    const s = scene();
    expect(s.rules.pending(900)).toEqual([]);
    s.applyEvent({ t: 1000, op: 'canvas', id: 'c1', state: 'removed' });
    tick(s, 3000);
    expect(s.rules.pending(3000)).toEqual([{
      rule: 'outlived-canvas', severity: 'error', context: 'c1', site: 'at loadScene (https://app.example/js/scene.js?v=2:120:14)', dueAt: 6000,
      message: '2 textures, 1 buffer, 8.06 MiB, created at scene.js:120:14, still live 2.0 s after canvas#main was removed from the page; due when 5.0 s have passed',
    }]);
    tick(s, 6000);
    expect(s.rules.active()).toHaveLength(1);
    expect(s.rules.pending(6000)).toEqual([]);
  });

  it('updates in place as objects go, and resolves when the last one is deleted', () => {
    const s = scene();
    s.applyEvent({ t: 1000, op: 'canvas', id: 'c1', state: 'removed' });
    tick(s, 6000);
    s.applyEvent({ t: 6100, op: 'release', id: 't1', reason: 'deleted' });
    tick(s, 6600);
    expect(s.rules.active()).toHaveLength(1);
    expect(s.rules.active()[0]).toMatchObject({ count: 2, bytes: 4_259_840, updatedAt: 6600 });
    expect(s.rules.active()[0]!.message).toBe('1 buffer, 1 texture, 4.06 MiB, created at scene.js:120:14 (98% of the bytes; 2 sites), outlived canvas#main removed from the page 5.6 s ago');
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
