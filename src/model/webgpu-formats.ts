// WebGPU texture formats: texel block size in bytes and block dimensions, from the WebGPU spec's texture
// format capabilities tables (§26.1). Depth formats whose size the spec leaves to the implementation carry
// our estimate (docs/webgpu-sizes.md).

export interface GPUFormatInfo {
  bytes: number;
  blockW: number;
  blockH: number;
}

const plain = (bytes: number): GPUFormatInfo => ({ bytes, blockW: 1, blockH: 1 });
const block = (bytes: number, blockW = 4, blockH = 4): GPUFormatInfo => ({ bytes, blockW, blockH });

const entries: [string, GPUFormatInfo][] = [];
const add = (info: GPUFormatInfo, ...names: string[]): void => {
  for (const n of names) entries.push([n, info]);
};

add(plain(1), 'r8unorm', 'r8snorm', 'r8uint', 'r8sint', 'stencil8');
add(plain(2), 'r16uint', 'r16sint', 'r16float', 'r16unorm', 'r16snorm', 'rg8unorm', 'rg8snorm', 'rg8uint', 'rg8sint', 'depth16unorm');
add(plain(4), 'r32uint', 'r32sint', 'r32float', 'rg16uint', 'rg16sint', 'rg16float', 'rg16unorm', 'rg16snorm',
  'rgba8unorm', 'rgba8unorm-srgb', 'rgba8snorm', 'rgba8uint', 'rgba8sint', 'bgra8unorm', 'bgra8unorm-srgb',
  'rgb9e5ufloat', 'rgb10a2uint', 'rgb10a2unorm', 'rg11b10ufloat', 'depth32float');
add(plain(8), 'rg32uint', 'rg32sint', 'rg32float', 'rgba16uint', 'rgba16sint', 'rgba16float', 'rgba16unorm', 'rgba16snorm');
add(plain(16), 'rgba32uint', 'rgba32sint', 'rgba32float');
// Implementation-defined: 24-bit depth is stored in 32 bits; depth24plus-stencil8 as a packed 32-bit D24S8;
// depth32float-stencil8 as 32-bit depth beside 8-bit stencil padded to 64 bits.
add(plain(4), 'depth24plus', 'depth24plus-stencil8');
add(plain(8), 'depth32float-stencil8');
add(block(8), 'bc1-rgba-unorm', 'bc1-rgba-unorm-srgb', 'bc4-r-unorm', 'bc4-r-snorm');
add(block(16), 'bc2-rgba-unorm', 'bc2-rgba-unorm-srgb', 'bc3-rgba-unorm', 'bc3-rgba-unorm-srgb', 'bc5-rg-unorm', 'bc5-rg-snorm',
  'bc6h-rgb-ufloat', 'bc6h-rgb-float', 'bc7-rgba-unorm', 'bc7-rgba-unorm-srgb');
add(block(8), 'etc2-rgb8unorm', 'etc2-rgb8unorm-srgb', 'etc2-rgb8a1unorm', 'etc2-rgb8a1unorm-srgb', 'eac-r11unorm', 'eac-r11snorm');
add(block(16), 'etc2-rgba8unorm', 'etc2-rgba8unorm-srgb', 'eac-rg11unorm', 'eac-rg11snorm');
for (const [w, h] of [[4, 4], [5, 4], [5, 5], [6, 5], [6, 6], [8, 5], [8, 6], [8, 8], [10, 5], [10, 6], [10, 8], [10, 10], [12, 10], [12, 12]] as const) {
  add(block(16, w, h), `astc-${w}x${h}-unorm`, `astc-${w}x${h}-unorm-srgb`);
}

const FORMATS: ReadonlyMap<string, GPUFormatInfo> = new Map(entries);

export interface GPUTextureShape {
  format: string;
  width: number;
  height: number;
  depthOrArrayLayers: number;
  mipLevelCount: number;
  sampleCount: number;
  dimension: string;
}

/**
 * Bytes of a texture: every mip level, each ⌈w/bw⌉ × ⌈h/bh⌉ blocks × layers (3D: depth halving per level)
 * × block bytes, × sampleCount (a factor of the texel count, not of width and height separately).
 * Undefined for an unknown format.
 */
export function gpuTextureBytes(t: GPUTextureShape): number | undefined {
  const f = FORMATS.get(t.format);
  if (!f) return undefined;
  let total = 0;
  for (let l = 0; l < t.mipLevelCount; l++) {
    const w = Math.max(1, t.width >> l);
    const h = t.dimension === '1d' ? 1 : Math.max(1, t.height >> l);
    const d = t.dimension === '3d' ? Math.max(1, t.depthOrArrayLayers >> l) : t.depthOrArrayLayers;
    total += Math.ceil(w / f.blockW) * Math.ceil(h / f.blockH) * d * f.bytes;
  }
  return total * Math.max(1, t.sampleCount);
}

/** Images Chromium keeps for a configured canvas: the one being drawn and the one on screen. */
export const CANVAS_TEXTURES = 2;

export function gpuCanvasBytes(format: string, width: number, height: number): number | undefined {
  const f = FORMATS.get(format);
  return f ? CANVAS_TEXTURES * width * height * f.bytes : undefined;
}
