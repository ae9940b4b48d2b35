// Cases worked from the specs' rules with the WebGPU default limits (8192 for 1D and 2D, 2048 for 3D, 256
// layers) and WebGL limits of a typical context (MAX_TEXTURE_SIZE 4096, cube 2048, 3D 256, 256 layers).
import { describe, expect, it } from 'vitest';
import { glLevelFits, GLTextureShape as S, gpuTextureValid, isPow2 } from './texture-validation';

const GL_LIMITS = { maxTexture: 4096, maxCube: 2048, max3D: 256, maxLayers: 256 };
const GPU_LIMITS = { max1D: 8192, max2D: 8192, max3D: 2048, maxLayers: 256 };
const tex = (o: Partial<Parameters<typeof gpuTextureValid>[1]>) => ({ width: 64, height: 64, depthOrArrayLayers: 1, mipLevelCount: 1, sampleCount: 1, dimension: '2d', ...o });
const USAGE = 4; // TEXTURE_BINDING

describe('glLevelFits', () => {
  it('accepts a level whose size fits max >> level', () => {
    expect(glLevelFits(GL_LIMITS, S.Tex2D, true, 0, 4096, 4096, 1)).toBe(true);
    // Level 2 of a 4096 texture allows 1024: 4096 >> 2.
    expect(glLevelFits(GL_LIMITS, S.Tex2D, true, 2, 1024, 1024, 1)).toBe(true);
    expect(glLevelFits(GL_LIMITS, S.Tex2D, true, 2, 1025, 1, 1)).toBe(false);
    // 4096 >> 12 = 1, >> 13 = 0: level 13 is past log2(max).
    expect(glLevelFits(GL_LIMITS, S.Tex2D, true, 12, 1, 1, 1)).toBe(true);
    expect(glLevelFits(GL_LIMITS, S.Tex2D, true, 13, 1, 1, 1)).toBe(false);
  });
  it('rejects negative or fractional levels and negative sizes', () => {
    expect(glLevelFits(GL_LIMITS, S.Tex2D, true, -1, 1, 1, 1)).toBe(false);
    expect(glLevelFits(GL_LIMITS, S.Tex2D, true, 0.5, 1, 1, 1)).toBe(false);
    expect(glLevelFits(GL_LIMITS, S.Tex2D, true, 0, -1, 1, 1)).toBe(false);
    expect(glLevelFits(GL_LIMITS, S.Tex2D, true, 40, 0, 0, 1)).toBe(false);
  });
  it('holds cube faces square and to the cube limit, 3D depth to the 3D limit, arrays to the layer limit', () => {
    expect(glLevelFits(GL_LIMITS, S.Cube, true, 0, 2048, 2048, 1)).toBe(true);
    expect(glLevelFits(GL_LIMITS, S.Cube, true, 0, 4096, 4096, 1)).toBe(false);
    expect(glLevelFits(GL_LIMITS, S.Cube, true, 0, 64, 32, 1)).toBe(false);
    expect(glLevelFits(GL_LIMITS, S.Tex3D, true, 0, 256, 256, 256)).toBe(true);
    expect(glLevelFits(GL_LIMITS, S.Tex3D, true, 1, 128, 128, 129)).toBe(false);
    expect(glLevelFits(GL_LIMITS, S.Array, true, 0, 4096, 4096, 256)).toBe(true);
    expect(glLevelFits(GL_LIMITS, S.Array, true, 0, 16, 16, 257)).toBe(false);
  });
  it('refuses WebGL 1 mipmap levels of non-power-of-two images, not level 0', () => {
    expect(glLevelFits(GL_LIMITS, S.Tex2D, false, 0, 100, 60, 1)).toBe(true);
    expect(glLevelFits(GL_LIMITS, S.Tex2D, false, 1, 50, 30, 1)).toBe(false);
    expect(glLevelFits(GL_LIMITS, S.Tex2D, false, 1, 64, 32, 1)).toBe(true);
    expect(glLevelFits(GL_LIMITS, S.Tex2D, true, 1, 50, 30, 1)).toBe(true);
  });
  it('knows powers of two', () => {
    expect([0, 1, 2, 3, 64, 96, 1024].map(isPow2)).toEqual([false, true, true, false, true, false, true]);
  });
});

