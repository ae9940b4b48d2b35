import { describe, expect, it } from 'vitest';
import { drawingBufferBytes, fullMipLevels, mipChainBytes, mipSize } from './webgl-sizes';

// Expected values are worked out by hand from GL ES 3.0 §3.8.14 (level size = max(1, floor(size / 2^l))).
describe('mip chains', () => {
  it('halves with floor, never below 1', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((l) => mipSize(100, l))).toEqual([100, 50, 25, 12, 6, 3, 1, 1]);
    expect(mipSize(1, 3)).toBe(1);
  });
  it('counts levels as floor(log2(max(w, h))) + 1', () => {
    expect(fullMipLevels(1, 1)).toBe(1);
    expect(fullMipLevels(64, 64)).toBe(7);
    expect(fullMipLevels(100, 30)).toBe(7);
    expect(fullMipLevels(1024, 1)).toBe(11);
    expect(fullMipLevels(0, 0)).toBe(0);
  });
  it('sums a 64x64 RGBA8 chain: 4 * (4096 + 1024 + 256 + 64 + 16 + 4 + 1)', () => {
    expect(mipChainBytes(64, 64, 7, 4)).toBe(21844);
  });
  it('sums a non-power-of-two chain: 100x30 RGBA8', () => {
    // 100x30 + 50x15 + 25x7 + 12x3 + 6x1 + 3x1 + 1x1 = 3000 + 750 + 175 + 36 + 6 + 3 + 1 = 3971 texels
    expect(mipChainBytes(100, 30, 7, 4)).toBe(3971 * 4);
  });
  it('multiplies by six faces for a cube map', () => {
    // 16x16 RGB8, level 0 only: 256 texels * 3 B * 6 faces
    expect(mipChainBytes(16, 16, 1, 3, 6)).toBe(4608);
  });
});

describe('drawing buffer', () => {
  const base = { width: 300, height: 150, depth: false, stencil: false, antialias: false, samples: 0, preserveDrawingBuffer: false };
  it('is front + back RGBA8 without antialias or depth', () => {
    expect(drawingBufferBytes(base)).toBe(2 * 45000 * 4);
  });
  it('adds a D24S8 buffer for depth or stencil', () => {
    expect(drawingBufferBytes({ ...base, depth: true })).toBe(2 * 45000 * 4 + 45000 * 4);
    expect(drawingBufferBytes({ ...base, stencil: true })).toBe(2 * 45000 * 4 + 45000 * 4);
  });
  it('adds a multisampled colour buffer and multisamples depth with 4x antialias', () => {
    // 360000 (two RGBA8 images) + 45000 * 4 B * 4 samples (MSAA colour) + 45000 * 4 B * 4 (MSAA depth)
    expect(drawingBufferBytes({ ...base, antialias: true, samples: 4, depth: true })).toBe(1_800_000);
  });
  it('ignores samples when antialias is off, and antialias when samples is 1', () => {
    expect(drawingBufferBytes({ ...base, samples: 4 })).toBe(360_000);
    expect(drawingBufferBytes({ ...base, antialias: true, samples: 1 })).toBe(360_000);
  });
  it('is zero for a zero-sized canvas', () => {
    expect(drawingBufferBytes({ ...base, width: 0 })).toBe(0);
  });
});

describe('drawing buffer colour formats and 3D mips', () => {
  it('drawingBufferStorage(RGBA16F) doubles colour, not depth', async () => {
    const { drawingBufferBytes: db } = await import('./webgl-sizes');
    // 100x50 = 5000 px: 2 colour images x 8 B + D24S8 4 B = 5000 * 20 = 100000
    expect(db({ width: 100, height: 50, depth: true, stencil: false, antialias: false, samples: 0, preserveDrawingBuffer: false, colorBytes: 8 })).toBe(100_000);
  });
  it('3D chains count depth, 64x16x128 has 8 levels', async () => {
    const { fullMipLevels3 } = await import('./webgl-sizes');
    expect(fullMipLevels3(64, 16, 128)).toBe(8);
    expect(fullMipLevels3(1, 1, 1)).toBe(1);
  });
});
