// Wrappers with a function literal of their own, for the methods on pages' hot paths (churn loops, draw
// loops). V8 keeps call feedback per function literal, shared by every closure made from it: with one
// wrapper literal for every hooked method, the wrapper's call of its native sees dozens of targets, goes
// megamorphic, and V8 can then call the native only through its generic path, not as a direct API call,
// nor inline our hook body (plain wrappers on a churn loop cost it 7 – 16 %, against 3 % with a literal
// each). Here each literal calls one native (two where WebGL 1 and 2 share it) and one hook body. The text repeats on purpose: it is the repetition that gives each its own feedback.
// hook.ts picks these by key and falls back to its shared literals for every other method.
/* eslint-disable @typescript-eslint/no-explicit-any */

type AnyFn = (this: any, ...args: any[]) => unknown;
/** hookResult's body: the wrapper's `this`, the native's result, its first argument. */
export type ResultHook = (self: never, result: unknown, a0: unknown) => void;
/** hookUse's bodies. */
export type SeenHook = (self: never, a0: unknown, a1: unknown, a2: unknown) => void;
/**
 * What WebGL's bind wrappers record for the uploads (webgl-fresh-binds.ts): while `cand` holds the buffer or
 * texture made last in the task, every bind of its kind sets `k`: 1 when the first bind since it was made is
 * its own in its own context (with that bind's target), 2 for anything else. When `cand` is null (draw loops,
 * once the task that made objects has ended) a bind loads one field and compares it, and stores nothing.
 * The stores are small integers and the bind's target; the objects are stored by the create hook, off the
 * binds' path, because storing the context, target and object on every bind cost churn loops about 6 %.
 */
export interface BindRecord {
  /** The buffer or texture made last in this task (FreshBinds.made), or null: binds record only while set. */
  cand: unknown;
  /** Its context: a bind from any other is not its own. */
  gl: unknown;
  /** The target of its own bind, when k is 1. */
  target: unknown;
  /** Binds of its kind since it was made: 0, 1 (its own, the first), 2 (anything else). */
  k: number;
}
export interface Gate {
  watching: number;
}

/**
 * Calls a use hook from a use wrapper. A wrapper that called its hook directly got that call site's feedback
 * as soon as a page made objects in a frame (churn opens the gate); V8 then inlined the hook's body into the
 * wrapper, and the grown wrapper no longer inlined into the page's draw loop, which paid a real call per bind
 * from then on, gate closed or not (a draw-heavy frame 1.10x instead of 1.04x). This call site has seen six
 * hooks before any page code runs (the primers below), so V8 treats it as megamorphic and never inlines a
 * hook through it.
 * The hook is looked up by slot in an array, not passed in: once TurboFan inlines a wrapper into the page's
 * loop it knows the wrapper's closure, reads a captured hook as a constant and would inline it whatever this
 * call site's feedback says (--trace-turbo-inlining shows only the wrappers and this function inlined).
 */
export function invokeSeen(slot: number, self: never, a0: unknown, a1: unknown, a2: unknown): void {
  seenHooks[slot]!(self, a0, a1, a2);
}
const seenHooks: SeenHook[] = [];
/** The slot invokeSeen calls `f` by: a growing array's elements are not read as constants. */
export function seenSlot(f: SeenHook): number {
  return seenHooks.push(f) - 1;
}
// Six literals, not six closures of one: V8 may count closures of one literal as one target.
const primers = [() => {}, () => {}, () => {}, () => {}, () => {}, () => {}].map(seenSlot);
for (let i = 0; i < 4; i++) for (const p of primers) invokeSeen(p, undefined as never, i, undefined, undefined);

type ResultMake = (orig: AnyFn, after: ResultHook) => AnyFn;
/** hookUse's wrapper without a bind record, and with one; `slot` is the use hook's (seenSlot). */
type UseMake = (orig: AnyFn, gate: Gate, slot: number) => AnyFn;
type UseRecordMake = (orig: AnyFn, gate: Gate, slot: number, rec: BindRecord) => AnyFn;

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
  'GPURenderPassEncoder.setBindGroup': (orig, gate, slot) =>
    ({
      setBindGroup(this: never, a0: unknown, a1: unknown, a2: unknown) {
        const n = arguments.length;
        const r = n === 2 ? orig.call(this, a0, a1) : n === 3 ? orig.call(this, a0, a1, a2) : orig.apply(this, arguments as any);
        if (gate.watching !== 0) invokeSeen(slot, this, a0, a1, a2);
        return r;
      },
    }).setBindGroup,
  'GPURenderPassEncoder.setVertexBuffer': (orig, gate, slot) =>
    ({
      setVertexBuffer(this: never, a0: unknown, a1: unknown, a2: unknown) {
        const n = arguments.length;
        const r = n === 2 ? orig.call(this, a0, a1) : n === 3 ? orig.call(this, a0, a1, a2) : orig.apply(this, arguments as any);
        if (gate.watching !== 0) invokeSeen(slot, this, a0, a1, a2);
        return r;
      },
    }).setVertexBuffer,
  'GPURenderPassEncoder.setIndexBuffer': (orig, gate, slot) =>
    ({
      setIndexBuffer(this: never, a0: unknown, a1: unknown, a2: unknown) {
        const n = arguments.length;
        const r = n === 2 ? orig.call(this, a0, a1) : n === 3 ? orig.call(this, a0, a1, a2) : orig.apply(this, arguments as any);
        if (gate.watching !== 0) invokeSeen(slot, this, a0, a1, a2);
        return r;
      },
    }).setIndexBuffer,
};

/**
 * WebGL's binds and activeTexture, keyed as HOT_RESULT: each records into its BindRecord (activeTexture
 * voids a texture's own bind: a texture bind concerns the unit active then). The binds keep their use marks
 * behind the outlived-frame gate, which draw loops find closed.
 */
export const HOT_USE_RECORD: Readonly<Record<string, UseRecordMake>> = {
  bindBuffer: (orig, gate, slot, rec) =>
    ({
      bindBuffer(this: never, a0: unknown, a1: unknown) {
        const r = arguments.length === 2 ? orig.call(this, a0, a1) : orig.apply(this, arguments as any);
        if (rec.cand !== null) {
          if (a1 === rec.cand && this === rec.gl && rec.k === 0) {
            rec.target = a0;
            rec.k = 1;
          } else rec.k = 2;
        }
        if (gate.watching !== 0) invokeSeen(slot, this, a0, a1, undefined);
        return r;
      },
    }).bindBuffer,
  bindTexture: (orig, gate, slot, rec) =>
    ({
      bindTexture(this: never, a0: unknown, a1: unknown) {
        const r = arguments.length === 2 ? orig.call(this, a0, a1) : orig.apply(this, arguments as any);
        if (rec.cand !== null) {
          if (a1 === rec.cand && this === rec.gl && rec.k === 0) {
            rec.target = a0;
            rec.k = 1;
          } else rec.k = 2;
        }
        if (gate.watching !== 0) invokeSeen(slot, this, a0, a1, undefined);
        return r;
      },
    }).bindTexture,
  // It has no use mark: its gate and body are not called.
  activeTexture: (orig, _gate, _slot, rec) =>
    ({
      activeTexture(this: never, a0: unknown) {
        const r = arguments.length === 1 ? orig.call(this, a0) : orig.apply(this, arguments as any);
        if (rec.k === 1) rec.k = 2;
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
