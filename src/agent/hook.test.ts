import { describe, expect, it } from 'vitest';
import { hookUse } from './hook';

/** A prototype with natives that record their calls: bindBuffer has a literal of its own in HOT_USE_ALWAYS, useThing none. */
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

describe('hookUse with an Always', () => {
  it('bindBuffer: runs after each call made while the task holds objects it made, never after a throw', () => {
    const { p, calls } = proto();
    const when = { pendingN: 0 };
    const gate = { watching: 0 };
    hookUse(p, 'bindBuffer', gate, (_self, a0) => calls.push(`seen ${String(a0)}`), {
      when,
      run: (_self, a0, a1) => calls.push(`run ${String(a0)} ${String(a1)}`),
    });
    const f = p.bindBuffer as (this: object, t: number, o: unknown) => unknown;
    expect([f.name, f.length]).toEqual(['bindBuffer', 2]);
    expect(f.call(p, 1, 'x')).toBe('r');
    when.pendingN = 1;
    f.call(p, 2, 'y');
    gate.watching = 1;
    f.call(p, 3, 'z');
    expect(calls).toEqual(['native bindBuffer 1', 'native bindBuffer 2', 'run 2 y', 'native bindBuffer 3', 'run 3 z', 'seen 3']);
    calls.length = 0;
    expect(() => f.call(p, 4, 'bad')).toThrow(new TypeError('bad buffer'));
    expect(calls).toEqual(['native bindBuffer 4']);
  });

  it('refuses a method with an always but no literal of its own, and leaves it unwrapped', () => {
    const { p } = proto();
    const native = p.useThing;
    const always = { when: { pendingN: 1 }, run: () => {} };
    expect(() => hookUse(p, 'useThing', { watching: 0 }, () => {}, always)).toThrow(/no literal in HOT_USE_ALWAYS/);
    expect(p.useThing).toBe(native);
  });
});
