// Which texture allocations the browser accepts, the parts of validation that decide whether memory is
// allocated at all: a call the GL or WebGPU rejects holds nothing, so the agent must not count it. Pure
// functions of the specs, kept apart from the hooks so that they are tested against the specs' rules.
import type { GPUTextureShape } from './webgpu-formats';

/** A WebGL texture's shape, as its bind target makes it. */
export const GLTextureShape = { Tex2D: 0, Cube: 1, Tex3D: 2, Array: 3 } as const;
export type GLTextureShape = (typeof GLTextureShape)[keyof typeof GLTextureShape];

/** The context's texture limits (getParameter MAX_*). */
export interface GLTextureLimits {
  maxTexture: number;
  maxCube: number;
  max3D: number;
  maxLayers: number;
}

export function isPow2(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/**
 * Whether a level of a texture of `shape` with this size fits the context's limits: otherwise the call is
 * INVALID_VALUE (WebGL 2 §3.7.6 TexImage2D/3D, ES 3.0 §3.8.3; WebGL 1 §5.14.8 and ES 2.0 §3.7.1).
 */
export function glLevelFits(limits: GLTextureLimits, shape: GLTextureShape, webgl2: boolean, level: number, w: number, h: number, d: number): boolean {
  if (!(Number.isInteger(level) && level >= 0 && w >= 0 && h >= 0 && d >= 0)) return false;
  const max = shape === GLTextureShape.Cube ? limits.maxCube : shape === GLTextureShape.Tex3D ? limits.max3D : limits.maxTexture;
  // Levels past log2(max) are INVALID_VALUE.
  if (level > 31) return false;
  const m = max >> level;
  if (m === 0) return false;
  if (w > m || h > m) return false;
  if (shape === GLTextureShape.Tex3D && d > m) return false;
  if (shape === GLTextureShape.Array && d > limits.maxLayers) return false;
  if (shape === GLTextureShape.Cube && w !== h) return false;
  // WebGL 1 has no mipmaps of non-power-of-two images.
  if (!webgl2 && level > 0 && (!isPow2(w) || !isPow2(h))) return false;
  return true;
}

/** A GPUDevice's texture limits (device.limits). */
export interface GPUTextureLimits {
  max1D: number;
  max2D: number;
  max3D: number;
  maxLayers: number;
}

/** The texture's shape as its getters report it; the format plays no part in these checks. */
export type GPUTextureDesc = Omit<GPUTextureShape, 'format'>;

/**
 * Whether createTexture makes a valid texture (WebGPU §6.1.3 "validating GPUTextureDescriptor", the parts
 * that decide whether it holds memory): an invalid one is an error object with no allocation.
 */
export function gpuTextureValid(limits: GPUTextureLimits, t: GPUTextureDesc, usage: number): boolean {
  if (usage === 0 || t.width < 1 || t.height < 1 || t.depthOrArrayLayers < 1 || t.mipLevelCount < 1) return false;
  if (t.sampleCount !== 1 && t.sampleCount !== 4) return false;
  if (t.sampleCount === 4 && (t.mipLevelCount !== 1 || t.dimension !== '2d' || t.depthOrArrayLayers !== 1)) return false;
  if (t.dimension === '1d') return t.width <= limits.max1D && t.height === 1 && t.depthOrArrayLayers === 1 && t.mipLevelCount === 1;
  if (t.dimension === '3d') {
    if (t.width > limits.max3D || t.height > limits.max3D || t.depthOrArrayLayers > limits.max3D) return false;
    return t.mipLevelCount <= Math.floor(Math.log2(Math.max(t.width, t.height, t.depthOrArrayLayers))) + 1;
  }
  if (t.width > limits.max2D || t.height > limits.max2D || t.depthOrArrayLayers > limits.maxLayers) return false;
  return t.mipLevelCount <= Math.floor(Math.log2(Math.max(t.width, t.height))) + 1;
}
