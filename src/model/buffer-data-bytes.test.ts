import { describe, expect, it } from 'vitest';
import { bufferDataBytes } from './buffer-data-bytes';

const T = 0x8892; // ARRAY_BUFFER
const U = 0x88e4; // STATIC_DRAW

describe('bufferDataBytes', () => {
  it('takes a size', () => {
    expect(bufferDataBytes([T, 1024, U])).toBe(1024);
    expect(bufferDataBytes([T, 0, U])).toBe(0);
    expect(bufferDataBytes([T, 10.9, U])).toBe(10); // GLsizeiptr conversion truncates
  });
  it('rejects what the GL rejects', () => {
    expect(bufferDataBytes([T, -1, U])).toBeUndefined();
    expect(bufferDataBytes([T, null, U])).toBeUndefined();
    expect(bufferDataBytes([T, {}, U])).toBeUndefined();
  });
  it('takes ArrayBuffer and views by byte length', () => {
    expect(bufferDataBytes([T, new ArrayBuffer(48), U])).toBe(48);
    expect(bufferDataBytes([T, new Float32Array(100), U])).toBe(400);
    expect(bufferDataBytes([T, new Uint16Array(new ArrayBuffer(64), 8, 4), U])).toBe(8);
  });
  it('counts WebGL 2 srcOffset and length in elements', () => {
    expect(bufferDataBytes([T, new Float32Array(100), U, 10, 20])).toBe(80);
    expect(bufferDataBytes([T, new Float32Array(100), U, 10])).toBe(360); // 90 floats to the end
    expect(bufferDataBytes([T, new Float32Array(100), U, 10, 0])).toBe(360); // length 0 means "to the end"
    expect(bufferDataBytes([T, new DataView(new ArrayBuffer(10)), U, 2, 3])).toBe(3);
  });
  it('rejects an offset or length past the end', () => {
    expect(bufferDataBytes([T, new Float32Array(100), U, 101])).toBeUndefined();
    expect(bufferDataBytes([T, new Float32Array(100), U, 90, 11])).toBeUndefined();
  });
});
