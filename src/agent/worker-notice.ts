// Dedicated workers are out of the agent's reach (an extension cannot inject into them without breaking
// module workers, relative URLs or CSP), so each worker the page starts is reported as not instrumented:
// the panel says so instead of showing nothing for the GPU work a worker may do.
import { ContextFlag } from '../model/model';
import { disguiseAs } from './hook';
import type { Tracker } from './tracker';

export function installWorkerNotice(tracker: Tracker, fail: (e: unknown) => void): void {
  const W = globalThis.Worker;
  if (typeof W !== 'function') return;
  const construct = Reflect.construct;
  // A Proxy keeps the constructor itself: same prototype, statics, instanceof and new.target subclassing.
  const proxy = new Proxy(W, {
    construct(target, args: unknown[], newTarget: NewableFunction) {
      const worker = construct(target, args, newTarget) as object;
      try {
        const url = typeof args[0] === 'string' || args[0] instanceof URL ? String(args[0]) : 'worker';
        tracker.context(tracker.newId(), 'worker', url.slice(0, 200), ContextFlag.Worker);
      } catch (e) {
        fail(e);
      }
      return worker;
    },
  });
  disguiseAs(proxy, W);
  Object.defineProperty(globalThis, 'Worker', { ...Object.getOwnPropertyDescriptor(globalThis, 'Worker'), value: proxy });
}
