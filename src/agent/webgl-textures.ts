// Texture bytes: texImage2D/3D, texStorage2D/3D, compressedTexImage2D/3D, copyTexImage2D and generateMipmap
// on 2D, cube, 3D and 2D-array targets, with TEXTURE_BASE_LEVEL / TEXTURE_MAX_LEVEL. Every call is checked
// the way the GL checks it (bound texture, enums, sizes, limits, data length), so a call the GL rejects
// changes nothing, without ever calling getError (docs/webgl-sizes.md lists what is checked).
import {
  clientPixelBytes,
  compressedFormat,
  compressedImageBytes,
  FormatClass,
  GL,
  imageClass,
  mipSize,
  sizedFormatBytes,
  texImageTexelBytes,
  unpackMinBytes,
  viewIs,
  viewTypeFor,
  glLevelFits,
  GLTextureShape,
  isPow2,
  KIND_CODE,
} from '../model/model';
import type { Contexts, CtxState, GLContext } from './contexts';
import { guarded, hookAfter } from './hook';
import type { ObjState } from './obj-state';
import type { Tracker } from './tracker';
import type { FreshBinds } from './webgl-fresh-binds';
import { StringToLowerCase } from './natives';

interface Img {
  w: number;
  h: number;
  d: number;
  bytes: number;
  /** Bytes per texel; 0 for compressed images, which generateMipmap refuses. */
  bpt: number;
  cls: FormatClass;
  fmt: number;
}

/**
 * A texture's images. The image at face 0, level 0 is the record itself (`has0`): most textures have only
 * that one, and a texture made and uploaded in a churn loop then costs one allocation, not two.
 */
interface TexRec extends Img {
  has0: boolean;
  /** Sum of the images' bytes, kept up to date instead of summed on every call. */
  total: number;
  immutable: boolean;
  base: number;
  max: number;
  /** The target it was bound to (TEXTURE_2D, TEXTURE_CUBE_MAP, …): its dimension in the Shape op. */
  tgt: number;
  /** Every other image; key: cube face * 32 + level. */
  more: Map<number, Img> | undefined;
}

function imageAt(rec: TexRec, key: number): Img | undefined {
  return key === 0 ? (rec.has0 ? rec : undefined) : rec.more?.get(key);
}

function putImage(rec: TexRec, key: number, im: Img): void {
  if (key === 0) {
    setFields(rec, im.w, im.h, im.d, im.bytes, im.bpt, im.cls, im.fmt);
    rec.has0 = true;
  } else (rec.more ??= new Map()).set(key, im);
}

function setFields(im: Img, w: number, h: number, d: number, bytes: number, bpt: number, cls: FormatClass, fmt: number): void {
  im.w = w;
  im.h = h;
  im.d = d;
  im.bytes = bytes;
  im.bpt = bpt;
  im.cls = cls;
  im.fmt = fmt;
}

const Shape = GLTextureShape;
type Shape = GLTextureShape;

interface Bound {
  ctx: CtxState;
  st: ObjState;
  rec: TexRec;
  shape: Shape;
  face: number;
}

const MAX_LEVEL_DEFAULT = 1000;
const TEXTURE_CODE = KIND_CODE['webgl.texture'];

/** Shape op words of a texture: its lowest level's size and format on the first face, and its level count. */
function textureShape(rec: TexRec): string | undefined {
  let first: Img | undefined = rec.has0 ? rec : undefined;
  let firstLevel = first ? 0 : 32;
  let levels = first ? 1 : 0;
  if (rec.more) {
    for (const [key, im] of rec.more) {
      if (key >= 32) continue;
      levels++;
      if (key < firstLevel) {
        first = im;
        firstLevel = key;
      }
    }
  }
  if (!first) return undefined;
  return `T=${rec.tgt} F=${first.fmt} w=${first.w} h=${first.h} d=${first.d} m=${levels}${rec.immutable ? ' i=1' : ''}`;
}

