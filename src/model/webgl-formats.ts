// Bytes per texel of WebGL texture and renderbuffer formats, and which format/type combinations the GL
// accepts, from the WebGL 1/2 specs, the OpenGL ES 3.0 tables 3.2, 3.3 and 3.13 and the format extensions.
// Depth formats follow what implementations allocate (24-bit depth is stored in 32 bits).

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
  STREAM_DRAW: 0x88e0,
  STREAM_READ: 0x88e1,
  STREAM_COPY: 0x88e2,
  STATIC_DRAW: 0x88e4,
  STATIC_READ: 0x88e5,
  STATIC_COPY: 0x88e6,
  DYNAMIC_DRAW: 0x88e8,
  DYNAMIC_READ: 0x88e9,
  DYNAMIC_COPY: 0x88ea,
  TEXTURE_2D: 0x0de1,
  TEXTURE_3D: 0x806f,
  TEXTURE_2D_ARRAY: 0x8c1a,
  TEXTURE_CUBE_MAP: 0x8513,
  TEXTURE_CUBE_MAP_POSITIVE_X: 0x8515,
  TEXTURE_CUBE_MAP_NEGATIVE_Z: 0x851a,
  TEXTURE_BINDING_2D: 0x8069,
  TEXTURE_BINDING_3D: 0x806a,
  TEXTURE_BINDING_2D_ARRAY: 0x8c1d,
  TEXTURE_BINDING_CUBE_MAP: 0x8514,
  TEXTURE_BASE_LEVEL: 0x813c,
  TEXTURE_MAX_LEVEL: 0x813d,
  RENDERBUFFER: 0x8d41,
  RENDERBUFFER_BINDING: 0x8ca7,
  ACTIVE_TEXTURE: 0x84e0,
  TEXTURE0: 0x84c0,
  MAX_COMBINED_TEXTURE_IMAGE_UNITS: 0x8b4d,
  FRAMEBUFFER: 0x8d40,
  READ_FRAMEBUFFER: 0x8ca8,
  DRAW_FRAMEBUFFER: 0x8ca9,
  FRAMEBUFFER_BINDING: 0x8ca6,
  READ_FRAMEBUFFER_BINDING: 0x8caa,
  VERTEX_ARRAY_BINDING: 0x85b5,
  MAX_VERTEX_ATTRIBS: 0x8869,
  VERTEX_ATTRIB_ARRAY_BUFFER_BINDING: 0x889f,
  MAX_UNIFORM_BUFFER_BINDINGS: 0x8a2f,
  MAX_TEXTURE_SIZE: 0x0d33,
  MAX_CUBE_MAP_TEXTURE_SIZE: 0x851c,
  MAX_3D_TEXTURE_SIZE: 0x8073,
  MAX_ARRAY_TEXTURE_LAYERS: 0x88ff,
  MAX_RENDERBUFFER_SIZE: 0x84e8,
  MAX_SAMPLES: 0x8d57,
  UNPACK_ALIGNMENT: 0x0cf5,
  SAMPLES: 0x80a9,
  // unsized formats
  ALPHA: 0x1906,
  RGB: 0x1907,
  RGBA: 0x1908,
  LUMINANCE: 0x1909,
  LUMINANCE_ALPHA: 0x190a,
  DEPTH_COMPONENT: 0x1902,
  DEPTH_STENCIL: 0x84f9,
  STENCIL_INDEX8: 0x8d48,
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
  R8: 0x8229,
  RG8: 0x822b,
  RGB8: 0x8051,
  RGBA8: 0x8058,
  SRGB8: 0x8c41,
  SRGB8_ALPHA8: 0x8c43,
  RGBA4: 0x8056,
  RGB5_A1: 0x8057,
  RGB565: 0x8d62,
  RGB10_A2: 0x8059,
  R16F: 0x822d,
  RG16F: 0x822f,
  RGB16F: 0x881b,
  RGBA16F: 0x881a,
  R32F: 0x822e,
  RG32F: 0x8230,
  RGB32F: 0x8815,
  RGBA32F: 0x8814,
  R11F_G11F_B10F: 0x8c3a,
  RGB9_E5: 0x8c3d,
  RGBA8UI: 0x8d7c,
  R32UI: 0x8236,
  DEPTH_COMPONENT16: 0x81a5,
  DEPTH_COMPONENT24: 0x81a6,
  DEPTH_COMPONENT32F: 0x8cac,
  DEPTH24_STENCIL8: 0x88f0,
  DEPTH32F_STENCIL8: 0x8cad,
} as const;

