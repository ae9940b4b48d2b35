import { describe, expect, it } from 'vitest';
import { hookUse } from './hook';

/** A prototype with natives that record their calls: bindBuffer has a literal of its own in HOT_USE_RECORD, useThing none. */
function proto() {
  const calls: string[] = [];
  const p = {
    bindBuffer(this: object, target: number, obj: unknown) {
      calls.push(`native bindBuffer ${target}`);
      if (obj === 'bad') throw new TypeError('bad buffer');
      return 'r';
    },
    useThing(this: object, target: number, _obj: unknown) {
      calls.push(`native useThing ${target}`);
      return 'r2';
    },
  };
  return { p, calls };
}

describe('hookUse with a bind record', () => {
  it('bindBuffer: stores each call that returned while its gate is open, never one that threw; use marks gated apart', () => {
    const { p, calls } = proto();
    const gate = { watching: 0 };
    const when = { pendingN: 0 };
    const rec = { gl: null as unknown, target: 0 as unknown, obj: null as unknown, n: 0, when };
    hookUse(p, 'bindBuffer', gate, (_self, a0) => calls.push(`seen ${String(a0)}`), rec);
    const f = p.bindBuffer as (this: object, t: number, o: unknown) => unknown;
    expect([f.name, f.length]).toEqual(['bindBuffer', 2]);
    const gl = {};
    expect(f.call(gl, 1, 'x')).toBe('r');
    expect(rec).toEqual({ gl: null, target: 0, obj: null, n: 0, when });
    when.pendingN = 1;
    f.call(gl, 2, 'y');
    expect(rec).toEqual({ gl, target: 2, obj: 'y', n: 1, when });
    gate.watching = 1;
    f.call(gl, 3, 'z');
    expect(rec).toEqual({ gl, target: 3, obj: 'z', n: 2, when });
    expect(calls).toEqual(['native bindBuffer 1', 'native bindBuffer 2', 'native bindBuffer 3', 'seen 3']);
    calls.length = 0;
    expect(() => f.call(gl, 4, 'bad')).toThrow(new TypeError('bad buffer'));
    expect(calls).toEqual(['native bindBuffer 4']);
    expect(rec).toEqual({ gl, target: 3, obj: 'z', n: 2, when });
  });

  it('refuses a method with a bind record but no literal of its own, and leaves it unwrapped', () => {
    const { p } = proto();
    const native = p.useThing;
    const rec = { gl: null, target: 0, obj: null, n: 0, when: { pendingN: 1 } };
    expect(() => hookUse(p, 'useThing', { watching: 0 }, () => {}, rec)).toThrow(/no literal in HOT_USE_RECORD/);
    expect(p.useThing).toBe(native);
  });
});
