// Bytes per texel of WebGL texture and renderbuffer formats, from the WebGL 1/2 and OpenGL ES 3.0 format
// tables. Depth formats follow what implementations allocate (24-bit depth is stored in 32 bits).

/** GL enums used by the agent and the size arithmetic. */
export const GL = {
  ARRAY_BUFFER: 0x8892,
  ELEMENT_ARRAY_BUFFER: 0x8893,
  ARRAY_BUFFER_BINDING: 0x8894,
  ELEMENT_ARRAY_BUFFER_BINDING: 0x8895,
  COPY_READ_BUFFER: 0x8f36,
  COPY_WRITE_BUFFER: 0x8f37,
  PIXEL_PACK_BUFFER: 0x88eb,
  PIXEL_UNPACK_BUFFER: 0x88ec,
  PIXEL_PACK_BUFFER_BINDING: 0x88ed,
  PIXEL_UNPACK_BUFFER_BINDING: 0x88ef,
  TRANSFORM_FEEDBACK_BUFFER: 0x8c8e,
  TRANSFORM_FEEDBACK_BUFFER_BINDING: 0x8c8f,
  UNIFORM_BUFFER: 0x8a11,
  UNIFORM_BUFFER_BINDING: 0x8a28,
  TEXTURE_2D: 0x0de1,
  TEXTURE_CUBE_MAP: 0x8513,
  TEXTURE_CUBE_MAP_POSITIVE_X: 0x8515,
  TEXTURE_CUBE_MAP_NEGATIVE_Z: 0x851a,
  TEXTURE_BINDING_2D: 0x8069,
  TEXTURE_BINDING_CUBE_MAP: 0x8514,
  SAMPLES: 0x80a9,
  // unsized formats
  ALPHA: 0x1906,
  RGB: 0x1907,
  RGBA: 0x1908,
  LUMINANCE: 0x1909,
  LUMINANCE_ALPHA: 0x190a,
  DEPTH_COMPONENT: 0x1902,
  DEPTH_STENCIL: 0x84f9,
  SRGB_EXT: 0x8c40,
  SRGB_ALPHA_EXT: 0x8c42,
  RED: 0x1903,
  RG: 0x8227,
  RED_INTEGER: 0x8d94,
  RG_INTEGER: 0x8228,
  RGB_INTEGER: 0x8d98,
  RGBA_INTEGER: 0x8d99,
  // types
  BYTE: 0x1400,
  UNSIGNED_BYTE: 0x1401,
  SHORT: 0x1402,
  UNSIGNED_SHORT: 0x1403,
  INT: 0x1404,
  UNSIGNED_INT: 0x1405,
  FLOAT: 0x1406,
  HALF_FLOAT: 0x140b,
  HALF_FLOAT_OES: 0x8d61,
  UNSIGNED_SHORT_4_4_4_4: 0x8033,
  UNSIGNED_SHORT_5_5_5_1: 0x8034,
  UNSIGNED_SHORT_5_6_5: 0x8363,
  UNSIGNED_INT_2_10_10_10_REV: 0x8368,
  UNSIGNED_INT_10F_11F_11F_REV: 0x8c3b,
  UNSIGNED_INT_5_9_9_9_REV: 0x8c3e,
  UNSIGNED_INT_24_8: 0x84fa,
  FLOAT_32_UNSIGNED_INT_24_8_REV: 0x8dad,
  // sized formats
  RGBA8: 0x8058,
  RGB8: 0x8051,
  RGBA4: 0x8056,
  RGB5_A1: 0x8057,
  RGB565: 0x8d62,
  RGBA16F: 0x881a,
  RGBA32F: 0x8814,
  R8: 0x8229,
  DEPTH_COMPONENT16: 0x81a5,
  DEPTH_COMPONENT24: 0x81a6,
  DEPTH24_STENCIL8: 0x88f0,
} as const;

