import { describe, expect, it } from 'vitest';
import { GL } from './webgl-formats';
import { clientPixelBytes, unpackMinBytes, viewFitsType } from './webgl-unpack';

describe('client pixel bytes', () => {
  it('components x type, packed types whole', () => {
    expect(clientPixelBytes(GL.RGBA, GL.UNSIGNED_BYTE)).toBe(4);
    expect(clientPixelBytes(GL.RGB, GL.FLOAT)).toBe(12);
    expect(clientPixelBytes(GL.RGB, GL.UNSIGNED_SHORT_5_6_5)).toBe(2);
    expect(clientPixelBytes(GL.RG_INTEGER, GL.UNSIGNED_INT)).toBe(8);
    expect(clientPixelBytes(GL.DEPTH_STENCIL, GL.UNSIGNED_INT_24_8)).toBe(4);
  });
});

describe('unpack minimum bytes', () => {
  it('pads every row but the last to the alignment', () => {
    // RGB8 3x2 at align 4: row 9 B, stride 12 -> 12 + 9 = 21
    expect(unpackMinBytes(3, 2, 1, 3, 4)).toBe(21);
    expect(unpackMinBytes(3, 2, 1, 3, 1)).toBe(18);
    // 16x16 RGBA8: rows already aligned -> 1024
    expect(unpackMinBytes(16, 16, 1, 4, 4)).toBe(1024);
    // 3D: 5x1x3 LUMINANCE at align 8: rows of 5 B, stride 8, 3 rows -> 8*2 + 5 = 21
    expect(unpackMinBytes(5, 1, 3, 1, 8)).toBe(21);
    expect(unpackMinBytes(0, 5, 1, 4, 4)).toBe(0);
  });
});

describe('view types', () => {
  it('match the pixel type', () => {
    expect(viewFitsType(new Uint8Array(4), GL.UNSIGNED_BYTE)).toBe(true);
    expect(viewFitsType(new Uint8ClampedArray(4), GL.UNSIGNED_BYTE)).toBe(true);
    expect(viewFitsType(new Float32Array(4), GL.UNSIGNED_BYTE)).toBe(false);
    expect(viewFitsType(new Uint16Array(4), GL.HALF_FLOAT)).toBe(true);
    expect(viewFitsType(new Uint16Array(4), GL.UNSIGNED_SHORT_5_6_5)).toBe(true);
    expect(viewFitsType(new Uint32Array(4), GL.UNSIGNED_INT_24_8)).toBe(true);
    expect(viewFitsType(new DataView(new ArrayBuffer(4)), GL.UNSIGNED_BYTE)).toBe(false);
    expect(viewFitsType(new Float32Array(4), GL.FLOAT_32_UNSIGNED_INT_24_8_REV)).toBe(false);
  });
});
