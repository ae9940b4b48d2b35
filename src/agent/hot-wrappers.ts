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
/**
 * hookUse's `always`: `run` follows every call made while `when.pendingN` is not 0, that is while the task
 * holds objects it made (Tracker.pendingN). Draw loops make none: their binds test one number and go on.
 */
export interface Always {
  when: { readonly pendingN: number };
  run: AlwaysHook;
}
export interface Gate {
  watching: number;
}

type ResultMake = (orig: AnyFn, after: ResultHook) => AnyFn;
/** hookUse's wrapper without an `always`, and with one. */
type UseMake = (orig: AnyFn, gate: Gate, seen: SeenHook) => AnyFn;
type UseAlwaysMake = (orig: AnyFn, gate: Gate, seen: SeenHook, when: Always['when'], run: AlwaysHook) => AnyFn;

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

/** Render-pass calls, keyed as HOT_RESULT. */
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

/**
 * WebGL's binds and activeTexture, keyed as HOT_RESULT. With a shared literal, whose call of `run` sees
 * every bind's closure, the churn loop's binds cost 1.068x with `run` bodies that returned at once against 1.020x with no
 * call; with these, the whole churn loop went from 1.337x to 1.257x (both frames of one renderer, the
 * extension off for one, 8 sets of 25 rounds). Their `run` is gated (Always), so that draw loops' binds
 * test one number: the draw-heavy frame read 0.98x – 1.14x over eight such runs, against 1.00x – 1.13x over
 * seven with the shared literal.
 */
export const HOT_USE_ALWAYS: Readonly<Record<string, UseAlwaysMake>> = {
  bindBuffer: (orig, gate, seen, when, run) =>
    ({
      bindBuffer(this: never, a0: unknown, a1: unknown) {
        const r = arguments.length === 2 ? orig.call(this, a0, a1) : orig.apply(this, arguments as any);
        if (when.pendingN !== 0) run(this, a0, a1);
        if (gate.watching !== 0) seen(this, a0, a1, undefined);
        return r;
      },
    }).bindBuffer,
  bindTexture: (orig, gate, seen, when, run) =>
    ({
      bindTexture(this: never, a0: unknown, a1: unknown) {
        const r = arguments.length === 2 ? orig.call(this, a0, a1) : orig.apply(this, arguments as any);
        if (when.pendingN !== 0) run(this, a0, a1);
        if (gate.watching !== 0) seen(this, a0, a1, undefined);
        return r;
      },
    }).bindTexture,
  // It changes which unit a texture bind concerns; it has no use mark (its gate never opens).
  activeTexture: (orig, gate, seen, when, run) =>
    ({
      activeTexture(this: never, a0: unknown) {
        const r = arguments.length === 1 ? orig.call(this, a0) : orig.apply(this, arguments as any);
        if (when.pendingN !== 0) run(this, a0, undefined);
        if (gate.watching !== 0) seen(this, a0, undefined, undefined);
        return r;
      },
    }).activeTexture,
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
