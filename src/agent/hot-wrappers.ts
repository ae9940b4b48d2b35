// Wrappers with a function literal of their own, for the methods on pages' hot paths (churn loops, draw
// loops). V8 keeps call feedback per function literal, shared by every closure made from it: with one
// wrapper literal for every hooked method, the wrapper's call of its native sees dozens of targets, goes
// megamorphic, and V8 can then call the native only through its generic path, not as a direct API call,
// nor inline our hook body (measured on plain wrappers of the churn loop's 8 calls: 1.07x – 1.16x with one
// literal, 1.03x with one each). Here each literal calls one native (two where WebGL 1 and 2 share it)
// and one hook body. The text repeats on purpose: it is the repetition that gives each its own feedback.
// hook.ts picks these by key and falls back to its shared literals for every other method.
/* eslint-disable @typescript-eslint/no-explicit-any */

type AnyFn = (this: any, ...args: any[]) => unknown;
/** hookResult's body: the wrapper's `this`, the native's result, its first argument. */
export type ResultHook = (self: never, result: unknown, a0: unknown) => void;
/** hookUse's bodies. */
export type SeenHook = (self: never, a0: unknown, a1: unknown, a2: unknown) => void;
export type AlwaysHook = (self: never, a0: unknown, a1: unknown) => void;
export interface Gate {
  watching: number;
}

type ResultMake = (orig: AnyFn, after: ResultHook) => AnyFn;
/** hookUse's wrapper; none of these takes an `always` (WebGL's binds, which do, keep the shared literal). */
type UseMake = (orig: AnyFn, gate: Gate, seen: SeenHook) => AnyFn;

/** Creates, deletes and destroys, keyed by method name or `Interface.method`. */
export const HOT_RESULT: Readonly<Record<string, ResultMake>> = {
  createBuffer: (orig, after) =>
    ({
      createBuffer(this: never, a0: unknown) {
        const r = arguments.length === 0 ? orig.call(this) : arguments.length === 1 ? orig.call(this, a0) : orig.apply(this, arguments as any);
        after(this, r, a0);
        return r;
      },
    }).createBuffer,
  createTexture: (orig, after) =>
    ({
      createTexture(this: never, a0: unknown) {
        const r = arguments.length === 0 ? orig.call(this) : arguments.length === 1 ? orig.call(this, a0) : orig.apply(this, arguments as any);
        after(this, r, a0);
        return r;
      },
    }).createTexture,
  deleteBuffer: (orig, after) =>
    ({
      deleteBuffer(this: never, a0: unknown) {
        const r = arguments.length === 1 ? orig.call(this, a0) : orig.apply(this, arguments as any);
        after(this, r, a0);
        return r;
      },
    }).deleteBuffer,
  deleteTexture: (orig, after) =>
    ({
      deleteTexture(this: never, a0: unknown) {
        const r = arguments.length === 1 ? orig.call(this, a0) : orig.apply(this, arguments as any);
        after(this, r, a0);
        return r;
      },
    }).deleteTexture,
  'GPUDevice.createBuffer': (orig, after) =>
    ({
      createBuffer(this: never, a0: unknown) {
        const r = arguments.length === 1 ? orig.call(this, a0) : orig.apply(this, arguments as any);
        after(this, r, a0);
        return r;
      },
    }).createBuffer,
  'GPUDevice.createTexture': (orig, after) =>
    ({
      createTexture(this: never, a0: unknown) {
        const r = arguments.length === 1 ? orig.call(this, a0) : orig.apply(this, arguments as any);
        after(this, r, a0);
        return r;
      },
    }).createTexture,
  'GPUBuffer.destroy': (orig, after) =>
    ({
      destroy(this: never, a0: unknown) {
        const r = arguments.length === 0 ? orig.call(this) : orig.apply(this, arguments as any);
        after(this, r, a0);
        return r;
      },
    }).destroy,
  'GPUTexture.destroy': (orig, after) =>
    ({
      destroy(this: never, a0: unknown) {
        const r = arguments.length === 0 ? orig.call(this) : orig.apply(this, arguments as any);
        after(this, r, a0);
        return r;
      },
    }).destroy,
};

/**
 * Render-pass calls, keyed as HOT_RESULT. WebGL's binds keep the shared literal: with literals of their own,
 * bench/overhead.mjs's draw-heavy frame measured 1.16x – 1.18x against 0.99x with the shared one in one run
 * (same sets); that bench's spread is about as large, so this is a precaution, not a finding.
 */
export const HOT_USE: Readonly<Record<string, UseMake>> = {
  'GPURenderPassEncoder.setBindGroup': (orig, gate, seen) =>
    ({
      setBindGroup(this: never, a0: unknown, a1: unknown, a2: unknown) {
        const n = arguments.length;
        const r = n === 2 ? orig.call(this, a0, a1) : n === 3 ? orig.call(this, a0, a1, a2) : orig.apply(this, arguments as any);
        if (gate.watching !== 0) seen(this, a0, a1, a2);
        return r;
      },
    }).setBindGroup,
  'GPURenderPassEncoder.setVertexBuffer': (orig, gate, seen) =>
    ({
      setVertexBuffer(this: never, a0: unknown, a1: unknown, a2: unknown) {
        const n = arguments.length;
        const r = n === 2 ? orig.call(this, a0, a1) : n === 3 ? orig.call(this, a0, a1, a2) : orig.apply(this, arguments as any);
        if (gate.watching !== 0) seen(this, a0, a1, a2);
        return r;
      },
    }).setVertexBuffer,
  'GPURenderPassEncoder.setIndexBuffer': (orig, gate, seen) =>
    ({
      setIndexBuffer(this: never, a0: unknown, a1: unknown, a2: unknown) {
        const n = arguments.length;
        const r = n === 2 ? orig.call(this, a0, a1) : n === 3 ? orig.call(this, a0, a1, a2) : orig.apply(this, arguments as any);
        if (gate.watching !== 0) seen(this, a0, a1, a2);
        return r;
      },
    }).setIndexBuffer,
};

/** hookAfter's body: the call's arguments and the native's result. */
export type AfterHook = (self: never, args: ArrayLike<unknown>, result: unknown) => void;
type AfterMake = (orig: AnyFn, after: AfterHook) => AnyFn;

/** Uploads, keyed as HOT_RESULT. */
export const HOT_AFTER: Readonly<Record<string, AfterMake>> = {
  bufferData: (orig, after) =>
    ({
      bufferData(this: never) {
        const r = orig.apply(this, arguments as any);
        after(this, arguments, r);
        return r;
      },
    }).bufferData,
  texImage2D: (orig, after) =>
    ({
      texImage2D(this: never) {
        const r = orig.apply(this, arguments as any);
        after(this, arguments, r);
        return r;
      },
    }).texImage2D,
};
