// Buffer bytes: every bufferData overload, on the buffer bound to the call's target, checked as the GL checks
// it (target and usage enums per API, a bound buffer, a valid size) so that rejected calls change nothing.
import { bufferDataBytes, GL } from '../model/model';
import type { Contexts, GLContext } from './contexts';
import { hookAfter } from './hook';
import type { Tracker } from './tracker';

/** Target -> its binding query, per API. */
const TARGETS_1: ReadonlyMap<number, number> = new Map([
  [GL.ARRAY_BUFFER, GL.ARRAY_BUFFER_BINDING],
  [GL.ELEMENT_ARRAY_BUFFER, GL.ELEMENT_ARRAY_BUFFER_BINDING],
]);
const TARGETS_2: ReadonlyMap<number, number> = new Map([
  ...TARGETS_1,
  [GL.COPY_READ_BUFFER, GL.COPY_READ_BUFFER],
  [GL.COPY_WRITE_BUFFER, GL.COPY_WRITE_BUFFER],
  [GL.PIXEL_PACK_BUFFER, GL.PIXEL_PACK_BUFFER_BINDING],
  [GL.PIXEL_UNPACK_BUFFER, GL.PIXEL_UNPACK_BUFFER_BINDING],
  [GL.TRANSFORM_FEEDBACK_BUFFER, GL.TRANSFORM_FEEDBACK_BUFFER_BINDING],
  [GL.UNIFORM_BUFFER, GL.UNIFORM_BUFFER_BINDING],
]);
const USAGES_1 = new Set<unknown>([GL.STREAM_DRAW, GL.STATIC_DRAW, GL.DYNAMIC_DRAW]);
const USAGES_2 = new Set<unknown>([...USAGES_1, GL.STREAM_READ, GL.STREAM_COPY, GL.STATIC_READ, GL.STATIC_COPY, GL.DYNAMIC_READ, GL.DYNAMIC_COPY]);

export function installBufferHooks(tracker: Tracker, contexts: Contexts, fail: (e: unknown) => void, protos: object[]): void {
  const onBufferData = (gl: GLContext, a: IArguments): void => {
    try {
      const ctx = contexts.of(gl);
      if (ctx.lost) return;
      const binding = (ctx.is2 ? TARGETS_2 : TARGETS_1).get(a[0] as number);
      if (binding === undefined || !(ctx.is2 ? USAGES_2 : USAGES_1).has(a[2])) return;
      const st = tracker.stateOf(ctx.getParameter(binding));
      if (!st || st.released) return;
      const bytes = bufferDataBytes(a, ctx.is2);
      if (bytes !== undefined) tracker.size(st, bytes);
    } catch (e) {
      fail(e);
    }
  };
  for (const proto of protos) hookAfter(proto, 'bufferData', onBufferData);
}
