// Byte arithmetic for WebGL allocations: mip chains, texture images and the default drawing buffer.
// docs/webgl-sizes.md explains the drawing-buffer model and why.

/** Size of mip level `level` of a dimension: floor(size / 2^level), at least 1 (GL ES 3.0 §3.8.14). */
export function mipSize(size: number, level: number): number {
  return Math.max(1, Math.floor(size / 2 ** level));
}

/** Number of levels of a full mip chain for a 2D image: floor(log2(max(w, h))) + 1. */
export function fullMipLevels(width: number, height: number): number {
  const m = Math.max(width, height);
  return m < 1 ? 0 : Math.floor(Math.log2(m)) + 1;
}

/** Levels of a full mip chain from a w x h x d base; d counts only for 3D textures (arrays keep layers). */
export function fullMipLevels3(width: number, height: number, depth: number): number {
  return fullMipLevels(Math.max(width, depth), height);
}

/** Bytes of `levels` levels of a width x height image at `bpt` bytes per texel, times `faces`. */
export function mipChainBytes(width: number, height: number, levels: number, bpt: number, faces = 1): number {
  let total = 0;
  for (let l = 0; l < levels; l++) total += mipSize(width, l) * mipSize(height, l) * bpt;
  return total * faces;
}

export interface DrawingBufferParams {
  width: number;
  height: number;
  depth: boolean;
  stencil: boolean;
  antialias: boolean;
  /** GL SAMPLES of the default framebuffer; 0 or 1 when not multisampled. */
  samples: number;
  preserveDrawingBuffer: boolean;
  /** Bytes per pixel of the colour format: 4 (RGBA8, SRGB8_ALPHA8), 8 with drawingBufferStorage(RGBA16F). */
  colorBytes?: number;
}

/**
 * Bytes of a canvas's default framebuffer, as Chromium's DrawingBuffer allocates it:
 * - colour is RGBA8 (4 B/px) even with alpha:false (RGBX in memory);
 * - a back buffer that is drawn into and a front buffer handed to the compositor: 2 colour images;
 * - with antialias and samples > 1, a multisampled colour renderbuffer of `samples` x 4 B/px beside them;
 * - depth and/or stencil share one packed D24S8 renderbuffer (4 B/px), multisampled like colour.
 * preserveDrawingBuffer changes how the two colour images are swapped, not how many there are.
 */
export function drawingBufferBytes(p: DrawingBufferParams): number {
  const px = Math.max(0, p.width) * Math.max(0, p.height);
  const samples = p.antialias && p.samples > 1 ? p.samples : 1;
  const c = p.colorBytes ?? 4;
  let bytes = 2 * px * c;
  if (samples > 1) bytes += px * c * samples;
  if (p.depth || p.stencil) bytes += px * 4 * samples;
  return bytes;
}