/** What a sized format is, beyond its size: decides generateMipmap and multisampling validity. */
export const FormatClass = {
  /** Colour-renderable and filterable in core ES 3.0: generateMipmap works. */
  Normal: 0,
  Depth: 1,
  Integer: 2,
  /** 16-bit and packed floats: filterable, renderable only with EXT_color_buffer_(half_)float. */
  Float16: 3,
  /** 32-bit floats: neither filterable nor renderable in core. */
  Float32: 4,
  /** Filterable but never colour-renderable (SNORM, RGB9_E5, SRGB8, RGB norm16...). */
  NotRenderable: 5,
} as const;
export type FormatClass = (typeof FormatClass)[keyof typeof FormatClass];

interface SizedFormat {
  bytes: number;
  format: number;
  types: readonly number[];
  cls: FormatClass;
}

const G = GL;
const sized = (bytes: number, format: number, types: number[], cls: FormatClass = FormatClass.Normal): SizedFormat => ({
  bytes,
  format,
  types,
  cls,
});
const { Depth, Integer, Float16, Float32, NotRenderable } = FormatClass;

/** ES 3.0 table 3.2 (sized internal format -> format, valid types), with bytes per texel; plus EXT_texture_norm16. */
const SIZED: ReadonlyMap<number, SizedFormat> = new Map([
  [G.R8, sized(1, G.RED, [G.UNSIGNED_BYTE])],
  [0x8f94, sized(1, G.RED, [G.BYTE], NotRenderable)], // R8_SNORM
  [G.R16F, sized(2, G.RED, [G.HALF_FLOAT, G.FLOAT], Float16)],
  [G.R32F, sized(4, G.RED, [G.FLOAT], Float32)],
  [0x8232, sized(1, G.RED_INTEGER, [G.UNSIGNED_BYTE], Integer)], // R8UI
  [0x8231, sized(1, G.RED_INTEGER, [G.BYTE], Integer)], // R8I
  [0x8234, sized(2, G.RED_INTEGER, [G.UNSIGNED_SHORT], Integer)], // R16UI
  [0x8233, sized(2, G.RED_INTEGER, [G.SHORT], Integer)], // R16I
  [G.R32UI, sized(4, G.RED_INTEGER, [G.UNSIGNED_INT], Integer)],
  [0x8235, sized(4, G.RED_INTEGER, [G.INT], Integer)], // R32I
  [G.RG8, sized(2, G.RG, [G.UNSIGNED_BYTE])],
  [0x8f95, sized(2, G.RG, [G.BYTE], NotRenderable)], // RG8_SNORM
  [G.RG16F, sized(4, G.RG, [G.HALF_FLOAT, G.FLOAT], Float16)],
  [G.RG32F, sized(8, G.RG, [G.FLOAT], Float32)],
  [0x8238, sized(2, G.RG_INTEGER, [G.UNSIGNED_BYTE], Integer)], // RG8UI
  [0x8237, sized(2, G.RG_INTEGER, [G.BYTE], Integer)], // RG8I
  [0x823a, sized(4, G.RG_INTEGER, [G.UNSIGNED_SHORT], Integer)], // RG16UI
  [0x8239, sized(4, G.RG_INTEGER, [G.SHORT], Integer)], // RG16I
  [0x823c, sized(8, G.RG_INTEGER, [G.UNSIGNED_INT], Integer)], // RG32UI
  [0x823b, sized(8, G.RG_INTEGER, [G.INT], Integer)], // RG32I
  [G.RGB8, sized(3, G.RGB, [G.UNSIGNED_BYTE])],
  [G.SRGB8, sized(3, G.RGB, [G.UNSIGNED_BYTE], NotRenderable)],
  [G.RGB565, sized(2, G.RGB, [G.UNSIGNED_BYTE, G.UNSIGNED_SHORT_5_6_5])],
  [0x8f96, sized(3, G.RGB, [G.BYTE], NotRenderable)], // RGB8_SNORM
  [G.R11F_G11F_B10F, sized(4, G.RGB, [G.UNSIGNED_INT_10F_11F_11F_REV, G.HALF_FLOAT, G.FLOAT], Float16)],
  [G.RGB9_E5, sized(4, G.RGB, [G.UNSIGNED_INT_5_9_9_9_REV, G.HALF_FLOAT, G.FLOAT], NotRenderable)],
  [G.RGB16F, sized(6, G.RGB, [G.HALF_FLOAT, G.FLOAT], NotRenderable)],
  [G.RGB32F, sized(12, G.RGB, [G.FLOAT], Float32)],
  [0x8d7d, sized(3, G.RGB_INTEGER, [G.UNSIGNED_BYTE], Integer)], // RGB8UI
  [0x8d8f, sized(3, G.RGB_INTEGER, [G.BYTE], Integer)], // RGB8I
  [0x8d77, sized(6, G.RGB_INTEGER, [G.UNSIGNED_SHORT], Integer)], // RGB16UI
  [0x8d89, sized(6, G.RGB_INTEGER, [G.SHORT], Integer)], // RGB16I
  [0x8d71, sized(12, G.RGB_INTEGER, [G.UNSIGNED_INT], Integer)], // RGB32UI
  [0x8d83, sized(12, G.RGB_INTEGER, [G.INT], Integer)], // RGB32I
  [G.RGBA8, sized(4, G.RGBA, [G.UNSIGNED_BYTE])],
  [G.SRGB8_ALPHA8, sized(4, G.RGBA, [G.UNSIGNED_BYTE])],
  [0x8f97, sized(4, G.RGBA, [G.BYTE], NotRenderable)], // RGBA8_SNORM
  [G.RGB5_A1, sized(2, G.RGBA, [G.UNSIGNED_BYTE, G.UNSIGNED_SHORT_5_5_5_1, G.UNSIGNED_INT_2_10_10_10_REV])],
  [G.RGBA4, sized(2, G.RGBA, [G.UNSIGNED_BYTE, G.UNSIGNED_SHORT_4_4_4_4])],
  [G.RGB10_A2, sized(4, G.RGBA, [G.UNSIGNED_INT_2_10_10_10_REV])],
  [G.RGBA16F, sized(8, G.RGBA, [G.HALF_FLOAT, G.FLOAT], Float16)],
  [G.RGBA32F, sized(16, G.RGBA, [G.FLOAT], Float32)],
  [G.RGBA8UI, sized(4, G.RGBA_INTEGER, [G.UNSIGNED_BYTE], Integer)],
  [0x8d8e, sized(4, G.RGBA_INTEGER, [G.BYTE], Integer)], // RGBA8I
  [0x906f, sized(4, G.RGBA_INTEGER, [G.UNSIGNED_INT_2_10_10_10_REV], Integer)], // RGB10_A2UI
  [0x8d76, sized(8, G.RGBA_INTEGER, [G.UNSIGNED_SHORT], Integer)], // RGBA16UI
  [0x8d88, sized(8, G.RGBA_INTEGER, [G.SHORT], Integer)], // RGBA16I
  [0x8d70, sized(16, G.RGBA_INTEGER, [G.UNSIGNED_INT], Integer)], // RGBA32UI
  [0x8d82, sized(16, G.RGBA_INTEGER, [G.INT], Integer)], // RGBA32I
  [G.DEPTH_COMPONENT16, sized(2, G.DEPTH_COMPONENT, [G.UNSIGNED_SHORT, G.UNSIGNED_INT], Depth)],
  [G.DEPTH_COMPONENT24, sized(4, G.DEPTH_COMPONENT, [G.UNSIGNED_INT], Depth)],
  [G.DEPTH_COMPONENT32F, sized(4, G.DEPTH_COMPONENT, [G.FLOAT], Depth)],
  [G.DEPTH24_STENCIL8, sized(4, G.DEPTH_STENCIL, [G.UNSIGNED_INT_24_8], Depth)],
  [G.DEPTH32F_STENCIL8, sized(8, G.DEPTH_STENCIL, [G.FLOAT_32_UNSIGNED_INT_24_8_REV], Depth)],
  // EXT_texture_norm16
  [0x822a, sized(2, G.RED, [G.UNSIGNED_SHORT])], // R16
  [0x822c, sized(4, G.RG, [G.UNSIGNED_SHORT])], // RG16
  [0x8054, sized(6, G.RGB, [G.UNSIGNED_SHORT], NotRenderable)], // RGB16
  [0x805b, sized(8, G.RGBA, [G.UNSIGNED_SHORT])], // RGBA16
  [0x8f98, sized(2, G.RED, [G.SHORT], NotRenderable)], // R16_SNORM
  [0x8f99, sized(4, G.RG, [G.SHORT], NotRenderable)], // RG16_SNORM
  [0x8f9a, sized(6, G.RGB, [G.SHORT], NotRenderable)], // RGB16_SNORM
  [0x8f9b, sized(8, G.RGBA, [G.SHORT], NotRenderable)], // RGBA16_SNORM
]);

