// Built-ins the agent calls that the build cannot map to pristine copies (scripts/build-agent.mjs maps the
// globals: Map, Set, Math, JSON…): prototype methods of strings, arrays and typed arrays, and
// Function.prototype.call for natives captured as plain functions. Captured when the agent installs
// (before any page script) and called uncurried, so that a page that later replaces them changes nothing.
/* eslint-disable @typescript-eslint/no-explicit-any */

const bind = Function.prototype.bind;
const call = Function.prototype.call;
/** `f(self, ...args)` calls `method` with `self` as `this`, through no property the page can change. */
const uncurry = bind.bind(call) as <T extends (...a: any[]) => any>(method: T) => (self: unknown, ...args: Parameters<T>) => ReturnType<T>;

export const ArrayJoin = uncurry(Array.prototype.join) as (list: readonly unknown[], sep: string) => string;
export const StringSlice = uncurry(String.prototype.slice) as (s: string, start?: number, end?: number) => string;

const typed = Object.getPrototypeOf(Float64Array.prototype) as Float64Array;
/** %TypedArray%.prototype.join: writes each number as JSON does, for the ops of a batch. */
export const TypedJoin = uncurry(typed.join) as (a: Float64Array, sep: string) => string;
export const TypedSubarray = uncurry(typed.subarray) as (a: Float64Array, start: number, end: number) => Float64Array;
export const TypedSet = uncurry(typed.set as (src: ArrayLike<number>) => void) as (a: Float64Array, src: Float64Array) => void;

/** Calls a native captured as a function (a getter, dispatchEvent) with `self` as `this`. */
export const FunctionCall = uncurry(call as any) as (f: (...a: any[]) => unknown, self: unknown, ...args: unknown[]) => unknown;
export const StringToLowerCase = uncurry(String.prototype.toLowerCase) as (s: string) => string;
