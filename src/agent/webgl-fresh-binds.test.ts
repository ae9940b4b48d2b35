import { describe, expect, it } from 'vitest';
import { GL } from '../model/model';
import type { CtxState } from './contexts';
import { Emitter } from './emitter';
import { hookUse, NEVER } from './hook';
import { Tracker } from './tracker';
import { FreshBinds } from './webgl-fresh-binds';

/**
 * A tracker, two contexts (ids 1 and 2, WebGL 2 unless told), the records, and the agent's own bind and
 * activeTexture wrappers (hook.ts, hot-wrappers.ts) around stand-in natives: a bind of 'bad' throws.
 */
function harness(is2 = true) {
  const e = new Emitter('abcdefabcdef', 1000, {
    send: () => {},
    schedule: () => {},
    clock: () => 5,
  });
  const tracker = new Tracker(e);
  const gl1 = {};
  const gl2 = {};
  // Only the fields FreshBinds reads; the GL objects are plain objects here.
  const c1 = { id: 1, gl: gl1, is2, lost: false } as unknown as CtxState;
  const c2 = { id: 2, gl: gl2, is2, lost: false } as unknown as CtxState;
  const fresh = new FreshBinds(tracker);
  const make = (ctx: number, kind: 'webgl.buffer' | 'webgl.texture' = 'webgl.buffer') => {
    const obj = {};
    const st = tracker.create(obj, kind, ctx);
    fresh.made(st, ctx === 1 ? gl1 : gl2);
    return { obj, st };
  };
  const natives = {
    bindBuffer(_t: number, o: unknown) {
      if (o === 'bad') throw new TypeError('bad');
    },
    bindTexture(_t: number, o: unknown) {
      if (o === 'bad') throw new TypeError('bad');
    },
    activeTexture(_u: number) {},
  };
  const noop = (): void => {};
  hookUse(natives, 'bindBuffer', NEVER, noop, fresh.buf);
  hookUse(natives, 'bindTexture', NEVER, noop, fresh.tex);
  hookUse(natives, 'activeTexture', NEVER, noop, fresh.tex);
  const bindBuffer = (gl: object, t: number, o: unknown): void => natives.bindBuffer.call(gl, t, o);
  const bindTexture = (gl: object, t: number, o: unknown): void => natives.bindTexture.call(gl, t, o);
  const activeTexture = (gl: object, u: number): void => natives.activeTexture.call(gl, u);
  return { e, tracker, fresh, gl1, gl2, c1, c2, make, bindBuffer, bindTexture, activeTexture };
}

