// Real libraries from npm render under the extension exactly as without it (same pixels), and our counts
// match what each library reports about itself: three.js renderer.info.memory (WebGL and WebGPU renderers),
// Babylon.js's texture cache and PixiJS's managed textures.
import { describe, expect, it } from 'vitest';
import type { Trace } from '../src/model/model';
import { exportTrace, pageResult, tabOf, useBrowser, usePlainBrowser, waitFor } from './helpers';

interface LibResult {
  error?: string;
  pixels: string;
  [k: string]: unknown;
}

describe('real libraries under the extension', () => {
  const env = useBrowser();
  const plain = usePlainBrowser();

  /** Renders `file` in both browsers; returns the library's report and our trace of the same page. */
  async function both(file: string, settled: (t: Trace, r: LibResult) => boolean): Promise<{ r: LibResult; t: Trace }> {
    const url = `${env.server.url}libs/${file}`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    await page.waitForFunction('window.__result !== undefined', null, { timeout: 60_000 });
    const r = (await page.evaluate('window.__result')) as LibResult;
    expect(r.error).toBeUndefined();
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => settled(x, r), `the trace of ${file}`);
    await page.close();
    const without = await pageResult<LibResult>(plain.context, url, '__result');
    expect(without.error).toBeUndefined();
    // No change in behaviour: the very same pixels with and without the extension.
    expect(r.pixels.length).toBeGreaterThan(100);
    expect(r.pixels).toBe(without.pixels);
    return { r, t };
  }

  it('three.js: counts match renderer.info.memory before and after dispose()', async () => {
    const { r, t } = await both('three.html', (x) => (x.summary.live['webgl.program']?.count ?? 0) > 0);
    const before = r.before as { geometries: number; textures: number; programs: number };
    const after = r.after as { geometries: number; textures: number };
    expect(before).toMatchObject({ geometries: 2, textures: 1 });
    expect(after).toMatchObject({ geometries: 1, textures: 0 });
    // three's WebGLState also makes four 1x1 RGBA "empty" textures (2D 4 B, cube 6 x 4 B, 2D array 4 B,
    // 3D 4 B = 36 B) that info.memory does not count; everything else must agree with three.
    const EMPTY = { count: 4, bytes: 36 };
    expect(t.summary.live['webgl.texture']).toEqual({ count: after.textures + EMPTY.count, bytes: EMPTY.bytes });
    // The page made and disposed of the DataTexture (8x8 RGBA8, 256 B) and the box's four buffers in one
    // task: they are reported as churn; the sphere's four buffers stay live.
    expect(t.summary.churned?.['webgl.texture']).toEqual({ count: before.textures, bytes: 256 });
    expect(t.summary.churned?.['webgl.buffer']?.count).toBe(4);
    expect(t.objects.filter((o) => o.kind === 'webgl.buffer' && o.releasedAt === null)).toHaveLength(4);
    expect(t.summary.live['webgl.program']?.count).toBe(before.programs);
  });

  it("Babylon.js: texture count matches the engine's texture cache", async () => {
    const { r, t } = await both('babylon.html', (x) => (x.summary.live['webgl.texture']?.count ?? 0) > 0);
    expect(r.textures as number).toBeGreaterThan(0);
    expect(t.summary.live['webgl.texture']?.count).toBe(r.textures);
  });

  it('three.js WebGPURenderer: the same pixels; textures and buffers equal renderer.info.memory', async () => {
    const { r, t } = await both('three-webgpu.html', (x) => (x.summary.live['webgpu.texture']?.count ?? 0) > 0);
    expect(r.backend).toBe(true);
    const m = r.memory as Record<string, number>;
    expect(m.geometries).toBe(2);
    // three's own books: textures (the DataTexture, the render target's colour and depth) and buffers
    // (vertex attributes, indices, uniforms); the trace holds exactly the same, count and bytes.
    expect(t.summary.live['webgpu.texture']).toEqual({ count: m.textures, bytes: m.texturesSize });
    expect(t.summary.live['webgpu.buffer']).toEqual({
      count: m.attributes! + m.indexAttributes! + m.uniformBuffers!,
      bytes: m.attributesSize! + m.indexAttributesSize! + m.uniformBuffersSize!,
    });
    expect(t.summary.live['webgpu.device']?.count).toBe(1);
  });

  it("PixiJS: texture count matches the renderer's managed textures", async () => {
    const { r, t } = await both('pixi.html', (x) => (x.summary.live['webgl.texture']?.count ?? 0) > 0);
    expect(r.textures as number).toBeGreaterThan(0);
    expect(t.summary.live['webgl.texture']?.count).toBe(r.textures);
  });
});