/** Unsized formats -> components per pixel. */
const COMPONENTS: ReadonlyMap<number, number> = new Map([
  [GL.ALPHA, 1], [GL.LUMINANCE, 1], [GL.LUMINANCE_ALPHA, 2], [GL.RGB, 3], [GL.RGBA, 4],
  [GL.SRGB_EXT, 3], [GL.SRGB_ALPHA_EXT, 4], [GL.DEPTH_COMPONENT, 1], [GL.DEPTH_STENCIL, 1],
]);

/** Bytes per component of a plain type, or of the whole pixel for a packed type. */
const TYPE_BYTES: ReadonlyMap<number, number> = new Map([
  [GL.UNSIGNED_BYTE, 1], [GL.UNSIGNED_SHORT, 2], [GL.UNSIGNED_INT, 4], [GL.FLOAT, 4],
  [GL.HALF_FLOAT, 2], [GL.HALF_FLOAT_OES, 2],
]);
const PACKED_BYTES: ReadonlyMap<number, number> = new Map([
  [GL.UNSIGNED_SHORT_4_4_4_4, 2], [GL.UNSIGNED_SHORT_5_5_5_1, 2], [GL.UNSIGNED_SHORT_5_6_5, 2],
  [GL.UNSIGNED_INT_24_8, 4],
]);