export function installTextureHooks(tracker: Tracker, contexts: Contexts, fresh: FreshBinds, fail: (e: unknown) => void, protos: object[]): void {
  const guard = (f: (gl: GLContext, a: ArrayLike<unknown>) => void): ((gl: never, a: ArrayLike<unknown>) => void) => guarded(fail, f);
  for (const proto of protos) {
    // texImage2D is on churn loops' path: a body of its own, not a shared guard (hot-wrappers.ts says why).
    hookAfter(proto, 'texImage2D', (gl: GLContext, a: ArrayLike<unknown>) => {
      try {
        texImage2D(gl, a);
      } catch (e) {
        fail(e);
      }
    });
    hookAfter(proto, 'texImage3D', guard(texImage3D));
    hookAfter(proto, 'texStorage2D', guard(texStorage2D));
    hookAfter(proto, 'texStorage3D', guard(texStorage3D));
    hookAfter(proto, 'compressedTexImage2D', guard(compressedTexImage2D));
    hookAfter(proto, 'compressedTexImage3D', guard(compressedTexImage3D));
    hookAfter(proto, 'copyTexImage2D', guard(copyTexImage2D));
    hookAfter(proto, 'generateMipmap', guard(generateMipmap));
    hookAfter(proto, 'texParameteri', guard(texParameter));
    hookAfter(proto, 'texParameterf', guard(texParameter));
    hookAfter(proto, 'pixelStorei', guard(pixelStorei));
  }

  tracker.addShapeReader((st) => (st.code === TEXTURE_CODE && st.extra ? textureShape(st.extra as TexRec) : undefined));

  // One Bound reused by every call (hooks never nest), so the hot path allocates nothing for it.
  const scratch: Bound = { ctx: undefined!, st: undefined!, rec: undefined!, shape: Shape.Tex2D, face: 0 };
  // The last format check per context: apps upload the same formats again and again.
  interface Memo {
    i: number;
    f: number;
    t: number;
    n: number;
    bpt: number | undefined;
    cls: FormatClass;
    /** Bytes of one pixel as the page supplies it (clientPixelBytes), and the typed array it comes in. */
    px: number | undefined;
    view: string | undefined;
  }

  function texel(ctx: CtxState, internalformat: number, format: number, type: number): Memo {
    let m = ctx.texMemo as Memo | undefined;
    if (m && m.i === internalformat && m.f === format && m.t === type && m.n === ctx.exts.size) return m;
    const bpt = texImageTexelBytes(ctx.is2, ctx.exts, internalformat, format, type);
    m = { i: internalformat, f: format, t: type, n: ctx.exts.size, bpt, cls: imageClass(internalformat, type), px: clientPixelBytes(format, type), view: viewTypeFor(type) };
    ctx.texMemo = m;
    return m;
  }

  /** The texture bound for `target`, when the target is valid for the call's shapes. */
  function bound(gl: GLContext, target: number, allow2D: boolean, allowCubeFace: boolean, allowCube: boolean, allow3D: boolean): Bound | undefined {
    const ctx = contexts.of(gl);
    if (ctx.lost) return undefined;
    let binding: number;
    let bindTarget: number;
    let shape: Shape;
    let face = 0;
    if (target === GL.TEXTURE_2D && allow2D) {
      binding = GL.TEXTURE_BINDING_2D;
      bindTarget = GL.TEXTURE_2D;
      shape = Shape.Tex2D;
    } else if (target >= GL.TEXTURE_CUBE_MAP_POSITIVE_X && target <= GL.TEXTURE_CUBE_MAP_NEGATIVE_Z && allowCubeFace) {
      binding = GL.TEXTURE_BINDING_CUBE_MAP;
      bindTarget = GL.TEXTURE_CUBE_MAP;
      shape = Shape.Cube;
      face = target - GL.TEXTURE_CUBE_MAP_POSITIVE_X;
    } else if (target === GL.TEXTURE_CUBE_MAP && allowCube) {
      binding = GL.TEXTURE_BINDING_CUBE_MAP;
      bindTarget = GL.TEXTURE_CUBE_MAP;
      shape = Shape.Cube;
    } else if (ctx.is2 && allow3D && target === GL.TEXTURE_3D) {
      binding = GL.TEXTURE_BINDING_3D;
      bindTarget = GL.TEXTURE_3D;
      shape = Shape.Tex3D;
    } else if (ctx.is2 && allow3D && target === GL.TEXTURE_2D_ARRAY) {
      binding = GL.TEXTURE_BINDING_2D_ARRAY;
      bindTarget = GL.TEXTURE_2D_ARRAY;
      shape = Shape.Array;
    } else return undefined;
    const st = fresh.texture(ctx, bindTarget) ?? tracker.stateOf(ctx.getParameter(binding));
    if (!st || st.released) return undefined;
    let rec = st.extra as TexRec | undefined;
    if (!rec) {
      rec = {
        w: 0, h: 0, d: 0, bytes: 0, bpt: 0, cls: FormatClass.Normal, fmt: 0,
        has0: false, total: 0, immutable: false, base: 0, max: MAX_LEVEL_DEFAULT, tgt: bindTarget, more: undefined,
      };
      st.extra = rec;
    }
    scratch.ctx = ctx;
    scratch.st = st;
    scratch.rec = rec;
    scratch.shape = shape;
    scratch.face = face;
    return scratch;
  }

  /** Whether a level and size fit the context's limits for the texture's shape (INVALID_VALUE otherwise). */
  function fits(b: Bound, level: number, w: number, h: number, d: number): boolean {
    return glLevelFits(b.ctx.limits, b.shape, b.ctx.is2, level, w, h, d);
  }

  /** Recounts every image (after a call that replaced many). */
  function commit(b: Bound): void {
    let bytes = b.rec.has0 ? b.rec.bytes : 0;
    if (b.rec.more) for (const im of b.rec.more.values()) bytes += im.bytes;
    b.rec.total = bytes;
    tracker.size(b.st, bytes);
    tracker.reshaped(b.st);
  }

  function setImage(b: Bound, level: number, w: number, h: number, d: number, bytes: number, bpt: number, cls: FormatClass, fmt: number): void {
    const key = b.face * 32 + level;
    const im = imageAt(b.rec, key);
    if (im) {
      b.rec.total += bytes - im.bytes;
      setFields(im, w, h, d, bytes, bpt, cls, fmt);
    } else if (key === 0) {
      b.rec.total += bytes;
      setFields(b.rec, w, h, d, bytes, bpt, cls, fmt);
      b.rec.has0 = true;
    } else {
      b.rec.total += bytes;
      putImage(b.rec, key, { w, h, d, bytes, bpt, cls, fmt });
    }
    tracker.size(b.st, b.rec.total);
    tracker.reshaped(b.st);
  }

  /** Checks an upload's pixel source: a view must fit the type and hold enough bytes; a PBO offset needs WebGL 2. */
  function sourceOk(b: Bound, src: unknown, srcOffset: unknown, w: number, h: number, d: number, m: Memo): boolean {
    if (src === null || src === undefined) return true;
    if (typeof src === 'number') {
      return b.ctx.is2 && b.ctx.getParameter(GL.PIXEL_UNPACK_BUFFER_BINDING) !== null && src >= 0;
    }
    if (!ArrayBuffer.isView(src)) return true;
    if (!viewIs(src, m.view)) return false;
    const px = m.px;
    if (px === undefined) return false;
    const bpe = (src as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
    const offset = srcOffset === undefined ? 0 : Number(srcOffset) * bpe;
    if (!(offset >= 0 && offset <= src.byteLength)) return false;
    return src.byteLength - offset >= unpackMinBytes(w, h, d, px, b.ctx.unpackAlign);
  }

  function texImage2D(gl: GLContext, a: ArrayLike<unknown>): void {
    const b = bound(gl, en(a[0]), true, true, false, false);
    if (!b || b.rec.immutable) return;
    const level = int(a[1]);
    const internalformat = int(a[2]);
    const data = a.length >= 9;
    let w: number, h: number, format: number, type: number;
    if (data) {
      w = int(a[3]);
      h = int(a[4]);
      if (int(a[5]) !== 0) return;
      format = en(a[6]);
      type = en(a[7]);
    } else {
      format = en(a[3]);
      type = en(a[4]);
      const size = sourceSize(a[5]);
      if (!size) return;
      [w, h] = size;
    }
    if (!fits(b, level, w, h, 1)) return;
    const m = texel(b.ctx, internalformat, format, type);
    const { bpt, cls } = m;
    if (bpt === undefined) return;
    if (data && !sourceOk(b, a[8], a[9], w, h, 1, m)) return;
    // Depth textures are 2D only, and WebGL 1 takes no data for them.
    if (cls === FormatClass.Depth && b.shape !== Shape.Tex2D && !b.ctx.is2) return;
    setImage(b, level, w, h, 1, w * h * bpt, bpt, cls, internalformat);
  }

  function texImage3D(gl: GLContext, a: ArrayLike<unknown>): void {
    const b = bound(gl, en(a[0]), false, false, false, true);
    if (!b || b.rec.immutable) return;
    const level = int(a[1]);
    const internalformat = int(a[2]);
    const w = int(a[3]);
    const h = int(a[4]);
    const d = int(a[5]);
    if (int(a[6]) !== 0) return;
    const format = en(a[7]);
    const type = en(a[8]);
    if (!fits(b, level, w, h, d)) return;
    const m = texel(b.ctx, internalformat, format, type);
    const { bpt, cls } = m;
    if (bpt === undefined) return;
    if (cls === FormatClass.Depth && b.shape === Shape.Tex3D) return;
    if (!sourceOk(b, a[9], a[10], w, h, d, m)) return;
    setImage(b, level, w, h, d, w * h * d * bpt, bpt, cls, internalformat);
  }

  /** Per-level image of an immutable texture of a sized or compressed format. */
  function storage(b: Bound, levels: number, internalformat: number, w: number, h: number, d: number): void {
    const cf = compressedFormat(internalformat);
    const bpt = cf ? 0 : sizedFormatBytes(internalformat);
    if (bpt === undefined) return;
    if (cf && !b.ctx.exts.has(StringToLowerCase(cf.extension))) return;
    const cls = cf ? FormatClass.NotRenderable : imageClass(internalformat, 0);
    if (b.shape === Shape.Tex3D && cls === FormatClass.Depth) return;
    const faces = b.shape === Shape.Cube ? 6 : 1;
    b.rec.has0 = false;
    b.rec.more = undefined;
    b.rec.immutable = true;
    for (let l = 0; l < levels; l++) {
      const lw = mipSize(w, l);
      const lh = mipSize(h, l);
      const ld = b.shape === Shape.Tex3D ? mipSize(d, l) : d;
      const bytes = cf ? compressedImageBytes(cf, lw, lh, ld) : lw * lh * ld * bpt;
      for (let f = 0; f < faces; f++) putImage(b.rec, f * 32 + l, { w: lw, h: lh, d: ld, bytes, bpt, cls, fmt: internalformat });
    }
    commit(b);
  }

  function texStorage2D(gl: GLContext, a: ArrayLike<unknown>): void {
    const b = bound(gl, en(a[0]), true, false, true, false);
    if (!b || !b.ctx.is2 || b.rec.immutable) return;
    const levels = int(a[1]);
    const w = int(a[3]);
    const h = int(a[4]);
    if (!(levels >= 1 && w >= 1 && h >= 1) || levels > Math.floor(Math.log2(Math.max(w, h))) + 1) return;
    if (!fits(b, 0, w, h, 1)) return;
    storage(b, levels, int(a[2]), w, h, 1);
  }

  function texStorage3D(gl: GLContext, a: ArrayLike<unknown>): void {
    const b = bound(gl, en(a[0]), false, false, false, true);
    if (!b || b.rec.immutable) return;
    const levels = int(a[1]);
    const w = int(a[3]);
    const h = int(a[4]);
    const d = int(a[5]);
    const span = b.shape === Shape.Tex3D ? Math.max(w, h, d) : Math.max(w, h);
    if (!(levels >= 1 && w >= 1 && h >= 1 && d >= 1) || levels > Math.floor(Math.log2(span)) + 1) return;
    if (!fits(b, 0, w, h, d)) return;
    storage(b, levels, int(a[2]), w, h, d);
  }

  /** A compressed upload is accepted only when its data is exactly the size the format's blocks need. */
  function compressed(b: Bound, level: number, internalformat: number, w: number, h: number, d: number, a: ArrayLike<unknown>, dataAt: number): void {
    const cf = compressedFormat(internalformat);
    if (!cf || !b.ctx.exts.has(StringToLowerCase(cf.extension))) return;
    if (!fits(b, level, w, h, d)) return;
    const bytes = compressedImageBytes(cf, w, h, d);
    const src = a[dataAt];
    let given: number;
    if (typeof src === 'number') {
      // PBO form: (imageSize, offset).
      if (!b.ctx.is2 || b.ctx.getParameter(GL.PIXEL_UNPACK_BUFFER_BINDING) === null) return;
      given = src;
    } else if (ArrayBuffer.isView(src)) {
      const bpe = (src as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
      const offset = a.length > dataAt + 1 ? Number(a[dataAt + 1]) : 0;
      const override = a.length > dataAt + 2 ? Number(a[dataAt + 2]) : 0;
      const elements = src.byteLength / bpe - offset;
      if (!(offset >= 0 && elements >= 0)) return;
      given = (override > 0 ? Math.min(override, elements) : elements) * bpe;
    } else return;
    if (given !== bytes) return;
    setImage(b, level, w, h, d, bytes, 0, FormatClass.NotRenderable, internalformat);
  }

  function compressedTexImage2D(gl: GLContext, a: ArrayLike<unknown>): void {
    const b = bound(gl, en(a[0]), true, true, false, false);
    if (!b || b.rec.immutable || int(a[5]) !== 0) return;
    compressed(b, int(a[1]), int(a[2]), int(a[3]), int(a[4]), 1, a, 6);
  }

  function compressedTexImage3D(gl: GLContext, a: ArrayLike<unknown>): void {
    const b = bound(gl, en(a[0]), false, false, false, true);
    if (!b || b.rec.immutable || int(a[6]) !== 0) return;
    compressed(b, int(a[1]), int(a[2]), int(a[3]), int(a[4]), int(a[5]), a, 7);
  }

  function copyTexImage2D(gl: GLContext, a: ArrayLike<unknown>): void {
    const b = bound(gl, en(a[0]), true, true, false, false);
    if (!b || b.rec.immutable) return;
    const level = int(a[1]);
    const internalformat = int(a[2]);
    const w = int(a[5]);
    const h = int(a[6]);
    if (int(a[7]) !== 0 || !fits(b, level, w, h, 1)) return;
    // Unsized formats copy as UNSIGNED_BYTE components; sized ones are their own size.
    if (!b.ctx.is2 && sizedFormatBytes(internalformat) !== undefined) return;
    const bpt = sizedFormatBytes(internalformat) ?? texImageTexelBytes(b.ctx.is2, b.ctx.exts, internalformat, internalformat, GL.UNSIGNED_BYTE);
    if (bpt === undefined || internalformat === GL.DEPTH_COMPONENT || internalformat === GL.DEPTH_STENCIL) return;
    setImage(b, level, w, h, 1, w * h * bpt, bpt, imageClass(internalformat, GL.UNSIGNED_BYTE), internalformat);
  }

  function mipmappable(ctx: CtxState, cls: FormatClass): boolean {
    switch (cls) {
      case FormatClass.Normal:
        return true;
      case FormatClass.Float16:
        return !ctx.is2 || ctx.exts.has('ext_color_buffer_float') || ctx.exts.has('ext_color_buffer_half_float');
      case FormatClass.Float32:
        return ctx.exts.has('oes_texture_float_linear') && (!ctx.is2 || ctx.exts.has('ext_color_buffer_float'));
      default:
        return false;
    }
  }

  function generateMipmap(gl: GLContext, a: ArrayLike<unknown>): void {
    const b = bound(gl, en(a[0]), true, false, true, true);
    if (!b || b.rec.immutable) return;
    const { rec } = b;
    const faces = b.shape === Shape.Cube ? 6 : 1;
    const base = imageAt(rec, rec.base);
    if (!base || base.bpt === 0 || !mipmappable(b.ctx, base.cls)) return;
    if (!b.ctx.is2 && (!isPow2(base.w) || !isPow2(base.h))) return;
    for (let f = 1; f < faces; f++) {
      const o = imageAt(rec, f * 32 + rec.base);
      if (!o || o.w !== base.w || o.h !== base.h || o.fmt !== base.fmt) return;
    }
    const span = b.shape === Shape.Tex3D ? Math.max(base.w, base.h, base.d) : Math.max(base.w, base.h);
    const last = Math.min(rec.base + Math.floor(Math.log2(span)), rec.max);
    for (let f = 0; f < faces; f++) {
      for (let l = rec.base + 1; l <= last; l++) {
        const k = l - rec.base;
        const w = mipSize(base.w, k);
        const h = mipSize(base.h, k);
        const d = b.shape === Shape.Tex3D ? mipSize(base.d, k) : base.d;
        putImage(rec, f * 32 + l, { w, h, d, bytes: w * h * d * base.bpt, bpt: base.bpt, cls: base.cls, fmt: base.fmt });
      }
    }
    commit(b);
  }

  function texParameter(gl: GLContext, a: ArrayLike<unknown>): void {
    const pname = en(a[1]);
    if (pname !== GL.TEXTURE_BASE_LEVEL && pname !== GL.TEXTURE_MAX_LEVEL) return;
    const b = bound(gl, en(a[0]), true, false, true, true);
    if (!b || !b.ctx.is2) return;
    const v = Math.trunc(Number(a[2]));
    if (!(v >= 0)) return;
    if (pname === GL.TEXTURE_BASE_LEVEL) b.rec.base = v;
    else b.rec.max = v;
  }

  function pixelStorei(gl: GLContext, a: ArrayLike<unknown>): void {
    if (en(a[0]) !== GL.UNPACK_ALIGNMENT) return;
    const v = int(a[1]);
    if (v === 1 || v === 2 || v === 4 || v === 8) contexts.of(gl).unpackAlign = v;
  }
}

/** WebIDL's GLint/GLsizei conversion for the values pages pass (numbers, booleans); NaN for anything else,
 * so that a call with an object argument is never re-evaluated through the page's valueOf. */
function int(x: unknown): number {
  return typeof x === 'number' ? x | 0 : typeof x === 'boolean' ? +x : NaN;
}

/** WebIDL's GLenum (unsigned long) conversion. */
function en(x: unknown): number {
  return typeof x === 'number' ? x >>> 0 : typeof x === 'boolean' ? +x : NaN;
}


/** Width and height of a TexImageSource (a video by its video size, a frame by its display size). */
function sourceSize(src: unknown): [number, number] | undefined {
  if (src === null || typeof src !== 'object') return undefined;
  if (typeof HTMLVideoElement === 'function' && src instanceof HTMLVideoElement) return [src.videoWidth, src.videoHeight];
  if (typeof HTMLImageElement === 'function' && src instanceof HTMLImageElement) return [src.naturalWidth, src.naturalHeight];
  if (typeof VideoFrame === 'function' && src instanceof VideoFrame) return [src.displayWidth, src.displayHeight];
  const s = src as { width?: unknown; height?: unknown };
  return typeof s.width === 'number' && typeof s.height === 'number' ? [s.width, s.height] : undefined;
}
