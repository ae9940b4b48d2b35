import { describe, expect, it } from 'vitest';
import { SCENE, HUD, store, make, tick } from './test-store';

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

  it('is pending while the baseline has risen in every slot seen and the window is not full, due when it is', () => {
    const s = store(rules);
    for (let i = 0; i <= 25; i++) make(s, i * 100, `b${i}`, 'webgl.buffer', 256, HUD);
    // Slots closed at 1000 and 2000 with minima 0 and 10; 26 live now: rising in each, two slots to go.
    expect(s.rules.pending(2500)).toEqual([{
      rule: 'steady-growth', severity: 'warning', context: 'c1', site: HUD, dueAt: 4000,
      message: '26 buffers created at hud.js:40:7 on webgl2 context on canvas#main, rising in each of the 2 slots seen (0 → 26); judged once 4 slots of 1.0 s have passed',
    }]);
    for (let i = 26; i <= 40; i++) make(s, i * 100, `b${i}`, 'webgl.buffer', 256, HUD);
    // Raised at 4000: no longer pending.
    expect(s.rules.active()).toHaveLength(1);
    expect(s.rules.pending(4000)).toEqual([]);
    // A flat group is not pending.
    const flat = store(rules);
    for (let i = 0; i < 5; i++) make(flat, 0, `f${i}`, 'webgl.buffer', 256, HUD);
    tick(flat, 2500);
    expect(flat.rules.pending(2500)).toEqual([]);
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
