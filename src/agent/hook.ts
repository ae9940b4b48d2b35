// Replaces a prototype method or accessor with a wrapper that looks like the native one: same name, length,
// toString, no prototype, not constructible; installing twice wraps once. Hot methods get literals of their
// own from hot-wrappers.ts.
import { type AfterHook, type BindRecord, type Gate, HOT_AFTER, HOT_RESULT, HOT_USE, HOT_USE_RECORD, invokeSeen, type ResultHook, type SeenHook, seenSlot } from './hot-wrappers';

/** Marks our wrappers; its value is the wrapped original. Symbol.for so a second agent copy sees it too. */
const WRAPPED = Symbol.for('gpumem.wrapped');

// Hooked natives have every shape of `this` and arguments; the wrappers pass them through untouched.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (this: any, ...args: any[]) => unknown;

// Function.prototype.toString answers for our wrappers with their natives' text, so that
// `Function.prototype.toString.call(fn)` (how libraries tell native functions from polyfills) sees no
// difference; the wrappers get no own `toString` property either.
const nativeToString = Function.prototype.toString;
const texts = new WeakMap<object, string>();
const toStringWrapper = {
  toString(this: unknown) {
    const t = typeof this === 'function' ? texts.get(this) : undefined;
    return t !== undefined ? t : nativeToString.call(this as AnyFn);
  },
}.toString;
let toStringHooked = false;

function hookToString(): void {
  if (toStringHooked) return;
  toStringHooked = true;
  const desc = Object.getOwnPropertyDescriptor(Function.prototype, 'toString');
  if (!desc || desc.value !== nativeToString || isWrapped(nativeToString)) return;
  Object.defineProperty(toStringWrapper, 'name', { value: nativeToString.name, configurable: true });
  Object.defineProperty(toStringWrapper, 'length', { value: nativeToString.length, configurable: true });
  Object.defineProperty(toStringWrapper, WRAPPED, { value: nativeToString });
  texts.set(toStringWrapper, nativeToString.call(nativeToString));
  Object.defineProperty(Function.prototype, 'toString', { ...desc, value: toStringWrapper });
}

/** Gives a function our wrapper's disguise: `orig`'s text for toString, and no other trace. */
export function disguiseAs(fn: object, orig: object): void {
  hookToString();
  texts.set(fn, nativeToString.call(orig as AnyFn));
}

function disguise(wrapper: AnyFn, orig: AnyFn): void {
  Object.defineProperty(wrapper, 'name', { value: orig.name, configurable: true });
  Object.defineProperty(wrapper, 'length', { value: orig.length, configurable: true });
  Object.defineProperty(wrapper, WRAPPED, { value: orig });
  disguiseAs(wrapper, orig);
}

export function isWrapped(fn: unknown): boolean {
  return typeof fn === 'function' && Object.prototype.hasOwnProperty.call(fn, WRAPPED);
}

/**
 * Wraps proto[name] with make(orig). The wrapper must be a method (no prototype), which `make` gets by
 * writing `{ fn(...) {...} }.fn`. Returns the original, or undefined when absent or already wrapped.
 */
export function hookMethod<F extends AnyFn>(
  proto: object | undefined,
  name: string,
  make: (orig: F) => F,
): F | undefined {
  if (!proto) return undefined;
  const desc = Object.getOwnPropertyDescriptor(proto, name);
  if (!desc || typeof desc.value !== 'function' || isWrapped(desc.value)) return undefined;
  const orig = desc.value as F;
  const wrapper = make(orig);
  disguise(wrapper as AnyFn, orig as AnyFn);
  Object.defineProperty(proto, name, { ...desc, value: wrapper });
  return orig;
}

/** Wraps the setter of accessor proto[name]; `after` runs once the native setter returned. */
export function hookSetter(proto: object | undefined, name: string, after: (self: object) => void): void {
  if (!proto) return;
  const desc = Object.getOwnPropertyDescriptor(proto, name);
  const set = desc?.set as AnyFn | undefined;
  if (!desc || !set || isWrapped(set)) return;
  const wrapper = {
    set(this: object, v: unknown) {
      set.call(this, v);
      after(this);
    },
  }.set as AnyFn;
  disguise(wrapper, set);
  Object.defineProperty(proto, name, { ...desc, set: wrapper });
}

/** The hot-path literal for `key`, when hot-wrappers.ts has one. */
function hot<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * Wraps proto[name] so that `after(this, arguments, result)` runs once the native returned normally: a
 * native that throws (a bad argument type) throws straight to the page and our bookkeeping never sees the
 * call. `after` must not throw; the caller guards it. `key` picks a literal of hot-wrappers.ts.
 */
export function hookAfter(proto: object | undefined, name: string, after: AfterHook, key: string = name): void {
  const own = hot(HOT_AFTER, key);
  hookMethod<AnyFn>(proto, name, (orig) =>
    own !== undefined
      ? own(orig, after)
      : // A computed method key gives the wrapper the native's name and no prototype.
        ({
          [name](this: never) {
            const r = orig.apply(this, arguments as unknown as unknown[]);
            after(this, arguments, r);
            return r;
          },
        })[name] as AnyFn,
  );
}

/**
 * hookAfter for hooks that need only `this`, the result and the first argument (creates, deletes,
 * destroys): the wrapper never builds an arguments object, and calls with up to three arguments reach the
 * native as fixed-arity calls, which the engine makes directly. The argument count the native sees stays the
 * page's. `key` picks a literal of hot-wrappers.ts.
 */
