// Context lifecycles in a real browser: losses from the browser's context limit, a lost and restored
// context, a canvas handed to a worker, and a context made by the document's very first script.
import { describe, expect, it } from 'vitest';
import { exportTrace, tabOf, useBrowser, waitFor } from './helpers';

describe('WebGL context lifecycle', () => {
  const env = useBrowser();

  it('counts a context made by the first inline script of the document', async () => {
    const url = `${env.server.url}webgl/inline-first.html`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => (x.summary.live['webgl.texture']?.bytes ?? 0) > 0, 'the texture');
    expect(t.summary.live['webgl.buffer']).toEqual({ count: 1, bytes: 256 });
    expect(t.summary.live['webgl.texture']).toEqual({ count: 1, bytes: 64 });
    expect(t.summary.live['webgl.drawingBuffer']).toEqual({ count: 1, bytes: 1024 });
    await page.close();
  });

  it('frees the objects of contexts the browser loses past its context limit', async () => {
    const url = `${env.server.url}webgl/lifecycle.html?limit`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    await page.evaluate('window.manyContexts(24)');
    // Chromium keeps at most 16 contexts per page and loses the oldest with an event on its canvas.
    const lost = await waitFor(() => page.evaluate('window.lost') as Promise<number>, (n) => n >= 8, 'the losses the page sees');
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(
      () => exportTrace(env.h, tabId),
      (x) => x.events.filter((e) => e.op === 'context-lost').length === lost,
      'a context-lost event per loss',
    );
    expect(t.summary.live['webgl.buffer']).toEqual({ count: 24 - lost, bytes: (24 - lost) * 1000 });
    expect(t.summary.live['webgl.drawingBuffer']).toEqual({ count: 24 - lost, bytes: (24 - lost) * 8 * 8 * 8 });
    const lostBuffers = t.objects.filter((o) => o.kind === 'webgl.buffer' && o.releaseReason === 'context-lost');
    expect(lostBuffers.length).toBe(lost);
    expect(t.contexts.filter((c) => typeof c.lostAt === 'number').length).toBe(lost);
    await page.close();
  });

  it('releases on loseContext and counts what the app makes after the restore', async () => {
    const url = `${env.server.url}webgl/lifecycle.html?restore`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    await page.evaluate('window.loseAndRestore()');
    await page.waitForFunction("window.phase === 'restored'");
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(
      () => exportTrace(env.h, tabId),
      (x) => x.events.some((e) => e.op === 'context-restored') && x.summary.live['webgl.buffer']?.bytes === 300,
      'the restore and the new buffer',
    );
    // The 700-byte buffer died with the loss; a new drawing buffer (10x10x8) came back with the restore.
    expect(t.summary.live['webgl.buffer']).toEqual({ count: 1, bytes: 300 });
    expect(t.summary.live['webgl.drawingBuffer']).toEqual({ count: 1, bytes: 800 });
    const old = t.objects.find((o) => o.kind === 'webgl.buffer' && o.peakBytes === 700)!;
    expect(old.releaseReason).toBe('context-lost');
    expect(t.contexts.find((c) => c.canvas === 'canvas#restored')?.lostAt).toBeNull();
    await page.close();
  });

  it('follows drawingBufferStorage to a new format and size', async () => {
    const url = `${env.server.url}webgl/lifecycle.html?hdr`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    expect(await page.evaluate('window.hdr()')).toBe(0);
    const tabId = await tabOf(env.h, url);
    // Before: the default 300x150 RGBA8 drawing buffer, 2 x 45000 x 4 = 360000 B; after: 32x16 sRGB.
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => x.summary.live['webgl.drawingBuffer']?.bytes === 4096, 'the resized drawing buffer');
    expect(t.objects.find((o) => o.kind === 'webgl.drawingBuffer')!.peakBytes).toBe(360_000);
    await page.close();
  });

  it('reports a canvas transferred to a worker as not instrumented', async () => {
    const url = `${env.server.url}webgl/lifecycle.html?transfer`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    expect(await page.evaluate('window.transfer()')).toBe('ok');
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => x.contexts.length === 2, 'the transferred canvas and the worker');
    // The worker that draws on it is reported too (not instrumented either).
    expect(t.contexts).toEqual([
      expect.objectContaining({ api: 'transferred', canvas: 'canvas#to-worker', transferred: true }),
      expect.objectContaining({ api: 'worker', worker: true }),
    ]);
    const panel = await env.h.context.newPage();
    await panel.goto(`chrome-extension://${env.h.extensionId}/panels/gpu-memory/index.html?tabId=${tabId}`);
    const note = panel.locator('[data-testid=notices] li[data-kind=transferred]');
    await note.waitFor();
    expect(await note.textContent()).toContain('canvas#to-worker: control went to a worker');
    await panel.close();
    await page.close();
  });
});
