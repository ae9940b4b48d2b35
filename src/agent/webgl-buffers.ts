// Buffer bytes: every bufferData overload, on the buffer bound to the call's target, checked as the GL checks
// it (target and usage enums per API, a bound buffer, a valid size) so that rejected calls change nothing.
import { bufferDataBytes, GL, KIND_CODE } from '../model/model';

const BUFFER_CODE = KIND_CODE['webgl.buffer'];
import type { Contexts, GLContext } from './contexts';
import { hookAfter } from './hook';
import type { Tracker } from './tracker';
import type { FreshBinds } from './webgl-fresh-binds';

/** The binding query of a bufferData target, per API; 0 for a target the API refuses. A switch: it runs on every upload. */
function bindingOf(target: unknown, is2: boolean): number {
  switch (target) {
    case GL.ARRAY_BUFFER:
      return GL.ARRAY_BUFFER_BINDING;
    case GL.ELEMENT_ARRAY_BUFFER:
      return GL.ELEMENT_ARRAY_BUFFER_BINDING;
    case GL.COPY_READ_BUFFER:
      return is2 ? GL.COPY_READ_BUFFER : 0;
    case GL.COPY_WRITE_BUFFER:
      return is2 ? GL.COPY_WRITE_BUFFER : 0;
    case GL.PIXEL_PACK_BUFFER:
      return is2 ? GL.PIXEL_PACK_BUFFER_BINDING : 0;
    case GL.PIXEL_UNPACK_BUFFER:
      return is2 ? GL.PIXEL_UNPACK_BUFFER_BINDING : 0;
    case GL.TRANSFORM_FEEDBACK_BUFFER:
      return is2 ? GL.TRANSFORM_FEEDBACK_BUFFER_BINDING : 0;
    case GL.UNIFORM_BUFFER:
      return is2 ? GL.UNIFORM_BUFFER_BINDING : 0;
    default:
      return 0;
  }
}

/** A usage the API accepts: WebGL 1 has the three DRAW usages, WebGL 2 the READ and COPY ones too. */
function usageOk(usage: unknown, is2: boolean): boolean {
  switch (usage) {
    case GL.STREAM_DRAW:
    case GL.STATIC_DRAW:
    case GL.DYNAMIC_DRAW:
      return true;
    case GL.STREAM_READ:
    case GL.STREAM_COPY:
    case GL.STATIC_READ:
    case GL.STATIC_COPY:
    case GL.DYNAMIC_READ:
    case GL.DYNAMIC_COPY:
      return is2;
    default:
      return false;
  }
}

export function installBufferHooks(tracker: Tracker, contexts: Contexts, fresh: FreshBinds, fail: (e: unknown) => void, protos: object[]): void {
  const onBufferData = (gl: GLContext, a: ArrayLike<unknown>): void => {
    try {
      const ctx = contexts.of(gl);
      if (ctx.lost) return;
      const binding = bindingOf(a[0], ctx.is2);
      if (binding === 0 || !usageOk(a[2], ctx.is2)) return;
      const st = fresh.buffer(ctx, a[0] as number) ?? tracker.stateOf(ctx.getParameter(binding));
      if (!st || st.released) return;
      const bytes = bufferDataBytes(a, ctx.is2);
      if (bytes === undefined) return;
      tracker.size(st, bytes);
      // Binding point and usage hint as one number: a comparison per upload, a Shape op only when they change.
      const use = (a[0] as number) * 0x10000 + (a[2] as number);
      if (st.extra !== use) {
        st.extra = use;
        tracker.reshaped(st);
      }
    } catch (e) {
      fail(e);
    }
  };
  for (const proto of protos) hookAfter(proto, 'bufferData', onBufferData);
  tracker.addShapeReader((st) => {
    if (st.code !== BUFFER_CODE || typeof st.extra !== 'number') return undefined;
    const use = st.extra;
    return `B=${Math.floor(use / 0x10000)} U=${use % 0x10000}`;
  });
}
