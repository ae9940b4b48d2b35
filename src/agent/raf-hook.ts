// Wraps window.requestAnimationFrame so that the frame watch sees each frame begin: the callback the page
// passed runs inside ours, unchanged (same `this`, argument, return and exceptions); ids, cancelAnimationFrame
// and a call with a bad argument behave as without the extension.
import type { FrameWatch } from './frame-watch';
import { hookMethod } from './hook';

type Raf = (this: unknown, cb: unknown) => number;

export function installRafHook(frames: FrameWatch, fail: (e: unknown) => void): void {
  hookMethod<Raf>(globalThis, 'requestAnimationFrame', (orig) =>
    ({
      requestAnimationFrame(this: unknown, cb: unknown) {
        if (arguments.length !== 1 || typeof cb !== 'function') return orig.apply(this, arguments as unknown as [unknown]);
        const requestedIn = frames.frame;
        return orig.call(this, function (this: unknown, ts: number) {
          try {
            frames.rafStart(ts, requestedIn);
          } catch (e) {
            fail(e);
          }
          try {
            return (cb as (this: unknown, t: number) => unknown).call(this, ts);
          } finally {
            frames.inRaf = false;
          }
        });
      },
    }).requestAnimationFrame as Raf,
  );
}