/**
 * The unsized format/type pairs each API accepts (WebGL 1 §5.14.8 with its extensions; ES 3.0 table 3.3
 * for WebGL 2, which keeps WebGL 1's float and depth extensions as core behaviour).
 */
const UNSIZED_TYPES: ReadonlyMap<number, readonly number[]> = new Map([
  [GL.RGBA, [GL.UNSIGNED_BYTE, GL.UNSIGNED_SHORT_4_4_4_4, GL.UNSIGNED_SHORT_5_5_5_1, GL.FLOAT, GL.HALF_FLOAT_OES, GL.HALF_FLOAT]],
  [GL.RGB, [GL.UNSIGNED_BYTE, GL.UNSIGNED_SHORT_5_6_5, GL.FLOAT, GL.HALF_FLOAT_OES, GL.HALF_FLOAT]],
  [GL.LUMINANCE_ALPHA, [GL.UNSIGNED_BYTE, GL.FLOAT, GL.HALF_FLOAT_OES, GL.HALF_FLOAT]],
  [GL.LUMINANCE, [GL.UNSIGNED_BYTE, GL.FLOAT, GL.HALF_FLOAT_OES, GL.HALF_FLOAT]],
  [GL.ALPHA, [GL.UNSIGNED_BYTE, GL.FLOAT, GL.HALF_FLOAT_OES, GL.HALF_FLOAT]],
  [GL.SRGB_EXT, [GL.UNSIGNED_BYTE]],
  [GL.SRGB_ALPHA_EXT, [GL.UNSIGNED_BYTE]],
  [GL.DEPTH_COMPONENT, [GL.UNSIGNED_SHORT, GL.UNSIGNED_INT]],
  [GL.DEPTH_STENCIL, [GL.UNSIGNED_INT_24_8]],
]);

