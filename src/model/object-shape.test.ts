import { describe, expect, it } from 'vitest';
import { flagNames, glEnumName, parseShape, shapeRows } from './object-shape';

describe('parseShape', () => {
  it('reads a WebGPU texture: usage 6 is COPY_DST (2) and TEXTURE_BINDING (4)', () => {
    expect(parseShape('f=rgba8unorm t=2d w=64 h=32 d=1 m=4 s=1 v=6')).toEqual({
      format: 'rgba8unorm', dimension: '2d', width: 64, height: 32, depthOrLayers: 1, mipLevels: 4, samples: 1, usage: 'COPY_DST | TEXTURE_BINDING',
    });
  });

  it('reads WebGPU buffer usage 0x28 as COPY_DST (8) and VERTEX (0x20), and a query set', () => {
    expect(parseShape('u=40')).toEqual({ usage: 'COPY_DST | VERTEX' });
    expect(parseShape('q=timestamp n=2')).toEqual({ queryType: 'timestamp', count: 2 });
  });

  it('names WebGL enums: 0x8058 RGBA8, 0x8C1A TEXTURE_2D_ARRAY, 0x8893 ELEMENT_ARRAY_BUFFER, 0x88E8 DYNAMIC_DRAW', () => {
    expect(parseShape('T=35866 F=32856 w=16 h=16 d=4 m=3 i=1')).toEqual({
      format: 'RGBA8', dimension: '2d-array', width: 16, height: 16, depthOrLayers: 4, mipLevels: 3, immutable: true,
    });
    expect(parseShape('B=34963 U=35048')).toEqual({ target: 'ELEMENT_ARRAY_BUFFER', usage: 'DYNAMIC_DRAW' });
    // 0x8513 is TEXTURE_CUBE_MAP; a format the table has no name for keeps its hex value (0x83F0, DXT1).
    expect(parseShape('T=34067 F=33776')).toEqual({ dimension: 'cube', format: '0x83f0' });
  });

  it('leaves out words that are not well formed, and keeps the rest', () => {
    expect(parseShape('w=-1 h=1.5 d=1e3 m=99999999999 f=<b>x</b> t=4d T=1 q=Occlusion w=7 s= =3 x=1 ww=2 i=2')).toEqual({ width: 7 });
    expect(parseShape('')).toEqual({});
    expect(parseShape(`f=${'a'.repeat(70)}`)).toEqual({});
  });
});

describe('flagNames and glEnumName', () => {
  it('lists bits no name covers in hex', () => {
    expect(flagNames(0x401, [[1, 'A']])).toBe('A | 0x400');
    expect(flagNames(0, [[1, 'A']])).toBe('');
    expect(glEnumName(0x1908)).toBe('RGBA');
    expect(glEnumName(0x1)).toBe('0x1');
  });
});

describe('shapeRows', () => {
  it('writes dimensions by dimension: layers for arrays, a third size for 3D, none for a single 2D layer', () => {
    expect(shapeRows({ format: 'RGBA16F', dimension: '2d-array', width: 16, height: 16, depthOrLayers: 4, mipLevels: 3, immutable: true })).toEqual([
      ['dimensions', '16 × 16, 4 layers (2d-array)'], ['format', 'RGBA16F'], ['mip levels', '3 (immutable storage)'],
    ]);
    expect(shapeRows({ dimension: '3d', width: 8, height: 8, depthOrLayers: 8, samples: 1, usage: 'STORAGE_BINDING' })).toEqual([
      ['dimensions', '8 × 8 × 8 (3d)'], ['samples', '1'], ['usage', 'STORAGE_BINDING'],
    ]);
    expect(shapeRows({ width: 32, height: 16, depthOrLayers: 1, format: 'RGBA8', samples: 4 })).toEqual([
      ['dimensions', '32 × 16'], ['format', 'RGBA8'], ['samples', '4'],
    ]);
    expect(shapeRows({ target: 'ARRAY_BUFFER', usage: 'STATIC_DRAW' })).toEqual([['bound as', 'ARRAY_BUFFER'], ['usage', 'STATIC_DRAW']]);
    expect(shapeRows({ queryType: 'occlusion', count: 16 })).toEqual([['query type', 'occlusion'], ['queries', '16']]);
  });
});
