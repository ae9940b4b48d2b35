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
/**
 * The last bind of one kind (buffers or textures), which WebGL's bind wrappers store after each call that
 * returned while the task holds objects it made (Tracker.pendingN): the context, target and object, and a
 * count of binds kept below 2^30. Stores only, behind one comparison, where there was a call to a recording
 * body. With the churn loop run first (as in an app that made and uploaded its objects before drawing),
 * the draw-heavy frame read 1.11x with that call (16 sets), 1.06x and 1.09x with these stores (12 and 16
 * sets), and 0.99x with no recording at all (10 sets), whose churn loop read 1.37x against 1.31x – 1.32x
 * (bench/same-renderer.mjs; its 95 % interval is about ±0.05 there). webgl-fresh-binds.ts reads the records
 * at uploads.
 */
export interface BindRecord {
  gl: unknown;
  target: unknown;
  obj: unknown;
  n: number;
  /** The stores' gate: they happen while the task holds objects it made (Tracker.pendingN). */
  readonly when: { readonly pendingN: number };
}
export interface Gate {
  watching: number;
}

type ResultMake = (orig: AnyFn, after: ResultHook) => AnyFn;
/** hookUse's wrapper without a bind record, and with one. */
type UseMake = (orig: AnyFn, gate: Gate, seen: SeenHook) => AnyFn;
type UseRecordMake = (orig: AnyFn, gate: Gate, seen: SeenHook, rec: BindRecord) => AnyFn;

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
 * WebGL's binds and activeTexture, keyed as HOT_RESULT: each stores into its BindRecord (activeTexture
 * voids the texture record's context: a texture bind concerns the unit active then). The binds keep their
 * use marks behind the outlived-frame gate, which draw loops find closed. `when` is taken out of the record
 * once, so that the wrapper's gate is one load.
 */
export const HOT_USE_RECORD: Readonly<Record<string, UseRecordMake>> = {
  bindBuffer: (orig, gate, seen, rec) => {
    const when = rec.when;
    return ({
      bindBuffer(this: never, a0: unknown, a1: unknown) {
        const r = arguments.length === 2 ? orig.call(this, a0, a1) : orig.apply(this, arguments as any);
        if (when.pendingN !== 0) {
          rec.gl = this;
          rec.target = a0;
          rec.obj = a1;
          rec.n = (rec.n + 1) & 0x3fffffff;
        }
        if (gate.watching !== 0) seen(this, a0, a1, undefined);
        return r;
      },
    }).bindBuffer;
  },
  bindTexture: (orig, gate, seen, rec) => {
    const when = rec.when;
    return ({
      bindTexture(this: never, a0: unknown, a1: unknown) {
        const r = arguments.length === 2 ? orig.call(this, a0, a1) : orig.apply(this, arguments as any);
        if (when.pendingN !== 0) {
          rec.gl = this;
          rec.target = a0;
          rec.obj = a1;
          rec.n = (rec.n + 1) & 0x3fffffff;
        }
        if (gate.watching !== 0) seen(this, a0, a1, undefined);
        return r;
      },
    }).bindTexture;
  },
  // It has no use mark: its gate and body are not called.
  activeTexture: (orig, _gate, _seen, rec) => {
    const when = rec.when;
    return ({
      activeTexture(this: never, a0: unknown) {
        const r = arguments.length === 1 ? orig.call(this, a0) : orig.apply(this, arguments as any);
        if (when.pendingN !== 0) rec.gl = null;
        return r;
      },
    }).activeTexture;
  },
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
