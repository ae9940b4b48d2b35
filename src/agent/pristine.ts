// The built-ins of the agent's bundle, as they were when it installed. The agent build (npm run build:agent)
// maps the globals Map, Set, WeakMap, WeakSet, WeakRef, FinalizationRegistry, Math, JSON and Reflect to
// these (esbuild define + inject), so that every line of the agent and of the model code it
// bundles keeps working when the page later replaces Map.prototype.get, Math.max or JSON.stringify: the
// collections here are subclasses whose prototypes hold the natives captured now as their own methods (a
// call finds them first and runs the native itself), and the namespaces are frozen copies. Globals are read through globalThis here, which the build's define leaves alone.
/* eslint-disable @typescript-eslint/no-explicit-any */

const G = globalThis as any;
const bind = G.Function.prototype.bind;
const call = G.Function.prototype.call;
const uncurry = bind.bind(call) as (f: unknown) => (self: unknown, ...a: unknown[]) => any;

/** A native iterator (of a Map or Set), walked with the `next` captured now. */
function safeIterator<T>(it: Iterator<T>, next: (self: unknown) => IteratorResult<T>): IterableIterator<T> {
  return { next: () => next(it), [G.Symbol.iterator]() { return this; } } as unknown as IterableIterator<T>;
}

/**
 * Gives `Sub.prototype` own properties holding `Base.prototype`'s natives as they are now: a call on an
 * instance finds them before the page's prototype, and runs the native itself at full speed.
 */
function own(sub: { prototype: object }, base: { prototype: object }, names: string[]): void {
  for (const name of names) {
    const d = G.Object.getOwnPropertyDescriptor(base.prototype, name);
    if (d) G.Object.defineProperty(sub.prototype, name, d);
  }
}

const NMap = G.Map as MapConstructor;
const mapNext = uncurry(G.Object.getPrototypeOf(new NMap().entries()).next);
const mapEntries = uncurry(NMap.prototype.entries);
const mapKeys = uncurry(NMap.prototype.keys);
const mapValues = uncurry(NMap.prototype.values);

export class __gpumemMap<K, V> extends NMap<K, V> {
  // Iterators: the native ones share %MapIteratorPrototype%.next with the page; these walk with ours.
  override entries(): MapIterator<[K, V]> { return safeIterator(mapEntries(this), mapNext) as MapIterator<[K, V]>; }
  override keys(): MapIterator<K> { return safeIterator(mapKeys(this), mapNext) as MapIterator<K>; }
  override values(): MapIterator<V> { return safeIterator(mapValues(this), mapNext) as MapIterator<V>; }
  override [Symbol.iterator](): MapIterator<[K, V]> { return this.entries(); }
}
own(__gpumemMap, NMap, ['get', 'set', 'has', 'delete', 'clear', 'forEach', 'size']);

const NSet = G.Set as SetConstructor;
const setNext = uncurry(G.Object.getPrototypeOf(new NSet().values()).next);
const setValues = uncurry(NSet.prototype.values);

export class __gpumemSet<T> extends NSet<T> {
  override values(): SetIterator<T> { return safeIterator(setValues(this), setNext) as SetIterator<T>; }
  override keys(): SetIterator<T> { return this.values(); }
  override [Symbol.iterator](): SetIterator<T> { return this.values(); }
}
own(__gpumemSet, NSet, ['add', 'has', 'delete', 'clear', 'forEach', 'size']);

const NWeakMap = G.WeakMap as WeakMapConstructor;
export class __gpumemWeakMap<K extends WeakKey, V> extends NWeakMap<K, V> {}
own(__gpumemWeakMap, NWeakMap, ['get', 'set', 'has', 'delete']);

const NWeakSet = G.WeakSet as WeakSetConstructor;
export class __gpumemWeakSet<T extends WeakKey> extends NWeakSet<T> {}
own(__gpumemWeakSet, NWeakSet, ['add', 'has', 'delete']);

const NWeakRef = G.WeakRef as WeakRefConstructor | undefined;
export const __gpumemWeakRef = NWeakRef ? class<T extends WeakKey> extends NWeakRef<T> {} : undefined;
if (NWeakRef && __gpumemWeakRef) own(__gpumemWeakRef, NWeakRef, ['deref']);

const NFR = G.FinalizationRegistry as FinalizationRegistryConstructor | undefined;
export const __gpumemFinalizationRegistry = NFR ? class<T> extends NFR<T> {} : undefined;
if (NFR && __gpumemFinalizationRegistry) own(__gpumemFinalizationRegistry, NFR, ['register', 'unregister']);

/** A frozen copy of a namespace object's functions and constants, as they are now. */
function copy<T extends object>(ns: T): T {
  const out: Record<string, unknown> = {};
  for (const key of G.Object.getOwnPropertyNames(ns)) out[key] = (ns as Record<string, unknown>)[key];
  return G.Object.freeze(out) as T;
}

export const __gpumemMath = copy(G.Math as Math);
export const __gpumemJSON = copy(G.JSON as JSON);
export const __gpumemReflect = copy(G.Reflect as typeof Reflect);
export const __gpumemObject = copy(G.Object as ObjectConstructor);
/** Object.prototype.hasOwnProperty as it was: the build maps `Object.prototype.hasOwnProperty` to it. */
export const __gpumemHasOwn = G.Object.prototype.hasOwnProperty as (this: unknown, key: PropertyKey) => boolean;
export const __gpumemNumber = copy(G.Number as NumberConstructor);
export const __gpumemArray = copy(G.Array as ArrayConstructor);
