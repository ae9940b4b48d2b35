// Client-side pixel arithmetic of texture uploads (WebGL 1 §5.14.8, WebGL 2 §5.36, ES 3.0 §3.7.1): how
// many bytes an ArrayBufferView must hold and which view type a pixel type needs. The GL rejects uploads
// whose data is too short or of the wrong type; the agent uses this to tell such calls apart without
// calling getError.
import { GL } from './webgl-formats';

const FORMAT_COMPONENTS: ReadonlyMap<number, number> = new Map([
  [GL.ALPHA, 1], [GL.LUMINANCE, 1], [GL.RED, 1], [GL.RED_INTEGER, 1], [GL.DEPTH_COMPONENT, 1], [GL.DEPTH_STENCIL, 1],
  [GL.LUMINANCE_ALPHA, 2], [GL.RG, 2], [GL.RG_INTEGER, 2],
  [GL.RGB, 3], [GL.RGB_INTEGER, 3], [GL.SRGB_EXT, 3],
  [GL.RGBA, 4], [GL.RGBA_INTEGER, 4], [GL.SRGB_ALPHA_EXT, 4],
]);

/** [bytes per component or per packed pixel, packed?, typed-array name the data must be] */
const TYPE_INFO: ReadonlyMap<number, readonly [number, boolean, string]> = new Map([
  [GL.UNSIGNED_BYTE, [1, false, 'Uint8Array']],
  [GL.BYTE, [1, false, 'Int8Array']],
  [GL.UNSIGNED_SHORT, [2, false, 'Uint16Array']],
  [GL.SHORT, [2, false, 'Int16Array']],
  [GL.UNSIGNED_INT, [4, false, 'Uint32Array']],
  [GL.INT, [4, false, 'Int32Array']],
  [GL.FLOAT, [4, false, 'Float32Array']],
  [GL.HALF_FLOAT, [2, false, 'Uint16Array']],
  [GL.HALF_FLOAT_OES, [2, false, 'Uint16Array']],
  [GL.UNSIGNED_SHORT_4_4_4_4, [2, true, 'Uint16Array']],
  [GL.UNSIGNED_SHORT_5_5_5_1, [2, true, 'Uint16Array']],
  [GL.UNSIGNED_SHORT_5_6_5, [2, true, 'Uint16Array']],
  [GL.UNSIGNED_INT_2_10_10_10_REV, [4, true, 'Uint32Array']],
  [GL.UNSIGNED_INT_10F_11F_11F_REV, [4, true, 'Uint32Array']],
  [GL.UNSIGNED_INT_5_9_9_9_REV, [4, true, 'Uint32Array']],
  [GL.UNSIGNED_INT_24_8, [4, true, 'Uint32Array']],
  [GL.FLOAT_32_UNSIGNED_INT_24_8_REV, [8, true, '']],
]);

/** Bytes of one pixel as the page supplies it (format and type, not the internal format). */
export function clientPixelBytes(format: number, type: number): number | undefined {
  const t = TYPE_INFO.get(type);
  const c = FORMAT_COMPONENTS.get(format);
  if (!t || c === undefined) return undefined;
  return t[1] ? t[0] : t[0] * c;
}

// %TypedArray%.prototype[@@toStringTag] reads the array's internal type, whatever the page did to its
// prototype chain; captured once, before any page script can replace it.
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, Symbol.toStringTag)!
  .get as (this: unknown) => string | undefined;

/**
 * Whether an ArrayBufferView's type fits a pixel type: Uint8Array (or Uint8ClampedArray) for
 * UNSIGNED_BYTE, Uint16Array for 16-bit and half-float types, Float32Array for FLOAT, and so on. A
 * DataView never fits. FLOAT_32_UNSIGNED_INT_24_8_REV takes no data at all.
 */
export function viewFitsType(view: ArrayBufferView, type: number): boolean {
  return viewIs(view, viewTypeFor(type));
}

/** The typed array a pixel type takes ('' where none fits, undefined for an unknown type). */
export function viewTypeFor(type: number): string | undefined {
  return TYPE_INFO.get(type)?.[2];
}

/** viewFitsType with the type's view looked up once (viewTypeFor), for callers that memoize it. */
export function viewIs(view: ArrayBufferView, want: string | undefined): boolean {
  if (!want) return false;
  const name = typedArrayTag.call(view);
  return name === want || (want === 'Uint8Array' && name === 'Uint8ClampedArray');
}

/**
 * The fewest bytes an upload of w x h x d pixels reads with UNPACK_ALIGNMENT `align` and no row length or
 * skips: every row but the last padded to the alignment. Row length and skips only add to it, so a view
 * shorter than this is always rejected.
 */
export function unpackMinBytes(w: number, h: number, d: number, pixelBytes: number, align: number): number {
  if (w === 0 || h === 0 || d === 0) return 0;
  const row = w * pixelBytes;
  const stride = Math.ceil(row / align) * align;
  return stride * (h * d - 1) + row;
}
