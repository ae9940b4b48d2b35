import { describe, expect, it } from 'vitest';
import { GL, renderbufferBytesFor, sizedFormatBytes, texelBytes, texImageTexelBytes } from './webgl-formats';

// Bytes per texel from the WebGL 1 format/type table and the ES 3.0 sized-format table 3.13.
describe('texelBytes', () => {
  it('unsized formats: components x type size', () => {
    expect(texelBytes(GL.RGBA, GL.RGBA, GL.UNSIGNED_BYTE)).toBe(4);
    expect(texelBytes(GL.RGB, GL.RGB, GL.UNSIGNED_BYTE)).toBe(3); // not padded to 4
    expect(texelBytes(GL.LUMINANCE_ALPHA, GL.LUMINANCE_ALPHA, GL.UNSIGNED_BYTE)).toBe(2);
    expect(texelBytes(GL.LUMINANCE, GL.LUMINANCE, GL.UNSIGNED_BYTE)).toBe(1);
    expect(texelBytes(GL.ALPHA, GL.ALPHA, GL.UNSIGNED_BYTE)).toBe(1);
    expect(texelBytes(GL.RGBA, GL.RGBA, GL.FLOAT)).toBe(16); // OES_texture_float
    expect(texelBytes(GL.RGB, GL.RGB, GL.HALF_FLOAT_OES)).toBe(6); // OES_texture_half_float
    expect(texelBytes(GL.LUMINANCE, GL.LUMINANCE, GL.FLOAT)).toBe(4);
  });
  it('packed types are the whole texel', () => {
    expect(texelBytes(GL.RGBA, GL.RGBA, GL.UNSIGNED_SHORT_4_4_4_4)).toBe(2);
    expect(texelBytes(GL.RGBA, GL.RGBA, GL.UNSIGNED_SHORT_5_5_5_1)).toBe(2);
    expect(texelBytes(GL.RGB, GL.RGB, GL.UNSIGNED_SHORT_5_6_5)).toBe(2);
  });
  it('depth textures (WEBGL_depth_texture)', () => {
    expect(texelBytes(GL.DEPTH_COMPONENT, GL.DEPTH_COMPONENT, GL.UNSIGNED_SHORT)).toBe(2);
    expect(texelBytes(GL.DEPTH_COMPONENT, GL.DEPTH_COMPONENT, GL.UNSIGNED_INT)).toBe(4);
    expect(texelBytes(GL.DEPTH_STENCIL, GL.DEPTH_STENCIL, GL.UNSIGNED_INT_24_8)).toBe(4);
  });
  it('a sized internal format decides alone', () => {
    expect(texelBytes(GL.RGBA8, GL.RGBA, GL.UNSIGNED_BYTE)).toBe(4);
    expect(texelBytes(GL.RGBA16F, GL.RGBA, GL.HALF_FLOAT)).toBe(8);
    expect(texelBytes(GL.RGBA16F, GL.RGBA, GL.FLOAT)).toBe(8);
    expect(texelBytes(GL.R8, GL.RED, GL.UNSIGNED_BYTE)).toBe(1);
  });
  it('unknown combinations are undefined, not guessed', () => {
    expect(texelBytes(0x1234, 0x1234, GL.UNSIGNED_BYTE)).toBeUndefined();
    expect(texelBytes(GL.RGBA, GL.RGBA, 0x9999)).toBeUndefined();
    expect(texelBytes(0x1234, GL.RGBA, GL.UNSIGNED_BYTE)).toBeUndefined(); // bad internalformat, good format
    expect(texelBytes(GL.RGB, GL.RGBA, GL.UNSIGNED_BYTE)).toBeUndefined(); // unsized must match format
  });
});