export function hookResult(proto: object | undefined, name: string, after: ResultHook, key: string = name): void {
  const own = hot(HOT_RESULT, key);
  hookMethod<AnyFn>(proto, name, (orig) =>
    own !== undefined
      ? own(orig, after)
      : ({
          [name](this: never, a0: unknown, a1: unknown, a2: unknown) {
            const n = arguments.length;
            const r =
              n === 1 ? orig.call(this, a0) :
              n === 0 ? orig.call(this) :
              n === 2 ? orig.call(this, a0, a1) :
              n === 3 ? orig.call(this, a0, a1, a2) :
              orig.apply(this, arguments as unknown as unknown[]);
            after(this, r, a0);
            return r;
          },
        })[name] as AnyFn,
  );
}

/** The native getter of accessor proto[name], captured so that a page replacing it cannot fool us. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function getterOf<T = any>(proto: object | undefined, name: string): ((this: T) => unknown) | undefined {
  return proto ? (Object.getOwnPropertyDescriptor(proto, name)?.get as ((this: T) => unknown) | undefined) : undefined;
}

/**
 * Wraps a hook body in a try/catch that reports to `fail`, made once at install so that the hot path
 * allocates no closure per call. Our bookkeeping must never throw into the page.
 */
export function guarded<S, X>(fail: (e: unknown) => void, f: (self: S, x: X) => void): (self: S, x: X) => void {
  return (self, x) => {
    try {
      f(self, x);
    } catch (e) {
      fail(e);
    }
  };
}

/**
 * Wraps proto[name] for the outlived-frame rule's use marks: once the native returned, `seen(this, a0, a1,
 * a2)` runs while `gate.watching` is not 0, and costs one comparison otherwise. These sit on draw loops'
 * hottest calls (binds, setBindGroup), so calls with up to three arguments reach the native as fixed-arity
 * calls and no arguments object is made; the argument count the native sees stays the page's. `rec`, when
 * given, is stored into after every call that returned (hot-wrappers.ts BindRecord); a method with one must
 * have a literal in HOT_USE_RECORD.
 */
export function hookUse(
  proto: object | undefined,
  name: string,
  gate: Gate,
  seen: SeenHook,
  rec?: BindRecord,
  key: string = name,
): void {
  const own = rec === undefined ? hot(HOT_USE, key) : undefined;
  const ownRecord = rec === undefined ? undefined : hot(HOT_USE_RECORD, key);
  const slot = seenSlot(seen);
  hookMethod<AnyFn>(proto, name, (orig) => {
    if (own !== undefined) return own(orig, gate, slot);
    if (rec === undefined) {
      return ({
        [name](this: never, a0: unknown, a1: unknown, a2: unknown) {
          const n = arguments.length;
          const r =
            n === 2 ? orig.call(this, a0, a1) :
            n === 1 ? orig.call(this, a0) :
            n === 3 ? orig.call(this, a0, a1, a2) :
            orig.apply(this, arguments as unknown as unknown[]);
          if (gate.watching !== 0) invokeSeen(slot, this, a0, a1, a2);
          return r;
        },
      })[name] as AnyFn;
    }
    // Bind records are stored on hot calls (binds, activeTexture): each has a literal of its own.
    if (ownRecord === undefined) throw new Error(`hookUse: ${key} has a bind record but no literal in HOT_USE_RECORD`);
    return ownRecord(orig, gate, slot, rec);
  });
}

/** A gate that never opens: hookUse with only a bind record (activeTexture). */
export const NEVER = { watching: 0 } as const;

// Captured at install, before any page script could replace them.
const NativePromise = Promise;
const promiseThen = Promise.prototype.then;

/**
 * A promise that settles as `p` does, after `seen` saw its value. The page gets it in place of `p`: a
 * then() on `p` alone would mark it handled, and an `unhandledrejection` the page expects would never
 * fire. The cost is one microtask more before the page's callbacks run.
 */
function settleAfter(p: unknown, seen: (v: unknown) => void, fail: (e: unknown) => void): unknown {
  if (!(p instanceof NativePromise)) return p;
  let resolve!: (v: unknown) => void;
  let reject!: (e: unknown) => void;
  const out = new NativePromise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Outside the executor, so that a throw reaches the caller instead of rejecting `out`.
  promiseThen.call(p, (v: unknown) => {
    try {
      seen(v);
    } catch (e) {
      fail(e);
    }
    resolve(v);
  }, reject);
  return out;
}

/** Wraps a method that returns a promise so that `seen(this, value)` runs first (requestDevice, *Async). */
export function hookPromise(target: object | undefined, name: string, seen: (self: object, v: unknown) => void, fail: (e: unknown) => void): void {
  hookMethod(target, name, (orig: (this: object, ...args: unknown[]) => unknown) =>
    ({
      [name](this: object) {
        const p = orig.apply(this, arguments as unknown as unknown[]);
        try {
          return settleAfter(p, (v) => seen(this, v), fail);
        } catch (e) {
          // A page that replaced Promise[Symbol.species] can make then() throw: the page keeps its promise.
          fail(e);
          return p;
        }
      },
    })[name] as (this: object, ...args: unknown[]) => unknown,
  );
}

/** Runs `f` on a settled promise's value without marking a rejection handled for the page's sake. */
export function whenSettled<T>(p: Promise<T>, f: (v: T) => void): void {
  promiseThen.call(p, f as (v: unknown) => void, () => {});
}
