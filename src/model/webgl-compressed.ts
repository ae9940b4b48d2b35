// Compressed texture formats of the WebGL extensions, by block arithmetic: each format's block size in
// texels and bytes, and the extension that enables it (WebGL extension registry, one spec per family).

export interface CompressedFormat {
  blockW: number;
  blockH: number;
  blockBytes: number;
  extension: string;
  /** PVRTC pads tiny images to a minimum size instead of whole blocks. */
  pvrtc?: { minW: number; minH: number; bpp: number };
}

const fmt = (blockW: number, blockH: number, blockBytes: number, extension: string): CompressedFormat => ({
  blockW,
  blockH,
  blockBytes,
  extension,
});

const S3TC = 'WEBGL_compressed_texture_s3tc';
const S3TC_SRGB = 'WEBGL_compressed_texture_s3tc_srgb';
const RGTC = 'EXT_texture_compression_rgtc';
const BPTC = 'EXT_texture_compression_bptc';
const ETC1 = 'WEBGL_compressed_texture_etc1';
const ETC = 'WEBGL_compressed_texture_etc';
const ASTC = 'WEBGL_compressed_texture_astc';
const PVRTC = 'WEBGL_compressed_texture_pvrtc';

/** ASTC block footprints in enum order (KHR_texture_compression_astc_ldr). */
const ASTC_BLOCKS: readonly [number, number][] = [
  [4, 4], [5, 4], [5, 5], [6, 5], [6, 6], [8, 5], [8, 6], [8, 8], [10, 5], [10, 6], [10, 8], [10, 10], [12, 10], [12, 12],
];

const entries: [number, CompressedFormat][] = [
  [0x83f0, fmt(4, 4, 8, S3TC)], // COMPRESSED_RGB_S3TC_DXT1_EXT
  [0x83f1, fmt(4, 4, 8, S3TC)], // COMPRESSED_RGBA_S3TC_DXT1_EXT
  [0x83f2, fmt(4, 4, 16, S3TC)], // COMPRESSED_RGBA_S3TC_DXT3_EXT
  [0x83f3, fmt(4, 4, 16, S3TC)], // COMPRESSED_RGBA_S3TC_DXT5_EXT
  [0x8c4c, fmt(4, 4, 8, S3TC_SRGB)], // COMPRESSED_SRGB_S3TC_DXT1_EXT
  [0x8c4d, fmt(4, 4, 8, S3TC_SRGB)], // COMPRESSED_SRGB_ALPHA_S3TC_DXT1_EXT
  [0x8c4e, fmt(4, 4, 16, S3TC_SRGB)], // COMPRESSED_SRGB_ALPHA_S3TC_DXT3_EXT
  [0x8c4f, fmt(4, 4, 16, S3TC_SRGB)], // COMPRESSED_SRGB_ALPHA_S3TC_DXT5_EXT
  [0x8dbb, fmt(4, 4, 8, RGTC)], // COMPRESSED_RED_RGTC1_EXT
  [0x8dbc, fmt(4, 4, 8, RGTC)], // COMPRESSED_SIGNED_RED_RGTC1_EXT
  [0x8dbd, fmt(4, 4, 16, RGTC)], // COMPRESSED_RED_GREEN_RGTC2_EXT
  [0x8dbe, fmt(4, 4, 16, RGTC)], // COMPRESSED_SIGNED_RED_GREEN_RGTC2_EXT
  [0x8e8c, fmt(4, 4, 16, BPTC)], // COMPRESSED_RGBA_BPTC_UNORM_EXT
  [0x8e8d, fmt(4, 4, 16, BPTC)], // COMPRESSED_SRGB_ALPHA_BPTC_UNORM_EXT
  [0x8e8e, fmt(4, 4, 16, BPTC)], // COMPRESSED_RGB_BPTC_SIGNED_FLOAT_EXT
  [0x8e8f, fmt(4, 4, 16, BPTC)], // COMPRESSED_RGB_BPTC_UNSIGNED_FLOAT_EXT
  [0x8d64, fmt(4, 4, 8, ETC1)], // COMPRESSED_RGB_ETC1_WEBGL
  [0x9270, fmt(4, 4, 8, ETC)], // COMPRESSED_R11_EAC
  [0x9271, fmt(4, 4, 8, ETC)], // COMPRESSED_SIGNED_R11_EAC
  [0x9272, fmt(4, 4, 16, ETC)], // COMPRESSED_RG11_EAC
  [0x9273, fmt(4, 4, 16, ETC)], // COMPRESSED_SIGNED_RG11_EAC
  [0x9274, fmt(4, 4, 8, ETC)], // COMPRESSED_RGB8_ETC2
  [0x9275, fmt(4, 4, 8, ETC)], // COMPRESSED_SRGB8_ETC2
  [0x9276, fmt(4, 4, 8, ETC)], // COMPRESSED_RGB8_PUNCHTHROUGH_ALPHA1_ETC2
  [0x9277, fmt(4, 4, 8, ETC)], // COMPRESSED_SRGB8_PUNCHTHROUGH_ALPHA1_ETC2
  [0x9278, fmt(4, 4, 16, ETC)], // COMPRESSED_RGBA8_ETC2_EAC
  [0x9279, fmt(4, 4, 16, ETC)], // COMPRESSED_SRGB8_ALPHA8_ETC2_EAC
  ...ASTC_BLOCKS.map(([w, h], i): [number, CompressedFormat] => [0x93b0 + i, fmt(w, h, 16, ASTC)]),
  ...ASTC_BLOCKS.map(([w, h], i): [number, CompressedFormat] => [0x93d0 + i, fmt(w, h, 16, ASTC)]),
  // WEBGL_compressed_texture_pvrtc: 4 bpp formats pad to 8x8, 2 bpp formats to 16x8.
  [0x8c00, { ...fmt(4, 4, 8, PVRTC), pvrtc: { minW: 8, minH: 8, bpp: 4 } }], // RGB_PVRTC_4BPPV1
  [0x8c01, { ...fmt(8, 4, 8, PVRTC), pvrtc: { minW: 16, minH: 8, bpp: 2 } }], // RGB_PVRTC_2BPPV1
  [0x8c02, { ...fmt(4, 4, 8, PVRTC), pvrtc: { minW: 8, minH: 8, bpp: 4 } }], // RGBA_PVRTC_4BPPV1
  [0x8c03, { ...fmt(8, 4, 8, PVRTC), pvrtc: { minW: 16, minH: 8, bpp: 2 } }], // RGBA_PVRTC_2BPPV1
];

const COMPRESSED: ReadonlyMap<number, CompressedFormat> = new Map(entries);

export function compressedFormat(internalformat: number): CompressedFormat | undefined {
  return COMPRESSED.get(internalformat);
}

/** Bytes of one compressed image of w x h texels (x depth slices), as the extension specs require. */
export function compressedImageBytes(f: CompressedFormat, w: number, h: number, depth = 1): number {
  if (f.pvrtc) {
    const p = f.pvrtc;
    return Math.floor((Math.max(w, p.minW) * Math.max(h, p.minH) * p.bpp) / 8) * depth;
  }
  return Math.ceil(w / f.blockW) * Math.ceil(h / f.blockH) * f.blockBytes * depth;
}
