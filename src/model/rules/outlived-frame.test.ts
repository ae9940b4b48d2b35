import { describe, expect, it } from 'vitest';
import { SessionStore } from '../session-store';
import { SCENE, HUD, F, store, make } from './test-store';

describe('outlived-frame', () => {
  const unused = (s: SessionStore, t: number, id: string, frame: number): void =>
    s.applyEvent({ t, op: 'unused', id, animationFrame: frame, animationFrames: 120 });

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
      '3 textures, 3.00 KiB, created at scene.js:120:14 on webgl2 context on canvas#main, outlived their animation frame: made in 3 ' +
      'different animation frames, each was not used in the 120 animation frames after its own and is still alive (first at 2.1 s into the recording)',
    );
    // A fourth from a frame already counted adds to it.
    unused(s, 2133, 't4', 12);
    expect(s.rules.active()[0]).toMatchObject({ count: 4, bytes: 4096, objects: ['t1', 't2', 't3', 't4'] });
    expect(s.rules.active()[0]!.message).toContain('made in 3 different animation frames');
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
    s.applyEvent({ t: 900, op: 'late-texture', id: 'ct', animationFrames: 5, stack: 'at present (https://app.example/js/gpu.js:77:9)\nat frame (https://app.example/js/gpu.js:90:3)' });
    const [a] = s.rules.active();
    expect(a).toMatchObject({
      key: 'outlived-frame|current|d1', rule: 'outlived-frame', severity: 'warning', count: 1, objects: ['ct'],
      site: 'at present (https://app.example/js/gpu.js:77:9)', context: 'd1', t: 900,
    });
    expect(a!.message).toBe(
      'the texture getCurrentTexture() returned was used 5 animation frames after the one it belonged to, when it had been presented and destroyed (once, last at gpu.js:77:9)',
    );
    s.applyEvent({ t: 950, op: 'late-texture', id: 'ct', animationFrames: 1 });
    expect(s.rules.active()[0]!.message).toBe(
      'the texture getCurrentTexture() returned was used 1 animation frame after the one it belonged to, when it had been presented and destroyed (2 times, last at gpu.js:77:9)',
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
