// Object shapes: format, dimensions, mip levels, samples and usage of WebGL 2 and WebGPU objects of known
// shapes (e2e/fixtures/shapes.html), in the trace and in the panel's object details, and a shape that the
// page changes in a later task (a buffer filled again with another usage, a texture's level 0 replaced).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Trace, TraceObject } from '../src/model/model';
import { exportTrace, openPanel, tabOf, useBrowser, waitFor } from './helpers';

describe('object shapes', () => {
  const env = useBrowser();
  let trace: Trace;
  let tabId: number;

  const byLabel = (label: string): TraceObject => trace.objects.find((o) => o.label === label)!;
  /** The WebGL objects in creation order, by kind (ids grow with creation). */
  const gl = (kind: string): TraceObject[] =>
    trace.objects.filter((o) => o.kind === kind).sort((a, b) => Number(a.id.split('-').pop()) - Number(b.id.split('-').pop()));

  it('records each object\'s shape, and the shape it changed to', async () => {
    const url = `${env.server.url}shapes.html`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    await page.waitForFunction('window.__done === true', null, { timeout: 60_000 });
    // The WebGPU suites run on SwiftShader here: an adapter is expected.
    expect(await page.evaluate('window.__webgpu')).toBe(true);
    tabId = await tabOf(env.h, url);
    trace = await waitFor(() => exportTrace(env.h, tabId), (t) => t.objects.some((o) => o.label === 'occlusion'), 'the objects');

    const [t2d, tArr, cube] = gl('webgl.texture');
    // Level 0 became R8 128x64 in the later task; the 6 levels generateMipmap made below it stay.
    expect(t2d!.shape).toEqual({ format: 'R8', dimension: '2d', width: 128, height: 64, depthOrLayers: 1, mipLevels: 7 });
    expect(tArr!.shape).toEqual({ format: 'RGBA16F', dimension: '2d-array', width: 16, height: 16, depthOrLayers: 4, mipLevels: 3, immutable: true });
    expect(cube!.shape).toEqual({ format: 'RGBA', dimension: 'cube', width: 8, height: 8, depthOrLayers: 1, mipLevels: 1 });
    const [ibo, vbo] = gl('webgl.buffer');
    expect(ibo!.shape).toEqual({ target: 'ELEMENT_ARRAY_BUFFER', usage: 'STATIC_DRAW' });
    expect(vbo!.shape).toEqual({ target: 'ARRAY_BUFFER', usage: 'DYNAMIC_DRAW' });
    expect(gl('webgl.renderbuffer')[0]!.shape).toEqual({ format: 'RGBA8', width: 32, height: 16, samples: 4 });
    expect(gl('webgl.drawingBuffer')[0]!.shape).toEqual({ format: 'RGBA8', width: 8, height: 4, samples: 1 });

    // Each shape event in order: the texture's first shape (RGBA8 64x32, 7 levels) came with its Create.
    const shapes = (id: string) => trace.events.filter((e) => e.op === 'shape' && e.id === id).map((e) => (e as { shape: unknown }).shape);
    expect(shapes(t2d!.id)).toEqual([
      { format: 'RGBA8', dimension: '2d', width: 64, height: 32, depthOrLayers: 1, mipLevels: 7 },
      { format: 'R8', dimension: '2d', width: 128, height: 64, depthOrLayers: 1, mipLevels: 7 },
    ]);
    expect(shapes(vbo!.id)).toEqual([{ target: 'ARRAY_BUFFER', usage: 'STATIC_DRAW' }, { target: 'ARRAY_BUFFER', usage: 'DYNAMIC_DRAW' }]);
    // Six faces uploaded one by one send one shape: the same words are not sent twice.
    expect(shapes(cube!.id)).toHaveLength(1);

    expect(byLabel('shaped texture').shape).toEqual({
      format: 'rgba8unorm', dimension: '2d', width: 64, height: 32, depthOrLayers: 1, mipLevels: 4, samples: 1, usage: 'COPY_DST | TEXTURE_BINDING',
    });
    expect(byLabel('msaa target').shape).toEqual({
      format: 'bgra8unorm', dimension: '2d', width: 16, height: 16, depthOrLayers: 1, mipLevels: 1, samples: 4, usage: 'RENDER_ATTACHMENT',
    });
    expect(byLabel('volume').shape).toEqual({
      format: 'r32float', dimension: '3d', width: 8, height: 8, depthOrLayers: 8, mipLevels: 1, samples: 1, usage: 'STORAGE_BINDING',
    });
    expect(byLabel('vertices').shape).toEqual({ usage: 'COPY_DST | VERTEX' });
    expect(byLabel('occlusion').shape).toEqual({ queryType: 'occlusion', count: 16 });
  }, 90_000);

  async function details(panel: Page, id: string): Promise<Record<string, string>> {
    // The id as text filter also finds longer ids that start with it: the row is chosen by its id.
    await panel.fill('[data-testid=objects-filter]', id);
    await panel.locator(`[data-testid=objects] tr[data-id="${id}"]`).click();
    const d = panel.locator(`[data-testid=details][data-id="${id}"]`);
    await d.waitFor();
    const rows = await d.evaluate((el) => {
      const out: Record<string, string> = {};
      for (const dt of el.querySelectorAll('dt')) out[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? '';
      return out;
    });
    await panel.keyboard.press('Escape');
    await d.waitFor({ state: 'detached' });
    return rows;
  }

  it('shows the shape in the object details', async () => {
    const panel = await openPanel(env.h, tabId);
    const arr = await details(panel, gl('webgl.texture')[1]!.id);
    expect(arr).toMatchObject({ dimensions: '16 × 16, 4 layers (2d-array)', format: 'RGBA16F', 'mip levels': '3 (immutable storage)' });
    const rb = await details(panel, gl('webgl.renderbuffer')[0]!.id);
    expect(rb).toMatchObject({ dimensions: '32 × 16', format: 'RGBA8', samples: '4' });
    const vbo = await details(panel, gl('webgl.buffer')[1]!.id);
    expect(vbo).toMatchObject({ 'bound as': 'ARRAY_BUFFER', usage: 'DYNAMIC_DRAW' });
    const vol = await details(panel, byLabel('volume').id);
    expect(vol).toMatchObject({ dimensions: '8 × 8 × 8 (3d)', format: 'r32float', 'mip levels': '1', samples: '1', usage: 'STORAGE_BINDING' });
    await panel.close();
  }, 90_000);
});