/** Bytes per texel of a sized internal format, or undefined when the enum is not a sized format. */
export function sizedFormatBytes(internalformat: number): number | undefined {
  return SIZED.get(internalformat)?.bytes;
}

/** The class of a sized format; unsized WebGL 1 formats are Normal, or Depth for depth ones. */
export function formatClass(internalformat: number): FormatClass {
  const s = SIZED.get(internalformat);
  if (s) return s.cls;
  return internalformat === GL.DEPTH_COMPONENT || internalformat === GL.DEPTH_STENCIL ? Depth : FormatClass.Normal;
}

/** `list` holds `x`: a loop, not Array.prototype.includes, which the page may replace in the agent's world. */
function listed(list: readonly number[], x: number): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === x) return true;
  return false;
}

/**
 * Bytes per texel for a texImage call, or undefined when the GL rejects the combination: a sized
 * internalformat needs its own format and one of its types; an unsized one must equal format and take
 * one of the format's types.
 */
export function texelBytes(internalformat: number, format: number, type: number): number | undefined {
  const s = SIZED.get(internalformat);
  if (s !== undefined) return s.format === format && listed(s.types, type) ? s.bytes : undefined;
  if (internalformat !== format) return undefined;
  const types = UNSIZED_TYPES.get(format);
  if (!types || !listed(types, type)) return undefined;
  const packed = PACKED_BYTES.get(type);
  if (packed !== undefined) return packed;
  const comps = COMPONENTS.get(format)!;
  const t = TYPE_BYTES.get(type)!;
  return comps * t;
}

/** Bytes per pixel of a renderbuffer format (WebGL 1 RGBA4/RGB565/RGB5_A1/DEPTH16/STENCIL8/DEPTH_STENCIL and
 * every sized WebGL 2 format); undefined when the format is not a renderbuffer format. */
export function renderbufferFormatBytes(internalformat: number): number | undefined {
  if (internalformat === GL.STENCIL_INDEX8) return 1;
  // WebGL 1's DEPTH_STENCIL renderbuffer is a packed 24/8 buffer.
  if (internalformat === GL.DEPTH_STENCIL) return 4;
  return SIZED.get(internalformat)?.bytes;
}

const NORM16 = new Set([0x822a, 0x822c, 0x8054, 0x805b, 0x8f98, 0x8f99, 0x8f9a, 0x8f9b]);

/**
 * texelBytes for one context: WebGL 1 takes only unsized formats, with FLOAT, HALF_FLOAT_OES, depth and
 * sRGB formats only once their extension is enabled; WebGL 2 takes sized formats (norm16 behind
 * EXT_texture_norm16) and the unsized ones of table 3.3. `exts` holds enabled extension names in lower case.
 */
