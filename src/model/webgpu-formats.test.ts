import { describe, expect, it } from 'vitest';
import { gpuCanvasBytes, gpuTextureBytes } from './webgpu-formats';

const tex = (o: Partial<Parameters<typeof gpuTextureBytes>[0]>) =>
  gpuTextureBytes({ format: 'rgba8unorm', width: 1, height: 1, depthOrArrayLayers: 1, mipLevelCount: 1, sampleCount: 1, dimension: '2d', ...o });

// Hand-computed from the WebGPU spec's format table (texel block copy footprint) and mip rules.
describe('WebGPU texture bytes', () => {
  it('2D with a full mip chain', () => {
    // 64² rgba8: 4096 + 1024 + 256 + 64 + 16 + 4 + 1 = 5461 texels x 4
    expect(tex({ width: 64, height: 64, mipLevelCount: 7 })).toBe(21844);
    // 100x60 r16float, 3 levels: 6000 + 50x30 + 25x15 = 7875 texels x 2
    expect(tex({ format: 'r16float', width: 100, height: 60, mipLevelCount: 3 })).toBe(15750);
  });
  it('array layers stay, 3D depth halves', () => {
    // 2D array 16x16x6 rgba16float, 2 levels: (256 + 64) x 6 x 8
    expect(tex({ format: 'rgba16float', width: 16, height: 16, depthOrArrayLayers: 6, mipLevelCount: 2 })).toBe(15360);
    // 3D 16x16x8 r32float, 3 levels: 16*16*8 + 8*8*4 + 4*4*2 = 2048 + 256 + 32 = 2336 texels x 4
    expect(tex({ format: 'r32float', width: 16, height: 16, depthOrArrayLayers: 8, mipLevelCount: 3, dimension: '3d' })).toBe(9344);
  });
  it('sampleCount multiplies the texel count once', () => {
    // 64x32 bgra8 4x MSAA: 2048 x 4 x 4 = 32768 (not 64*4 x 32*4 x 4 = 131072)
    expect(tex({ format: 'bgra8unorm', width: 64, height: 32, sampleCount: 4 })).toBe(32768);
  });
  it('compressed formats by blocks', () => {
    // bc1 30x30, 2 levels: 8x8 blocks + 4x4 blocks (15x15) = 64 + 16 = 80 blocks x 8
    expect(tex({ format: 'bc1-rgba-unorm', width: 30, height: 30, mipLevelCount: 2 })).toBe(640);
    // astc 10x8 on 40x40: 4 x 5 blocks x 16
    expect(tex({ format: 'astc-10x8-unorm', width: 40, height: 40 })).toBe(320);
    expect(tex({ format: 'etc2-rgba8unorm', width: 8, height: 8 })).toBe(64);
  });
  it('depth formats (estimates where the spec leaves it open)', () => {
    expect(tex({ format: 'depth16unorm', width: 10, height: 10 })).toBe(200);
    expect(tex({ format: 'depth24plus-stencil8', width: 10, height: 10 })).toBe(400);
    expect(tex({ format: 'depth32float-stencil8', width: 10, height: 10 })).toBe(800);
  });
  it('1D textures have height 1 at every level; unknown formats are undefined', () => {
    expect(tex({ format: 'r8unorm', width: 256, height: 1, dimension: '1d' })).toBe(256);
    expect(tex({ format: 'no-such-format' })).toBeUndefined();
  });
  it('a canvas keeps two images', () => {
    expect(gpuCanvasBytes('bgra8unorm', 300, 150)).toBe(360_000);
    expect(gpuCanvasBytes('rgba16float', 10, 10)).toBe(1600);
  });
});
