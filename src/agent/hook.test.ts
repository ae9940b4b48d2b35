import { describe, expect, it } from 'vitest';
import { hookUse } from './hook';

/** A prototype with natives that record their calls; bindBuffer has a literal of its own, useThing the shared one. */
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
  for (const name of ['bindBuffer', 'useThing'] as const) {
    it(`${name}: runs after each call made while the task holds objects it made, never after a throw`, () => {
      const { p, calls } = proto();
      const when = { pendingN: 0 };
      const gate = { watching: 0 };
      hookUse(p, name, gate, (_self, a0) => calls.push(`seen ${String(a0)}`), {
        when,
        run: (_self, a0, a1) => calls.push(`run ${String(a0)} ${String(a1)}`),
      });
      const f = p[name] as (this: object, t: number, o: unknown) => unknown;
      expect(f.name).toBe(name);
      expect(f.length).toBe(2);
      expect(f.call(p, 1, 'x')).toBe(name === 'bindBuffer' ? 'r' : 'r2');
      when.pendingN = 1;
      f.call(p, 2, 'y');
      gate.watching = 1;
      f.call(p, 3, 'z');
      expect(calls).toEqual([`native ${name} 1`, `native ${name} 2`, 'run 2 y', `native ${name} 3`, 'run 3 z', 'seen 3']);
      if (name === 'bindBuffer') {
        calls.length = 0;
        expect(() => f.call(p, 4, 'bad')).toThrow(new TypeError('bad buffer'));
        expect(calls).toEqual(['native bindBuffer 4']);
      }
    });
  }
});