/** Sized internal formats -> bytes per texel (ES 3.0 table 3.13, EXT_texture_norm16, depth/stencil). */
const SIZED: ReadonlyMap<number, number> = new Map([
  [0x8229, 1], [0x8f94, 1], [0x822d, 2], [0x822e, 4], [0x8232, 1], [0x8231, 1], [0x8234, 2], [0x8233, 2],
  [0x8236, 4], [0x8235, 4], // R8 R8_SNORM R16F R32F R8UI R8I R16UI R16I R32UI R32I
  [0x822b, 2], [0x8f95, 2], [0x822f, 4], [0x8230, 8], [0x8238, 2], [0x8237, 2], [0x823a, 4], [0x8239, 4],
  [0x823c, 8], [0x823b, 8], // RG8 RG8_SNORM RG16F RG32F RG8UI RG8I RG16UI RG16I RG32UI RG32I
  [0x8051, 3], [0x8c41, 3], [0x8d62, 2], [0x8f96, 3], [0x8c3a, 4], [0x8c3d, 4], [0x881b, 6], [0x8815, 12],
  [0x8d7d, 3], [0x8d8f, 3], [0x8d77, 6], [0x8d89, 6], [0x8d71, 12], [0x8d83, 12],
  // RGB8 SRGB8 RGB565 RGB8_SNORM R11F_G11F_B10F RGB9_E5 RGB16F RGB32F RGB8UI RGB8I RGB16UI RGB16I RGB32UI RGB32I
  [0x8058, 4], [0x8c43, 4], [0x8f97, 4], [0x8057, 2], [0x8056, 2], [0x8059, 4], [0x881a, 8], [0x8814, 16],
  [0x8d7c, 4], [0x8d8e, 4], [0x906f, 4], [0x8d76, 8], [0x8d88, 8], [0x8d82, 16], [0x8d70, 16],
  // RGBA8 SRGB8_ALPHA8 RGBA8_SNORM RGB5_A1 RGBA4 RGB10_A2 RGBA16F RGBA32F RGBA8UI RGBA8I RGB10_A2UI RGBA16UI
  // RGBA16I RGBA32I RGBA32UI
  [0x822a, 2], [0x822c, 4], [0x8054, 6], [0x805b, 8], [0x8f98, 2], [0x8f99, 4], [0x8f9a, 6], [0x8f9b, 8],
  // R16 RG16 RGB16 RGBA16 and their _SNORM forms (EXT_texture_norm16)
  [0x81a5, 2], [0x81a6, 4], [0x8cac, 4], [0x88f0, 4], [0x8cad, 8], [0x8d48, 1],
  // DEPTH_COMPONENT16 DEPTH_COMPONENT24 DEPTH_COMPONENT32F DEPTH24_STENCIL8 DEPTH32F_STENCIL8 STENCIL_INDEX8
]);

/** Components per pixel of an unsized (format) enum. */
const COMPONENTS: ReadonlyMap<number, number> = new Map([
  [GL.ALPHA, 1], [GL.LUMINANCE, 1], [GL.DEPTH_STENCIL, 1], [GL.RED, 1], [GL.RED_INTEGER, 1], [GL.DEPTH_COMPONENT, 1],
  [GL.LUMINANCE_ALPHA, 2], [GL.RG, 2], [GL.RG_INTEGER, 2],
  [GL.RGB, 3], [GL.RGB_INTEGER, 3], [GL.SRGB_EXT, 3],
  [GL.RGBA, 4], [GL.RGBA_INTEGER, 4], [GL.SRGB_ALPHA_EXT, 4],
]);

/** Bytes per component of a plain type, or per whole pixel for a packed type (flagged by `packed`). */
const TYPES: ReadonlyMap<number, { bytes: number; packed: boolean }> = new Map([
  [GL.BYTE, { bytes: 1, packed: false }],
  [GL.UNSIGNED_BYTE, { bytes: 1, packed: false }],
  [GL.SHORT, { bytes: 2, packed: false }],
  [GL.UNSIGNED_SHORT, { bytes: 2, packed: false }],
  [GL.INT, { bytes: 4, packed: false }],
  [GL.UNSIGNED_INT, { bytes: 4, packed: false }],
  [GL.FLOAT, { bytes: 4, packed: false }],
  [GL.HALF_FLOAT, { bytes: 2, packed: false }],
  [GL.HALF_FLOAT_OES, { bytes: 2, packed: false }],
  [GL.UNSIGNED_SHORT_4_4_4_4, { bytes: 2, packed: true }],
  [GL.UNSIGNED_SHORT_5_5_5_1, { bytes: 2, packed: true }],
  [GL.UNSIGNED_SHORT_5_6_5, { bytes: 2, packed: true }],
  [GL.UNSIGNED_INT_2_10_10_10_REV, { bytes: 4, packed: true }],
  [GL.UNSIGNED_INT_10F_11F_11F_REV, { bytes: 4, packed: true }],
  [GL.UNSIGNED_INT_5_9_9_9_REV, { bytes: 4, packed: true }],
  [GL.UNSIGNED_INT_24_8, { bytes: 4, packed: true }],
  [GL.FLOAT_32_UNSIGNED_INT_24_8_REV, { bytes: 8, packed: true }],
]);

/** Bytes per texel of a sized internal format, or undefined when the enum is not a sized format. */
export function sizedFormatBytes(internalformat: number): number | undefined {
  return SIZED.get(internalformat);
}

/**
 * Bytes per texel for a texImage call: a sized internalformat decides alone; an unsized one (WebGL 1
 * style, where internalformat equals format) is components x type size, or the packed type's size.
 */
export function texelBytes(internalformat: number, format: number, type: number): number | undefined {
  const sized = SIZED.get(internalformat);
  if (sized !== undefined) return sized;
  // An unsized internalformat must equal format (WebGL 1 §5.14.8, ES 3.0 table 3.2); anything else is an error.
  if (internalformat !== format) return undefined;
  const comps = COMPONENTS.get(internalformat);
  const t = TYPES.get(type);
  if (comps === undefined || t === undefined) return undefined;
  return t.packed ? t.bytes : comps * t.bytes;
}