describe('gpuTextureValid', () => {
  it('accepts a plain 2D texture and refuses no usage or an empty size', () => {
    expect(gpuTextureValid(GPU_LIMITS, tex({}), USAGE)).toBe(true);
    expect(gpuTextureValid(GPU_LIMITS, tex({}), 0)).toBe(false);
    expect(gpuTextureValid(GPU_LIMITS, tex({ width: 0 }), USAGE)).toBe(false);
    expect(gpuTextureValid(GPU_LIMITS, tex({ mipLevelCount: 0 }), USAGE)).toBe(false);
  });
  it('allows mip levels up to floor(log2(max(w, h))) + 1: 7 for 64x64, 8 for 200x100', () => {
    expect(gpuTextureValid(GPU_LIMITS, tex({ mipLevelCount: 7 }), USAGE)).toBe(true);
    expect(gpuTextureValid(GPU_LIMITS, tex({ mipLevelCount: 8 }), USAGE)).toBe(false);
    expect(gpuTextureValid(GPU_LIMITS, tex({ width: 200, height: 100, mipLevelCount: 8 }), USAGE)).toBe(true);
    expect(gpuTextureValid(GPU_LIMITS, tex({ width: 200, height: 100, mipLevelCount: 9 }), USAGE)).toBe(false);
  });
  it('allows sample counts 1 and 4, and 4 only for single-level, single-layer 2D textures', () => {
    expect(gpuTextureValid(GPU_LIMITS, tex({ sampleCount: 4 }), USAGE)).toBe(true);
    expect(gpuTextureValid(GPU_LIMITS, tex({ sampleCount: 2 }), USAGE)).toBe(false);
    expect(gpuTextureValid(GPU_LIMITS, tex({ sampleCount: 4, mipLevelCount: 2 }), USAGE)).toBe(false);
    expect(gpuTextureValid(GPU_LIMITS, tex({ sampleCount: 4, depthOrArrayLayers: 2 }), USAGE)).toBe(false);
  });
  it('holds 1D textures to one row, one layer and one level within maxTextureDimension1D', () => {
    expect(gpuTextureValid(GPU_LIMITS, tex({ dimension: '1d', width: 8192, height: 1 }), USAGE)).toBe(true);
    expect(gpuTextureValid(GPU_LIMITS, tex({ dimension: '1d', width: 8193, height: 1 }), USAGE)).toBe(false);
    expect(gpuTextureValid(GPU_LIMITS, tex({ dimension: '1d', width: 64, height: 2 }), USAGE)).toBe(false);
    expect(gpuTextureValid(GPU_LIMITS, tex({ dimension: '1d', width: 64, height: 1, mipLevelCount: 2 }), USAGE)).toBe(false);
  });
  it('holds 3D textures to maxTextureDimension3D on every axis, with levels from the largest axis', () => {
    expect(gpuTextureValid(GPU_LIMITS, tex({ dimension: '3d', width: 2048, height: 2048, depthOrArrayLayers: 2048 }), USAGE)).toBe(true);
    expect(gpuTextureValid(GPU_LIMITS, tex({ dimension: '3d', width: 16, height: 16, depthOrArrayLayers: 2049 }), USAGE)).toBe(false);
    // max(4, 4, 64) = 64: 7 levels.
    expect(gpuTextureValid(GPU_LIMITS, tex({ dimension: '3d', width: 4, height: 4, depthOrArrayLayers: 64, mipLevelCount: 7 }), USAGE)).toBe(true);
  });
  it('holds 2D sizes to maxTextureDimension2D and layers to maxTextureArrayLayers', () => {
    expect(gpuTextureValid(GPU_LIMITS, tex({ width: 8192, height: 8192 }), USAGE)).toBe(true);
    expect(gpuTextureValid(GPU_LIMITS, tex({ width: 8193 }), USAGE)).toBe(false);
    expect(gpuTextureValid(GPU_LIMITS, tex({ depthOrArrayLayers: 256 }), USAGE)).toBe(true);
    expect(gpuTextureValid(GPU_LIMITS, tex({ depthOrArrayLayers: 257 }), USAGE)).toBe(false);
  });
});