export function texImageTexelBytes(
  is2: boolean,
  exts: ReadonlySet<string>,
  internalformat: number,
  format: number,
  type: number,
): number | undefined {
  if (!is2) {
    if (SIZED.has(internalformat) || type === GL.HALF_FLOAT) return undefined;
    if (type === GL.FLOAT && !exts.has('oes_texture_float')) return undefined;
    if (type === GL.HALF_FLOAT_OES && !exts.has('oes_texture_half_float')) return undefined;
    if ((format === GL.DEPTH_COMPONENT || format === GL.DEPTH_STENCIL) && !exts.has('webgl_depth_texture')) return undefined;
    if ((format === GL.SRGB_EXT || format === GL.SRGB_ALPHA_EXT) && !exts.has('ext_srgb')) return undefined;
  } else if (SIZED.has(internalformat)) {
    if (NORM16.has(internalformat) && !exts.has('ext_texture_norm16')) return undefined;
  } else {
    // ES 3.0 table 3.3: unsized formats take only bytes and the packed 16-bit types; no float, depth or sRGB.
    if (type !== GL.UNSIGNED_BYTE && type !== GL.UNSIGNED_SHORT_4_4_4_4 && type !== GL.UNSIGNED_SHORT_5_5_5_1 && type !== GL.UNSIGNED_SHORT_5_6_5) return undefined;
    if (format === GL.DEPTH_COMPONENT || format === GL.DEPTH_STENCIL || format === GL.SRGB_EXT || format === GL.SRGB_ALPHA_EXT) return undefined;
  }
  return texelBytes(internalformat, format, type);
}

/** The class of the image a texImage call made; unsized float uploads are float images. */
export function imageClass(internalformat: number, type: number): FormatClass {
  const cls = formatClass(internalformat);
  if (cls !== FormatClass.Normal || SIZED.has(internalformat)) return cls;
  if (type === GL.FLOAT) return FormatClass.Float32;
  if (type === GL.HALF_FLOAT || type === GL.HALF_FLOAT_OES) return FormatClass.Float16;
  return cls;
}

/** Renderbuffer formats per context (WebGL 1 §5.14.7 plus extensions; WebGL 2: renderable sized formats). */
export function renderbufferBytesFor(is2: boolean, exts: ReadonlySet<string>, internalformat: number): number | undefined {
  if (!is2) {
    switch (internalformat) {
      case GL.RGBA4: case GL.RGB565: case GL.RGB5_A1: case GL.DEPTH_COMPONENT16: case GL.STENCIL_INDEX8: case GL.DEPTH_STENCIL:
        return renderbufferFormatBytes(internalformat);
      case GL.SRGB8_ALPHA8:
        return exts.has('ext_srgb') ? 4 : undefined;
      case GL.RGBA32F:
        return exts.has('webgl_color_buffer_float') ? 16 : undefined;
      case GL.RGBA16F:
      case GL.RGB16F:
        return exts.has('ext_color_buffer_half_float') ? (internalformat === GL.RGBA16F ? 8 : 6) : undefined;
      default:
        return undefined;
    }
  }
  if (internalformat === GL.STENCIL_INDEX8 || internalformat === GL.DEPTH_STENCIL) return renderbufferFormatBytes(internalformat);
  const s = SIZED.get(internalformat);
  if (!s) return undefined;
  switch (s.cls) {
    case FormatClass.Normal:
      return NORM16.has(internalformat) && !exts.has('ext_texture_norm16') ? undefined : s.bytes;
    case FormatClass.Depth:
    case FormatClass.Integer:
      return s.bytes;
    case FormatClass.Float16:
      return exts.has('ext_color_buffer_float') || exts.has('ext_color_buffer_half_float') ? s.bytes : undefined;
    case FormatClass.Float32:
      return exts.has('ext_color_buffer_float') && internalformat !== GL.RGB32F ? s.bytes : undefined;
    default:
      return undefined;
  }
}

/** Whether the format class of a sized or unsized format is an integer one (no multisampling in ES 3.0). */
export function isIntegerFormat(internalformat: number): boolean {
  return formatClass(internalformat) === FormatClass.Integer;
}
