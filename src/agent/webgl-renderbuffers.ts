// Renderbuffer bytes: renderbufferStorage and renderbufferStorageMultisample (width x height x bytes per
// pixel x samples), and the drawing buffer's format from drawingBufferStorage.
import { GL, isIntegerFormat, renderbufferBytesFor } from '../model/model';
import type { Contexts, GLContext } from './contexts';
import { guarded, hookAfter } from './hook';
import type { Tracker } from './tracker';

export function installRenderbufferHooks(tracker: Tracker, contexts: Contexts, fail: (e: unknown) => void, protos: object[]): void {
  const store = (gl: GLContext, target: unknown, samples: number, internalformat: unknown, w: unknown, h: unknown): void => {
    const ctx = contexts.of(gl);
    if (ctx.lost || target !== GL.RENDERBUFFER) return;
    if (typeof w !== 'number' || typeof h !== 'number' || typeof internalformat !== 'number') return;
    const width = w | 0;
    const height = h | 0;
    const max = ctx.limits.maxRenderbuffer;
    if (width < 0 || height < 0 || width > max || height > max) return;
    if (samples < 0 || samples > ctx.limits.maxSamples || (samples > 0 && isIntegerFormat(internalformat))) return;
    const bpp = renderbufferBytesFor(ctx.is2, ctx.exts, internalformat);
    if (bpp === undefined) return;
    const st = tracker.stateOf(ctx.getParameter(GL.RENDERBUFFER_BINDING));
    if (!st || st.released) return;
    tracker.size(st, width * height * bpp * Math.max(1, samples));
    // renderbufferStorage is rare: the shape is kept as its Shape op text.
    st.extra = `F=${internalformat} w=${width} h=${height} s=${Math.max(1, samples)}`;
    tracker.reshaped(st);
  };
  const guard = (f: (gl: GLContext, a: ArrayLike<unknown>) => void): ((gl: never, a: ArrayLike<unknown>) => void) => guarded(fail, f);
  for (const proto of protos) {
    hookAfter(proto, 'renderbufferStorage', guard((gl, a) => store(gl, a[0], 0, a[1], a[2], a[3])));
    hookAfter(proto, 'renderbufferStorageMultisample', guard((gl, a) => {
      if (typeof a[1] === 'number') store(gl, a[0], a[1] | 0, a[2], a[3], a[4]);
    }));
    // The drawing buffer takes a new format and size; the getters tell what the browser allocated.
    hookAfter(proto, 'drawingBufferStorage', guard((gl) => contexts.resized(contexts.of(gl))));
  }
}
