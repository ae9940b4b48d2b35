// Hooks on the WebGL 1 and 2 prototypes: object lifecycle (create/delete) and size calls (bufferData,
// texImage2D, texStorage2D, generateMipmap). Draw and bind calls are never wrapped.
import { bufferDataBytes, fullMipLevels, GL, type Kind, mipSize, sizedFormatBytes, texelBytes } from '../model/model';
import type { Contexts, CtxState, GLContext } from './contexts';
import { hookMethod } from './hook';
import type { ObjState, Tracker } from './tracker';

type Method = (this: GLContext, ...args: unknown[]) => unknown;

/** Per-texture images: key face * 32 + level. */
interface TexImages {
  images: Map<number, { w: number; h: number; bpt: number }>;
}

const BUFFER_BINDING: ReadonlyMap<number, number> = new Map([
  [GL.ARRAY_BUFFER, GL.ARRAY_BUFFER_BINDING],
  [GL.ELEMENT_ARRAY_BUFFER, GL.ELEMENT_ARRAY_BUFFER_BINDING],
  [GL.COPY_READ_BUFFER, GL.COPY_READ_BUFFER],
  [GL.COPY_WRITE_BUFFER, GL.COPY_WRITE_BUFFER],
  [GL.PIXEL_PACK_BUFFER, GL.PIXEL_PACK_BUFFER_BINDING],
  [GL.PIXEL_UNPACK_BUFFER, GL.PIXEL_UNPACK_BUFFER_BINDING],
  [GL.TRANSFORM_FEEDBACK_BUFFER, GL.TRANSFORM_FEEDBACK_BUFFER_BINDING],
  [GL.UNIFORM_BUFFER, GL.UNIFORM_BUFFER_BINDING],
]);

export interface WebGLHooksDeps {
  tracker: Tracker;
  contexts: Contexts;
  /** Reports a failure of our own bookkeeping; never throws. */
  fail: (e: unknown) => void;
}