describe('sizedFormatBytes', () => {
  it.each([
    [0x8229, 1], // R8
    [0x822f, 4], // RG16F
    [0x8051, 3], // RGB8
    [0x8c3a, 4], // R11F_G11F_B10F
    [0x8c3d, 4], // RGB9_E5
    [0x8815, 12], // RGB32F
    [0x8814, 16], // RGBA32F
    [0x8059, 4], // RGB10_A2
    [0x8d62, 2], // RGB565
    [0x81a5, 2], // DEPTH_COMPONENT16
    [0x88f0, 4], // DEPTH24_STENCIL8
    [0x8cad, 8], // DEPTH32F_STENCIL8
  ])('0x%s is %i bytes', (fmt, bytes) => {
    expect(sizedFormatBytes(fmt)).toBe(bytes);
  });
  it('an unsized enum is not a sized format', () => {
    expect(sizedFormatBytes(GL.RGBA)).toBeUndefined();
  });
});

describe('per-API format checks (what Chromium accepted or rejected with getError in e2e/webgl-diff)', () => {
  const none = new Set<string>();
  it('WebGL 2 unsized formats take only bytes and packed 16-bit types', () => {
    expect(texImageTexelBytes(true, none, GL.RGBA, GL.RGBA, GL.UNSIGNED_BYTE)).toBe(4);
    expect(texImageTexelBytes(true, none, GL.RGB, GL.RGB, GL.UNSIGNED_SHORT_5_6_5)).toBe(2);
    expect(texImageTexelBytes(true, none, GL.RGBA, GL.RGBA, GL.FLOAT)).toBeUndefined(); // INVALID_OPERATION
    expect(texImageTexelBytes(true, none, GL.RGBA, GL.RGBA, GL.HALF_FLOAT)).toBeUndefined();
    expect(texImageTexelBytes(true, none, GL.DEPTH_COMPONENT, GL.DEPTH_COMPONENT, GL.UNSIGNED_SHORT)).toBeUndefined(); // INVALID_VALUE
    expect(texImageTexelBytes(true, none, GL.RGBA32F, GL.RGBA, GL.FLOAT)).toBe(16);
  });
  it('WebGL 1 needs the extension for float, half float, depth and sRGB', () => {
    expect(texImageTexelBytes(false, none, GL.RGBA, GL.RGBA, GL.FLOAT)).toBeUndefined();
    expect(texImageTexelBytes(false, new Set(['oes_texture_float']), GL.RGBA, GL.RGBA, GL.FLOAT)).toBe(16);
    expect(texImageTexelBytes(false, new Set(['oes_texture_half_float']), GL.RGB, GL.RGB, GL.HALF_FLOAT_OES)).toBe(6);
    expect(texImageTexelBytes(false, none, GL.DEPTH_COMPONENT, GL.DEPTH_COMPONENT, GL.UNSIGNED_INT)).toBeUndefined();
    expect(texImageTexelBytes(false, new Set(['webgl_depth_texture']), GL.DEPTH_COMPONENT, GL.DEPTH_COMPONENT, GL.UNSIGNED_INT)).toBe(4);
    expect(texImageTexelBytes(false, none, GL.RGBA8, GL.RGBA, GL.UNSIGNED_BYTE)).toBeUndefined(); // no sized formats
  });
  it('sized formats need their own format and one of their types', () => {
    expect(texelBytes(GL.RGBA8, GL.RGB, GL.UNSIGNED_BYTE)).toBeUndefined();
    expect(texelBytes(GL.R11F_G11F_B10F, GL.RGB, GL.FLOAT)).toBe(4);
    expect(texelBytes(GL.DEPTH32F_STENCIL8, GL.DEPTH_STENCIL, GL.FLOAT_32_UNSIGNED_INT_24_8_REV)).toBe(8);
  });
  it('renderbuffer formats per API', () => {
    expect(renderbufferBytesFor(false, none, GL.DEPTH_STENCIL)).toBe(4);
    expect(renderbufferBytesFor(false, none, GL.RGBA8)).toBeUndefined();
    expect(renderbufferBytesFor(true, none, GL.RGBA8)).toBe(4);
    expect(renderbufferBytesFor(true, none, GL.RGBA32F)).toBeUndefined();
    expect(renderbufferBytesFor(true, new Set(['ext_color_buffer_float']), GL.RGBA32F)).toBe(16);
    expect(renderbufferBytesFor(true, new Set(['ext_color_buffer_float']), GL.RGB32F)).toBeUndefined();
    expect(renderbufferBytesFor(true, none, GL.R32UI)).toBe(4);
  });
});
