// Per-object agent state kept in a true private field stamped onto the page's object: invisible to every
// reflection API, read through an inline cache instead of a WeakMap lookup, and gone with the object, so
// the GC never sees an ephemeron table grow with churn. A WeakMap takes over where stamping is refused.

export interface Stamps<T> {
  get(o: object): T | undefined;
  set(o: object, v: T): void;
}

/** A fresh private name per call: each store stamps its own field. */
export function makeStamps<T>(): Stamps<T> {
  const fallback = new WeakMap<object, T>();
  // Misses are the common case (an object the agent does not track): skip the WeakMap until it holds any.
  let fallbackUsed = false;
  // A base constructor that returns its argument makes `super(o)` the stamped object itself.
  class Base {
    constructor(o: object) {
      return o;
    }
  }
  class Stamped extends Base {
    #v: T;
    constructor(o: object, v: T) {
      super(o);
      this.#v = v;
    }
    static get(o: object): T | undefined {
      if (#v in o) return (o as Stamped).#v;
      return fallbackUsed ? fallback.get(o) : undefined;
    }
    static set(o: object, v: T): void {
      if (#v in o) {
        (o as Stamped).#v = v;
        return;
      }
      try {
        new Stamped(o, v);
      } catch {
        fallbackUsed = true;
        fallback.set(o, v);
      }
    }
  }
  return { get: Stamped.get, set: Stamped.set };
}
