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
      calls.push(`native useThing ${target} (${arguments.length} arguments)`);
      return 'r2';
    },
  };
  return { p, calls };
}

describe('hookUse with a bind record', () => {
  it('bindBuffer: records while there is a candidate, never a call that threw; use marks gated apart', () => {
    const { p, calls } = proto();
    const gate = { watching: 0 };
    const rec = { cand: null as unknown, gl: null as unknown, target: 0 as unknown, k: 0 };
    const gl = {};
    hookUse(p, 'bindBuffer', gate, (self, a0, a1) => calls.push(`seen ${String(a0)} ${String(a1)}${self === gl ? ' in gl' : ''}`), rec);
    const f = p.bindBuffer as (this: object, t: number, o: unknown) => unknown;
    expect([f.name, f.length]).toEqual(['bindBuffer', 2]);
    // No candidate: nothing stored.
    expect(f.call(gl, 1, 'x')).toBe('r');
    expect(rec).toEqual({ cand: null, gl: null, target: 0, k: 0 });
    // The candidate's first bind, in its own context.
    Object.assign(rec, { cand: 'y', gl });
    f.call(gl, 2, 'y');
    expect(rec).toEqual({ cand: 'y', gl, target: 2, k: 1 });
    // A call that threw is no bind.
    expect(() => f.call(gl, 4, 'bad')).toThrow(new TypeError('bad buffer'));
    expect(rec).toEqual({ cand: 'y', gl, target: 2, k: 1 });
    // Any other bind after it, seen by the use mark too once its gate is open.
    gate.watching = 1;
    f.call(gl, 3, 'z');
    expect(rec).toEqual({ cand: 'y', gl, target: 2, k: 2 });
    expect(calls).toEqual(['native bindBuffer 1', 'native bindBuffer 2', 'native bindBuffer 4', 'native bindBuffer 3', 'seen 3 z in gl']);
    // The candidate bound from another context, or bound a second time, is not its own first bind.
    Object.assign(rec, { k: 0 });
    f.call({}, 2, 'y');
    expect(rec.k).toBe(2);
    Object.assign(rec, { k: 0 });
    f.call(gl, 2, 'y');
    f.call(gl, 2, 'y');
    expect(rec.k).toBe(2);
  });

  it('refuses a method with a bind record but no literal of its own, and leaves it unwrapped', () => {
    const { p } = proto();
    const native = p.useThing;
    const rec = { cand: null, gl: null, target: 0, k: 0 };
    expect(() => hookUse(p, 'useThing', { watching: 0 }, () => {}, rec)).toThrow(/no literal in HOT_USE_RECORD/);
    expect(p.useThing).toBe(native);
  });

  it('a method without a literal of its own: the native gets the page\'s arguments, the use mark all three once the gate opens', () => {
    const { p, calls } = proto();
    const gate = { watching: 0 };
    const gl = {};
    hookUse(p, 'useThing', gate, (self, a0, a1, a2) => calls.push(`seen ${String(a0)} ${String(a1)} ${String(a2)}${self === gl ? ' in gl' : ''}`));
    const f = p.useThing as (this: object, ...a: unknown[]) => unknown;
    expect(f.call(gl, 1, 'x')).toBe('r2');
    gate.watching = 1;
    expect(f.call(gl, 2, 'y', 7)).toBe('r2');
    f.call(gl, 3);
    expect(calls).toEqual([
      'native useThing 1 (2 arguments)',
      'native useThing 2 (3 arguments)', 'seen 2 y 7 in gl',
      'native useThing 3 (1 arguments)', 'seen 3 undefined undefined in gl',
    ]);
  });
});
