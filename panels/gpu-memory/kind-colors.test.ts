import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/model/model';
import { kindColor } from './kind-colors';

describe('kindColor', () => {
  it('gives each kind that holds memory a colour of its own, WebGL and WebGPU together', () => {
    const memory = ['webgl.buffer', 'webgl.texture', 'webgl.renderbuffer', 'webgl.drawingBuffer', 'webgpu.buffer', 'webgpu.texture', 'webgpu.canvasTexture', 'webgpu.querySet'] as const;
    expect(new Set(memory.map(kindColor)).size).toBe(memory.length);
    // The kinds counted only never take one of those colours.
    const others = KINDS.filter((k) => !(memory as readonly string[]).includes(k));
    for (const k of others) expect(memory.map(kindColor)).not.toContain(kindColor(k));
    for (const k of KINDS) expect(kindColor(k)).toMatch(/^#[0-9a-f]{6}$/);
  });
});