export function installWebGLHooks(deps: WebGLHooksDeps): void {
  const { tracker, contexts, fail } = deps;
  const textures = new WeakMap<ObjState, TexImages>();

  const protos: object[] = [WebGLRenderingContext.prototype];
  if (typeof WebGL2RenderingContext === 'function') protos.push(WebGL2RenderingContext.prototype);

  const creator = (kind: Kind) => (orig: Method) =>
    ({
      create(this: GLContext) {
        const obj = orig.apply(this, arguments as unknown as unknown[]);
        if (obj !== null && typeof obj === 'object') {
          try {
            tracker.create(obj, kind, contexts.of(this).id, true);
          } catch (e) {
            fail(e);
          }
        }
        return obj;
      },
    }).create as Method;

  const deleter = (orig: Method) =>
    ({
      delete(this: GLContext, obj: unknown) {
        const r = orig.apply(this, arguments as unknown as unknown[]);
        try {
          const st = tracker.stateOf(obj);
          // Deleting another context's object is a GL error and deletes nothing.
          if (st && !st.released && st.ctx === contexts.of(this).id) {
            tracker.release(obj as object, st, 'deleted');
          }
        } catch (e) {
          fail(e);
        }
        return r;
      },
    }).delete as Method;

  /** The texture bound to a texImage target, and the cube face (0 for 2D). */
  const boundTexture = (ctx: CtxState, target: number): { st: ObjState; face: number } | undefined => {
    let binding: number;
    let face = 0;
    if (target === GL.TEXTURE_2D) binding = GL.TEXTURE_BINDING_2D;
    else if (target === GL.TEXTURE_CUBE_MAP) binding = GL.TEXTURE_BINDING_CUBE_MAP;
    else if (target >= GL.TEXTURE_CUBE_MAP_POSITIVE_X && target <= GL.TEXTURE_CUBE_MAP_NEGATIVE_Z) {
      binding = GL.TEXTURE_BINDING_CUBE_MAP;
      face = target - GL.TEXTURE_CUBE_MAP_POSITIVE_X;
    } else return undefined;
    const st = tracker.stateOf(ctx.getParameter(binding));
    return st && !st.released ? { st, face } : undefined;
  };

  const texRecord = (st: ObjState): TexImages => {
    let r = textures.get(st);
    if (!r) {
      r = { images: new Map() };
      textures.set(st, r);
    }
    return r;
  };

  const commitTexture = (st: ObjState, rec: TexImages): void => {
    let bytes = 0;
    for (const im of rec.images.values()) bytes += im.w * im.h * im.bpt;
    tracker.size(st, bytes);
  };

  const unknownFormat = (what: string, ...enums: unknown[]): void => {
    fail(new Error(`${what}: unknown format ${enums.map((e) => `0x${Number(e).toString(16)}`).join('/')}`));
  };

  // Size calls: the native runs first, then the bookkeeping reads the state it left.
  const sizeCalls: [string, (gl: GLContext, args: IArguments) => void][] = [
    ['bufferData', (gl, a) => onBufferData(gl, a)],
    ['texImage2D', (gl, a) => onTexImage2D(gl, a)],
    ['texStorage2D', (gl, a) => onTexStorage2D(gl, a)],
    ['generateMipmap', (gl, a) => onGenerateMipmap(gl, a[0])],
  ];

  for (const proto of protos) {
    hookMethod(proto, 'createBuffer', creator('webgl.buffer'));
    hookMethod(proto, 'createTexture', creator('webgl.texture'));
    hookMethod(proto, 'deleteBuffer', deleter);
    hookMethod(proto, 'deleteTexture', deleter);

    for (const [name, onCall] of sizeCalls) {
      hookMethod<Method>(proto, name, (orig) =>
        // A computed method key gives the wrapper the native's name and no prototype.
        ({
          [name](this: GLContext) {
            const r = orig.apply(this, arguments as unknown as unknown[]);
            try {
              onCall(this, arguments);
            } catch (e) {
              fail(e);
            }
            return r;
          },
        })[name] as Method,
      );
    }
  }

  function onBufferData(gl: GLContext, args: IArguments): void {
    const binding = BUFFER_BINDING.get(args[0] as number);
    if (binding === undefined) return;
    const ctx = contexts.of(gl);
    const st = tracker.stateOf(ctx.getParameter(binding));
    if (!st || st.released) return;
    const bytes = bufferDataBytes(args);
    if (bytes !== undefined) tracker.size(st, bytes);
  }

  function onTexImage2D(gl: GLContext, args: IArguments): void {
    const target = args[0] as number;
    const level = Number(args[1]);
    const internalformat = args[2] as number;
    let w: number, h: number, format: number, type: number;
    if (args.length >= 8) {
      w = Number(args[3]);
      h = Number(args[4]);
      format = args[6] as number;
      type = args[7] as number;
    } else if (args.length === 6) {
      format = args[3] as number;
      type = args[4] as number;
      const size = sourceSize(args[5]);
      if (!size) return;
      [w, h] = size;
    } else return;
    if (!(w >= 0 && h >= 0 && level >= 0 && level < 32)) return;
    const bpt = texelBytes(internalformat, format, type);
    if (bpt === undefined) return unknownFormat('texImage2D', internalformat, format, type);
    const bound = boundTexture(contexts.of(gl), target);
    if (!bound) return;
    const rec = texRecord(bound.st);
    rec.images.set(bound.face * 32 + level, { w, h, bpt });
    commitTexture(bound.st, rec);
  }

  function onTexStorage2D(gl: GLContext, args: IArguments): void {
    const target = args[0] as number;
    const levels = Number(args[1]);
    const w = Number(args[3]);
    const h = Number(args[4]);
    if (!(levels >= 1 && levels <= 32 && w >= 1 && h >= 1) || levels > fullMipLevels(w, h)) return;
    const bpt = sizedFormatBytes(args[2] as number);
    if (bpt === undefined) return unknownFormat('texStorage2D', args[2]);
    const bound = boundTexture(contexts.of(gl), target);
    if (!bound) return;
    const faces = target === GL.TEXTURE_CUBE_MAP ? 6 : 1;
    const rec = texRecord(bound.st);
    rec.images.clear();
    for (let f = 0; f < faces; f++) {
      for (let l = 0; l < levels; l++) rec.images.set(f * 32 + l, { w: mipSize(w, l), h: mipSize(h, l), bpt });
    }
    commitTexture(bound.st, rec);
  }

  function onGenerateMipmap(gl: GLContext, target: unknown): void {
    if (target !== GL.TEXTURE_2D && target !== GL.TEXTURE_CUBE_MAP) return;
    const bound = boundTexture(contexts.of(gl), target);
    if (!bound) return;
    const rec = texRecord(bound.st);
    const faces = target === GL.TEXTURE_CUBE_MAP ? 6 : 1;
    let changed = false;
    for (let f = 0; f < faces; f++) {
      const base = rec.images.get(f * 32);
      if (!base) continue;
      const levels = fullMipLevels(base.w, base.h);
      for (let l = 1; l < levels; l++) {
        rec.images.set(f * 32 + l, { w: mipSize(base.w, l), h: mipSize(base.h, l), bpt: base.bpt });
      }
      changed = true;
    }
    if (changed) commitTexture(bound.st, rec);
  }
}

/** Width and height of a TexImageSource. */
function sourceSize(src: unknown): [number, number] | undefined {
  if (src === null || typeof src !== 'object') return undefined;
  if (typeof HTMLVideoElement === 'function' && src instanceof HTMLVideoElement) return [src.videoWidth, src.videoHeight];
  if (typeof HTMLImageElement === 'function' && src instanceof HTMLImageElement) return [src.naturalWidth, src.naturalHeight];
  if (typeof VideoFrame === 'function' && src instanceof VideoFrame) return [src.displayWidth, src.displayHeight];
  const s = src as { width?: unknown; height?: unknown };
  return typeof s.width === 'number' && typeof s.height === 'number' ? [s.width, s.height] : undefined;
}