describe('FreshBinds', () => {
  it('knows the buffer just made and bound once, to a target only bindBuffer changes', () => {
    const { fresh, gl1, c1, c2, make, bindBuffer } = harness();
    const b = make(1);
    bindBuffer(gl1, GL.ARRAY_BUFFER, b.obj);
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBe(b.st);
    expect(fresh.buffer(c1, GL.COPY_READ_BUFFER)).toBeUndefined();
    expect(fresh.buffer(c2, GL.ARRAY_BUFFER)).toBeUndefined();
    // Any later bind (another target too) leaves the record behind: the GL is asked.
    bindBuffer(gl1, GL.ELEMENT_ARRAY_BUFFER, {});
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBeUndefined();
  });

  it('never trusts a bind the GL may have refused, and then leaves the answer to the GL', () => {
    const { fresh, gl1, c1, make, bindBuffer, bindTexture } = harness();
    // Another context's buffer.
    const foreign = make(2);
    bindBuffer(gl1, GL.ARRAY_BUFFER, foreign.obj);
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBeUndefined();
    // A second bind: the first may have typed the buffer as an element buffer, which ARRAY_BUFFER refuses.
    const el = make(1);
    bindBuffer(gl1, GL.ELEMENT_ARRAY_BUFFER, el.obj);
    bindBuffer(gl1, GL.ARRAY_BUFFER, el.obj);
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBeUndefined();
    // A texture bound to a cube map first cannot be bound to TEXTURE_2D.
    const cube = make(1, 'webgl.texture');
    bindTexture(gl1, GL.TEXTURE_CUBE_MAP, cube.obj);
    expect(fresh.texture(c1, GL.TEXTURE_CUBE_MAP)).toBe(cube.st);
    bindTexture(gl1, GL.TEXTURE_2D, cube.obj);
    expect(fresh.texture(c1, GL.TEXTURE_2D)).toBeUndefined();
  });

  it('follows neither element nor indexed targets, nor WebGL 2 targets in WebGL 1', () => {
    const { fresh, gl1, c1, make, bindBuffer, bindTexture } = harness(false);
    const el = make(1);
    bindBuffer(gl1, GL.ELEMENT_ARRAY_BUFFER, el.obj);
    expect(fresh.buffer(c1, GL.ELEMENT_ARRAY_BUFFER)).toBeUndefined();
    const c = make(1);
    bindBuffer(gl1, GL.COPY_READ_BUFFER, c.obj);
    expect(fresh.buffer(c1, GL.COPY_READ_BUFFER)).toBeUndefined();
    const t = make(1, 'webgl.texture');
    bindTexture(gl1, GL.TEXTURE_3D, t.obj);
    expect(fresh.texture(c1, GL.TEXTURE_3D)).toBeUndefined();
  });

  it('knows the texture just made and bound, until the active unit changes', () => {
    const { fresh, gl1, c1, make, bindTexture, activeTexture } = harness();
    const t = make(1, 'webgl.texture');
    bindTexture(gl1, GL.TEXTURE_2D, t.obj);
    expect(fresh.texture(c1, GL.TEXTURE_2D)).toBe(t.st);
    expect(fresh.texture(c1, GL.TEXTURE_CUBE_MAP)).toBeUndefined();
    activeTexture(gl1, GL.TEXTURE0 + 1);
    expect(fresh.texture(c1, GL.TEXTURE_2D)).toBeUndefined();
  });

  it('ignores objects no longer fresh: deleted, not the last of their kind made, or of a lost context', () => {
    const { tracker, fresh, gl1, c1, make, bindBuffer } = harness();
    const c = make(1);
    bindBuffer(gl1, GL.ARRAY_BUFFER, c.obj);
    tracker.release(c.st, 'deleted');
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBeUndefined();
    // Not the buffer made last: the record is not used.
    const d = make(1);
    make(1);
    bindBuffer(gl1, GL.ARRAY_BUFFER, d.obj);
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBeUndefined();
    // The buffer made last is the candidate even when a texture was made after it (a loader's pattern).
    const e = make(1);
    make(1, 'webgl.texture');
    bindBuffer(gl1, GL.ARRAY_BUFFER, e.obj);
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBe(e.st);
    c1.lost = true;
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBeUndefined();
  });

  it('counts every bind since the object was made: another bind between, or a second, and the GL is asked', () => {
    const { fresh, gl1, c1, make, bindBuffer, bindTexture, activeTexture } = harness();
    const a = make(1);
    bindBuffer(gl1, GL.ARRAY_BUFFER, {});
    bindBuffer(gl1, GL.ARRAY_BUFFER, a.obj);
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBeUndefined();
    // Texture binds leave the buffer record alone, and the unit change concerns textures only.
    const b = make(1);
    bindTexture(gl1, GL.TEXTURE_2D, {});
    activeTexture(gl1, GL.TEXTURE0 + 2);
    bindBuffer(gl1, GL.ARRAY_BUFFER, b.obj);
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBe(b.st);
    // A bind whose native threw is no bind: the record stays as it was.
    expect(() => bindBuffer(gl1, GL.ARRAY_BUFFER, 'bad')).toThrow(TypeError);
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBe(b.st);
  });

  it('drops its candidates at the end of the task: later binds record nothing, later uploads ask the GL', () => {
    const { e, fresh, gl1, c1, make, bindBuffer, bindTexture } = harness();
    const b = make(1);
    const t = make(1, 'webgl.texture');
    bindBuffer(gl1, GL.ARRAY_BUFFER, b.obj);
    bindTexture(gl1, GL.TEXTURE_2D, t.obj);
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBe(b.st);
    expect(fresh.texture(c1, GL.TEXTURE_2D)).toBe(t.st);
    e.flush();
    expect(fresh.buf).toEqual({ cand: null, gl: null, target: 0, k: 0 });
    expect(fresh.tex).toEqual({ cand: null, gl: null, target: 0, k: 0 });
    expect(fresh.buffer(c1, GL.ARRAY_BUFFER)).toBeUndefined();
    expect(fresh.texture(c1, GL.TEXTURE_2D)).toBeUndefined();
    bindBuffer(gl1, GL.ARRAY_BUFFER, b.obj);
    expect(fresh.buf).toEqual({ cand: null, gl: null, target: 0, k: 0 });
  });
});
