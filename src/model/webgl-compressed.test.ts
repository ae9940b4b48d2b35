import { describe, expect, it } from 'vitest';
import { compressedFormat, compressedImageBytes } from './webgl-compressed';

const bytes = (fmt: number, w: number, h: number, d = 1): number => compressedImageBytes(compressedFormat(fmt)!, w, h, d);

// Expected values by the block arithmetic of each extension spec, worked out by hand.
describe('compressed image bytes', () => {
  it('S3TC DXT1 is 8 bytes per 4x4 block, DXT5 16', () => {
    expect(bytes(0x83f0, 256, 256)).toBe(64 * 64 * 8); // 32768
    expect(bytes(0x83f3, 256, 256)).toBe(64 * 64 * 16); // 65536
    expect(bytes(0x83f1, 5, 3)).toBe(2 * 1 * 8); // partial blocks round up: 16
    expect(bytes(0x83f0, 1, 1)).toBe(8);
  });
  it('sRGB S3TC, RGTC, BPTC, ETC1, ETC2/EAC', () => {
    expect(bytes(0x8c4f, 64, 64)).toBe(16 * 16 * 16); // 4096
    expect(bytes(0x8dbb, 64, 64)).toBe(16 * 16 * 8); // RGTC1: 2048
    expect(bytes(0x8dbe, 64, 64)).toBe(4096); // RGTC2
    expect(bytes(0x8e8c, 30, 30)).toBe(8 * 8 * 16); // BPTC: 1024
    expect(bytes(0x8d64, 16, 8)).toBe(4 * 2 * 8); // ETC1: 64
    expect(bytes(0x9270, 16, 16)).toBe(16 * 8); // R11_EAC: 128
    expect(bytes(0x9278, 16, 16)).toBe(16 * 16); // RGBA8_ETC2_EAC: 256
  });
  it('ASTC is 16 bytes per block at every footprint', () => {
    expect(bytes(0x93b0, 64, 64)).toBe(16 * 16 * 16); // 4x4: 4096
    expect(bytes(0x93b7, 64, 64)).toBe(8 * 8 * 16); // 8x8: 1024
    expect(bytes(0x93bd, 64, 64)).toBe(6 * 6 * 16); // 12x12: ceil(64/12)=6 -> 576
    expect(bytes(0x93b8, 64, 64)).toBe(7 * 13 * 16); // 10x5: 1456
    expect(bytes(0x93dd, 24, 24)).toBe(2 * 2 * 16); // SRGB8_ALPHA8 12x12: 64
  });
  it('PVRTC pads to its minimum size', () => {
    expect(bytes(0x8c00, 4, 4)).toBe(32); // 8*8*4/8
    expect(bytes(0x8c02, 64, 64)).toBe(2048); // 64*64/2
    expect(bytes(0x8c01, 4, 4)).toBe(32); // 16*8*2/8
    expect(bytes(0x8c03, 64, 32)).toBe(512); // 64*32/4
  });
  it('3D and array images multiply by depth', () => {
    expect(bytes(0x9274, 8, 8, 3)).toBe(2 * 2 * 8 * 3); // 96
  });
  it('unknown enums are not formats', () => {
    expect(compressedFormat(0x1908)).toBeUndefined();
  });
});
