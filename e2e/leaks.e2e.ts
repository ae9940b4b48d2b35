// Leak alerts in a real browser, one scenario per pattern of the catalogue (P1-P6): each test asserts the
// alert's rule, object count, bytes and creation site (read from the fixture's "site:" markers), and the
// toolbar badge, which the background sets with DevTools closed.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shortSite, type Trace, type TraceAlert } from '../src/model/model';
import { exportTrace, type Harness, ROOT, siteOf, tabOf, useBrowser, waitFor } from './helpers';

const run = promisify(execFile);

interface Badge {
  text: string;
  title: string;
  color: number[];
}

async function badge(h: Harness, tabId: number): Promise<Badge> {
  return (await (await h.worker()).evaluate(
    `(async () => ({
      text: await chrome.action.getBadgeText({ tabId: ${tabId} }),
      title: await chrome.action.getTitle({ tabId: ${tabId} }),
      color: await chrome.action.getBadgeBackgroundColor({ tabId: ${tabId} }),
    }))()`,
  )) as Badge;
}

const active = (t: Trace): TraceAlert[] => t.alerts.filter((a) => a.resolvedAt === null);

/** Waits until the badge shows the trace's count of active warnings (two alerts of one leak may come apart). */
async function badgeCounts(h: Harness, tabId: number): Promise<Badge> {
  let want = '';
  const b = await waitFor(
    async () => {
      const t = await exportTrace(h, tabId);
      want = String(active(t).filter((a) => a.severity !== 'info').length);
      return badge(h, tabId);
    },
    (x) => x.text === want && want !== '0',
    'the badge to count the active alerts',
  );
  expect(b.color).toEqual(AMBER);
  return b;
}
const RED = [217, 48, 37, 255];
const AMBER = [227, 116, 0, 255];

async function open(h: Harness, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await h.context.newPage();
  await page.goto(url);
  await page.waitForFunction('window.__ready !== undefined', null, { timeout: 60_000 });
  return { page, tabId: await tabOf(h, url) };
}

describe('leak alerts', () => {
  const env = useBrowser(['--js-flags=--expose-gc']);

  it('P6: a route change that drops a canvas without dispose is an outlived-canvas error naming the site', async () => {
    const url = `${env.server.url}leaks/route.html`;
    const { page, tabId } = await open(env.h, url);
    await page.evaluate('window.route(false)');
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => active(x).length > 0, 'the outlived-canvas alert', 30_000);
    const [a] = active(t);
    expect(active(t)).toHaveLength(1);
    const scene = t.contexts.find((c) => c.canvas === 'canvas#scene')!;
    // 3 textures of 64x64x4 and a 4096-byte buffer; the drawing buffer is the context's own.
    expect(a).toMatchObject({ rule: 'outlived-canvas', severity: 'error', count: 4, bytes: 3 * 16384 + 4096, context: scene.id });
    expect(a!.site).toContain(siteOf('scene-texture'));
    expect(a!.message).toMatch(
      new RegExp(`^3 textures, 1 buffer, 52\\.0 KiB, created at ${siteOf('scene-texture')}\\d+ \\(\\d+% of the bytes; \\d+ sites\\), outlived canvas#scene removed from the page \\d+\\.\\d s ago$`),
    );
    // Only the removed canvas's objects: the minimap's stay out of it.
    const inAlert = t.objects.filter((o) => a!.objects.includes(o.id));
    expect(inAlert.every((o) => o.context === scene.id)).toBe(true);
    expect(t.contexts.find((c) => c.canvas === 'canvas#minimap')!.canvasState).toBeUndefined();
    const b = await waitFor(() => badge(env.h, tabId), (x) => x.text === '1', 'the badge');
    expect(b.color).toEqual(RED);
    expect(b.title).toContain(a!.message.slice(0, 40));
    // Disposing late resolves the alert, and the badge goes.
    await page.evaluate('window.app.scene.dispose()');
    const done = await waitFor(() => exportTrace(env.h, tabId), (x) => active(x).length === 0, 'the alert to resolve', 30_000);
    expect(done.alerts.find((x) => x.rule === 'outlived-canvas')!.resolvedAt).not.toBeNull();
    await waitFor(() => badge(env.h, tabId), (x) => x.text === '', 'the badge to clear');
    await page.close();
  });

  it('P6: the same route change after dispose raises nothing, and the bytes go back to the minimap alone', async () => {
    const url = `${env.server.url}leaks/route.html?dispose`;
    const { page, tabId } = await open(env.h, url);
    await page.evaluate('window.route(true)');
    // Past the 5 s grace period of the removal, on the agent's own clock.
    const t = await waitFor(
      () => exportTrace(env.h, tabId),
      (x) => {
        const gone = x.contexts.find((c) => c.canvas === 'canvas#scene')?.canvasSince;
        return gone !== undefined && x.events.some((e) => e.op === 'tick' && e.t > gone + 6000);
      },
      'ticks past the grace period',
      30_000,
    );
    expect(t.alerts).toEqual([]);
    expect(t.summary.live['webgl.texture']).toEqual({ count: 3, bytes: 3 * 16384 });
    expect(t.summary.live['webgl.buffer']).toEqual({ count: 1, bytes: 4096 });
    expect((await badge(env.h, tabId)).text).toBe('');
    await page.close();
  });

  it('P1: WebGL and WebGPU objects the GC took without delete / destroy, per site, with their bytes', async () => {
    const url = `${env.server.url}leaks/gc.html`;
    const { page, tabId } = await open(env.h, url);
    const t = await waitFor(
      async () => {
        await page.evaluate('gc()');
        return exportTrace(env.h, tabId);
      },
      (x) => active(x).length >= 2,
      'two collected-undeleted alerts',
      60_000,
    );
    const tex = active(t).find((a) => a.site.includes(siteOf('dropped-texture')))!;
    const gpu = active(t).find((a) => a.site.includes(siteOf('dropped-gpu-buffer')))!;
    expect(tex).toMatchObject({ rule: 'collected-undeleted', severity: 'warning', count: 1, bytes: 1024 });
    expect(tex.message).toMatch(/^1 texture, 1\.00 KiB, created at app\.js:\d+:\d+, were reclaimed by the garbage collector without delete/);
    expect(gpu).toMatchObject({ rule: 'collected-undeleted', severity: 'warning', count: 2, bytes: 131072 });
    expect(gpu.message).toMatch(/^2 GPU buffers, 128 KiB, created at app\.js:\d+:\d+, were reclaimed by the garbage collector without destroy\(\)/);
    // The objects keep their labels and sites in the trace.
    const labels = t.objects.filter((o) => gpu.objects.includes(o.id)).map((o) => o.label).sort();
    expect(labels).toEqual(['dropped 0', 'dropped 1']);
    const b = await waitFor(() => badge(env.h, tabId), (x) => x.text === '2', 'the badge');
    expect(b.color).toEqual(AMBER);
    await page.close();
  });

  it('P2: deletes after a context loss and destroy() after device.destroy() are info notes the badge leaves out', async () => {
    const url = `${env.server.url}leaks/loss.html`;
    const { page, tabId } = await open(env.h, url);
    expect(await page.evaluate('window.__ready')).toEqual({ threw: null });
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => active(x).length === 2, 'two release-after-loss notes');
    const gl = active(t).find((a) => a.message.includes('webgl2'))!;
    const gpu = active(t).find((a) => a.message.includes('device'))!;
    expect(gl).toMatchObject({ rule: 'release-after-loss', severity: 'info', count: 2, bytes: 128 });
    expect(gl.message).toMatch(/^2 textures released after webgl2 context on canvas#c was lost/);
    expect(gpu).toMatchObject({ rule: 'release-after-loss', severity: 'info', count: 1, bytes: 256 });
    expect(gpu.message).toMatch(/^1 GPU buffer released after device \d+ was destroyed/);
    expect((await badge(env.h, tabId)).text).toBe('');
    await page.close();
  });

  it('P4 and P5: per-call temporary buffers are steady growth at their site; a pool released whole is not', async () => {
    const leakUrl = `${env.server.url}leaks/growth.html?leak`;
    const sawUrl = `${env.server.url}leaks/growth.html?sawtooth`;
    const saw = await open(env.h, sawUrl);
    const leak = await open(env.h, leakUrl);
    const growth = (x: Trace): TraceAlert | undefined => active(x).find((a) => a.rule === 'steady-growth');
    const t = await waitFor(() => exportTrace(env.h, leak.tabId), (x) => growth(x) !== undefined, 'the steady-growth alert', 60_000);
    const a = growth(t);
    expect(a).toMatchObject({ rule: 'steady-growth', severity: 'warning' });
    expect(a!.site).toContain(siteOf('temp-buffer'));
    // The buffers are never used after the task that made them either: outlived-frame may name the same
    // site (its 120 frames are 12 s of this 100 ms timer loop), and nothing else may be reported.
    for (const other of active(t)) expect(other.site).toContain(siteOf('temp-buffer'));
    // Its objects are the buffers made at that site from the window's start to its last update, 1024 bytes each.
    const made = t.objects.filter(
      (o) => o.site?.includes(siteOf('temp-buffer')) && o.createdAt >= a!.t && o.createdAt < a!.updatedAt && o.releasedAt === null,
    );
    expect(a!.objects.slice().sort()).toEqual(made.map((o) => o.id).sort());
    expect(a!.count).toBe(made.length);
    expect(a!.count).toBeGreaterThanOrEqual(8);
    expect(a!.bytes).toBe(1024 * a!.count);
    expect(a!.message).toMatch(new RegExp(`^${a!.count} buffers, .*, created at ${siteOf('temp-buffer')}\\d+ on webgl2 context on canvas#c: their baseline keeps rising`));
    await badgeCounts(env.h, leak.tabId);
    // The sawtooth page ran at least as long, through at least five fill-and-release cycles, with no alert.
    const s = await exportTrace(env.h, saw.tabId);
    expect(Number(await saw.page.evaluate('window.steps'))).toBeGreaterThanOrEqual(50);
    expect(s.alerts).toEqual([]);
    expect((await badge(env.h, saw.tabId)).text).toBe('');
    await leak.page.close();
    await saw.page.close();
  });

  it('steady growth in bytes: one buffer re-specified larger and larger is named with its site', async () => {
    const url = `${env.server.url}leaks/growth.html?grow`;
    const { page, tabId } = await open(env.h, url);
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => active(x).length > 0, 'the steady-growth alert', 60_000);
    const [a] = active(t);
    expect(a).toMatchObject({ rule: 'steady-growth', severity: 'warning', count: 1 });
    expect(a!.site).toContain(siteOf('grow-buffer'));
    const buffer = t.objects.find((o) => o.id === a!.objects[0])!;
    // Its bytes are the buffer's size when the alert was last updated: a whole number of 64 KiB steps.
    expect(a!.bytes % 65536).toBe(0);
    expect(a!.bytes).toBeGreaterThan(1024 * 1024);
    expect(buffer.peakBytes).toBeGreaterThanOrEqual(a!.bytes);
    expect(a!.message).toMatch(/^1 buffer, .* their bytes' baseline keeps rising/);
    await page.close();
  });

  /** The active outlived-frame alert of `site`, once the trace has it. */
  const frameAlert = (x: Trace, site: string): TraceAlert | undefined =>
    active(x).find((a) => a.rule === 'outlived-frame' && a.site.includes(site));

  /** The live objects the agent reported unused since their frame, of the alert's site. */
  const unusedAt = (x: Trace, a: TraceAlert, site: string) => {
    const unused = new Set(x.events.filter((e) => e.op === 'unused' && e.t <= a.updatedAt).map((e) => (e as { id: string }).id));
    return x.objects.filter((o) => unused.has(o.id) && o.site?.includes(site) && (o.releasedAt === null || o.releasedAt > a.updatedAt));
  };

  for (const [name, query] of [['animation frame', ''], ['frame of a 16 ms timer loop (no requestAnimationFrame)', '?timer']]) {
    it(`P3: a texture re-created every ${name}, its predecessors never deleted, outlived its frame at its site`, async () => {
      const url = `${env.server.url}leaks/per-frame.html${query}`;
      const { page, tabId } = await open(env.h, url);
      const site = siteOf('frame-texture');
      const t = await waitFor(() => exportTrace(env.h, tabId), (x) => frameAlert(x, site) !== undefined, 'the outlived-frame alert', 60_000);
      const a = frameAlert(t, site)!;
      expect(a).toMatchObject({ rule: 'outlived-frame', severity: 'warning' });
      // Its objects are the site's textures reported unused up to the alert's last update, 1024 bytes each.
      const made = unusedAt(t, a, site);
      expect(a.objects.slice().sort()).toEqual(made.map((o) => o.id).sort());
      expect(a.count).toBe(made.length);
      expect(a.count).toBeGreaterThanOrEqual(3);
      expect(a.bytes).toBe(1024 * a.count);
      expect(a.message).toMatch(
        new RegExp(`^${a.count} textures, .*, created at ${site}\\d+ on webgl2 context on canvas#c, outlived their animation frame: made in \\d+ different animation frames, each was not used in the 120 animation frames after its own`),
      );
      // Each was reported 120 frames after its own, and the page drew at least that many frames since the first.
      const first = t.events.find((e) => e.op === 'unused') as { animationFrames: number };
      expect(first.animationFrames).toBe(120);
      expect(Number(await page.evaluate('window.frames'))).toBeGreaterThanOrEqual(120 + a.count);
      await badgeCounts(env.h, tabId);
      await page.close();
    });
  }

  it('P3 in WebGPU: a texture re-created every frame, in two submits, outlived its frame; objects used through bind groups did not', async () => {
    const url = `${env.server.url}leaks/per-frame-gpu.html`;
    const { page, tabId } = await open(env.h, url);
    const site = siteOf('gpu-frame-texture');
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => frameAlert(x, site) !== undefined, 'the outlived-frame alert', 60_000);
    const a = frameAlert(t, site)!;
    const made = unusedAt(t, a, site);
    expect(a.objects.slice().sort()).toEqual(made.map((o) => o.id).sort());
    expect(made.every((o) => o.kind === 'webgpu.texture')).toBe(true);
    expect(a.count).toBeGreaterThanOrEqual(3);
    expect(a.bytes).toBe(1024 * a.count);
    expect(a.message).toMatch(new RegExp(`^${a.count} GPU textures, .*, created at ${site}\\d+ on device \\d+, outlived their animation frame`));
    // The uniform buffer written every frame and the texture sampled every frame through its bind group were
    // never reported: every unused object is one of the site's.
    const unused = t.events.filter((e) => e.op === 'unused').map((e) => t.objects.find((o) => o.id === (e as { id: string }).id)!);
    expect(unused.every((o) => o.site?.includes(site))).toBe(true);
    expect(t.objects.filter((o) => o.kind === 'webgpu.buffer' && o.bytes === 16)).toHaveLength(1);
    expect(active(t).filter((x) => x.rule === 'outlived-frame')).toHaveLength(1);
    await page.close();
  });

  it('P3 in compute-only WebGPU with no requestAnimationFrame: an input buffer per dispatch outlived its frame', async () => {
    const url = `${env.server.url}leaks/compute.html`;
    const { page, tabId } = await open(env.h, url);
    const site = siteOf('gpu-dispatch-input');
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => frameAlert(x, site) !== undefined, 'the outlived-frame alert', 60_000);
    const a = frameAlert(t, site)!;
    const made = unusedAt(t, a, site);
    expect(a.objects.slice().sort()).toEqual(made.map((o) => o.id).sort());
    expect(made.every((o) => o.kind === 'webgpu.buffer')).toBe(true);
    expect(a.count).toBeGreaterThanOrEqual(3);
    expect(a.bytes).toBe(256 * a.count);
    // The output buffer, bound in every dispatch through a new bind group, was never reported.
    const unused = t.events.filter((e) => e.op === 'unused').map((e) => t.objects.find((o) => o.id === (e as { id: string }).id)!);
    expect(unused.every((o) => o.site?.includes(site))).toBe(true);
    await page.close();
  });

  it('a getCurrentTexture() result used five frames later is an outlived-frame warning at the site of the use', async () => {
    const url = `${env.server.url}leaks/late-texture.html`;
    const { page, tabId } = await open(env.h, url);
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => active(x).length > 0, 'the late-texture alert', 30_000);
    expect(active(t)).toHaveLength(1);
    const a = active(t)[0]!;
    const canvasTexture = t.objects.find((o) => o.kind === 'webgpu.canvasTexture')!;
    expect(a).toMatchObject({ rule: 'outlived-frame', severity: 'warning', count: 1, objects: [canvasTexture.id], context: canvasTexture.context });
    expect(a.site).toContain(siteOf('clear-view'));
    expect(a.message).toBe(
      `the texture getCurrentTexture() returned was used 5 animation frames after the one it belonged to, when it had been presented and destroyed (once, last at ${shortSite(a.site)})`,
    );
    expect(Number(await page.evaluate('window.frames'))).toBe(15);
    // The device lived through it: the canvas presented frames 1-14 (with Vulkan compositing, see launch-browser.ts).
    expect(t.contexts.find((c) => c.id === canvasTexture.context)!.lostAt).toBeUndefined();
    await badgeCounts(env.h, tabId);
    await page.close();
  });

  it('objects made during a frame and used after it only through persistent state (bound once, a vertex array, a framebuffer, a uniform binding) are not reported', async () => {
    const url = `${env.server.url}leaks/healthy-frames.html`;
    const { page, tabId } = await open(env.h, url);
    // Well past the 120-frame grace of the objects made in frames 1 and 2 (an export flushes the agent first).
    await page.waitForFunction('window.frames >= 200', null, { timeout: 60_000 });
    const t = await exportTrace(env.h, tabId);
    expect(t.objects.filter((o) => ['webgl.buffer', 'webgl.texture', 'webgl.renderbuffer'].includes(o.kind) && o.releasedAt === null)).toHaveLength(8);
    expect(t.events.filter((e) => e.op === 'unused')).toEqual([]);
    expect(t.alerts).toEqual([]);
    expect(t.meta.agentErrors).toBe(0);
    await page.close();
  });

  it('P5 with the GC: per-use WebGPU bind groups left to the collector rise and fall without an alert', async () => {
    const url = `${env.server.url}leaks/gc-sawtooth.html`;
    const { page, tabId } = await open(env.h, url);
    // Collect now and then until the trace shows several collections and 12 s of the page (six 2 s slots).
    const t = await waitFor(
      async () => {
        await page.evaluate('gc()');
        return exportTrace(env.h, tabId);
      },
      (x) => {
        const collected = x.objects.filter((o) => o.kind === 'webgpu.bindGroup' && o.releaseReason === 'collected');
        const start = x.events[0]?.t ?? 0;
        return collected.length >= 50 && x.events.some((e) => e.op === 'tick' && e.t > start + 12_000);
      },
      'collections over 12 s',
      60_000,
    );
    expect(Number(await page.evaluate('window.made'))).toBeGreaterThanOrEqual(100);
    expect(t.alerts).toEqual([]);
    expect((await badge(env.h, tabId)).text).toBe('');
    await page.close();
  });

  it("three.js: a route change without dispose() is an outlived-canvas alert at the page's line, through three.js; with it, none", async () => {
    const leakUrl = `${env.server.url}leaks/three-route.html`;
    const okUrl = `${env.server.url}leaks/three-route.html?dispose`;
    const leak = await open(env.h, leakUrl);
    const ok = await open(env.h, okUrl);
    const before = await exportTrace(env.h, ok.tabId);
    const baseline = before.summary.live['webgl.drawingBuffer']!;
    await leak.page.evaluate('window.route(false)');
    await ok.page.evaluate('window.route(true)');
    const t = await waitFor(() => exportTrace(env.h, leak.tabId), (x) => active(x).length > 0, 'the three.js alert', 30_000);
    const [a] = active(t);
    const live = t.objects.filter((o) => o.releasedAt === null && o.kind !== 'webgl.drawingBuffer');
    expect(a).toMatchObject({ rule: 'outlived-canvas', severity: 'error', count: live.length, bytes: live.reduce((n, o) => n + o.bytes, 0) });
    // The 32x32 RGBA8 DataTexture (4096 bytes) is among its objects.
    expect(t.objects.some((o) => a!.objects.includes(o.id) && o.kind === 'webgl.texture' && o.bytes === 4096)).toBe(true);
    // The page's own call that made them (renderer.render), not a line inside three.js.
    expect(a!.site).toMatch(/three-route\.html:\d+:\d+\)?$/);
    expect(a!.message).toMatch(/created at three-route\.html:\d+:\d+/);
    expect(t.objects.filter((o) => a!.objects.includes(o.id)).every((o) => /three\.module\.js:\d+:\d+\)?$/.test(o.via ?? ''))).toBe(true);
    expect((await badge(env.h, leak.tabId)).text).toBe('1');
    // Disposed properly: past the grace period no alert, and only the drawing buffer is left.
    const done = await waitFor(
      () => exportTrace(env.h, ok.tabId),
      (x) => {
        const gone = x.contexts.find((c) => c.canvas === 'canvas#three')?.canvasSince;
        return gone !== undefined && x.events.some((e) => e.op === 'tick' && e.t > gone + 6000);
      },
      'ticks past the grace period',
      30_000,
    );
    expect(done.alerts).toEqual([]);
    // Everything the scene made is released. What is left besides the drawing buffer is what
    // WebGLRenderer.dispose() keeps: its four 1x1 RGBA8 placeholder textures (2D, cube x 6, 2D array, 3D:
    // 4 + 24 + 4 + 4 = 36 bytes) and three framebuffers, under the rule's 1 KiB threshold.
    expect(done.summary.live['webgl.texture']).toEqual({ count: 4, bytes: 36 });
    expect(done.summary.live['webgl.buffer']?.count ?? 0).toBe(0);
    expect(done.summary.live['webgl.program']?.count ?? 0).toBe(0);
    expect(done.summary.totalBytes).toBe(baseline.bytes + 36);
    await leak.page.close();
    await ok.page.close();
  });

  it("the panel's Leaks view lists the alert by site and selects its objects, which carry a badge", async () => {
    const url = `${env.server.url}leaks/route.html`;
    const { page, tabId } = await open(env.h, url);
    await page.evaluate('window.route(false)');
    const panel = await env.h.context.newPage();
    await panel.goto(`chrome-extension://${env.h.extensionId}/panels/gpu-memory/index.html?tabId=${tabId}`);
    const alert = panel.locator('[data-testid=alert][data-rule=outlived-canvas]');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.getAttribute('data-count')).toBe('4');
    expect(await alert.getAttribute('data-bytes')).toBe(String(3 * 16384 + 4096));
    expect(await panel.locator('[data-testid=leak-count]').textContent()).toBe('1');
    // Coloured by the worst active alert, as the toolbar badge is: outlived-canvas is an error.
    expect(await panel.locator('[data-testid=leak-count]').getAttribute('data-severity')).toBe('error');
    expect(await panel.locator('.leak-site h4').first().textContent()).toMatch(new RegExp(`^${siteOf('scene-texture')}\\d+$`));
    await alert.click();
    await panel.locator('[data-testid=selection]').waitFor();
    const rows = await panel.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid=objects] tbody tr')].map((tr) => ({
        kind: tr.dataset.kind,
        leak: tr.dataset.leak,
        site: tr.querySelector('[data-col=site]')!.textContent,
      })),
    );
    expect(rows.map((r) => r.kind).sort()).toEqual(['webgl.buffer', 'webgl.texture', 'webgl.texture', 'webgl.texture']);
    expect(rows.every((r) => r.leak === 'outlived-canvas')).toBe(true);
    expect(rows.filter((r) => r.site!.startsWith(siteOf('scene-buffer')))).toHaveLength(1);
    // Back to all live objects: the minimap's rows carry no badge.
    await panel.locator('[data-testid=clear-selection]').click();
    await waitFor(
      () => panel.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=objects] tbody tr')].map((tr) => tr.dataset.leak)),
      (l) => l.length === 10 && l.filter((x) => x === '').length === 6,
      'all live objects, the minimap and the drawing buffers unbadged',
    );
    await panel.close();
    await page.close();
  });

  it("gpumem record's trace holds the alerts the panel shows for the same page", async () => {
    // Two pages that run by themselves (?auto): a route change without dispose, and objects left to the GC
    // (the page runs gc()). The panel here and `gpumem record` in its own browser must list the same alerts.
    const pages = ['route.html?auto', 'gc.html?auto'];
    const dir = mkdtempSync(join(tmpdir(), 'gpumem-same-'));
    const recorded = pages.map((p, i) =>
      run(process.execPath, [
        resolve(ROOT, 'bin/gpumem.mjs'), 'record', `${env.server.url}leaks/${p}`, '--duration', '8', '--out', join(dir, `${i}.json`),
        '--fail-on-leak', '--browser-arg', '--js-flags=--expose-gc',
      ], { timeout: 110_000 }).catch((e: { code?: number }) => e),
    );
    // Messages carry times (how long ago a canvas went, when the GC first took one), which differ between
    // two browsers' runs.
    const same = (a: { rule: string; severity: string; count: number; bytes: number; site: string; message: string }) =>
      [a.rule, a.severity, a.count, a.bytes, a.site, a.message.replace(/\d+(\.\d+)? s\b/g, 'N s')].join(' | ');
    for (const [i, p] of pages.entries()) {
      const { page, tabId } = await open(env.h, `${env.server.url}leaks/${p}`);
      const panel = await env.h.context.newPage();
      await panel.goto(`chrome-extension://${env.h.extensionId}/panels/gpu-memory/index.html?tabId=${tabId}`);
      const want = p.startsWith('route') ? 1 : 2;
      const shown = await waitFor(
        () =>
          panel.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('[data-testid=alert][data-resolved=no]')].map((li) => ({
              rule: li.dataset.rule!,
              severity: li.dataset.severity!,
              count: Number(li.dataset.count),
              bytes: Number(li.dataset.bytes),
              site: li.closest<HTMLElement>('.leak-site')!.dataset.site!,
              message: li.querySelector('.message')!.textContent!,
            })),
          ),
        (x) => x.length === want,
        `the panel's ${want} alert(s) for ${p}`,
        60_000,
      );
      const r = (await recorded[i]) as { code?: number };
      expect(r.code ?? 0).toBe(1);
      const trace = JSON.parse(readFileSync(join(dir, `${i}.json`), 'utf8')) as Trace;
      expect(active(trace).map(same).sort()).toEqual(shown.map(same).sort());
      await panel.close();
      await page.close();
    }
  });

  it('healthy three.js, Babylon.js, PixiJS and three.js WebGPU apps animate for 60 s without an alert', async () => {
    const libs = ['three', 'babylon', 'pixi', 'three-webgpu'];
    const pages = await Promise.all(libs.map((lib) => open(env.h, `${env.server.url}leaks/healthy-${lib}.html`)));
    const traces = await Promise.all(
      pages.map(({ tabId }) =>
        waitFor(
          () => exportTrace(env.h, tabId),
          (x) => x.events.some((e) => e.op === 'tick' && e.t >= (x.events[0]?.t ?? 0) + 60_000),
          '60 s of the app on the agent clock',
          120_000,
        ),
      ),
    );
    for (const [i, t] of traces.entries()) {
      expect({ lib: libs[i], alerts: t.alerts }).toEqual({ lib: libs[i], alerts: [] });
      expect(Number(await pages[i]!.page.evaluate('window.frames'))).toBeGreaterThan(10);
    }
    for (const { page, tabId } of pages) {
      expect((await badge(env.h, tabId)).text).toBe('');
      await page.close();
    }
  }, 180_000);

  it('a WebGPU app that starts asynchronously, placeholders made over several tasks, raises no outlived-frame alert', async () => {
    // 20 ms between placeholders (a startup shorter than a second), and 400 ms (over two seconds, so that
    // some of them are made in task frames before the first animation frame).
    const pages = await Promise.all([20, 400].map((delay) => open(env.h, `${env.server.url}leaks/async-start.html?delay=${delay}`)));
    for (const { page, tabId } of pages) {
      // Well past the 120-frame grace of objects made in the first frames (an export flushes the agent).
      await page.waitForFunction('window.frames >= 300', null, { timeout: 60_000 });
      const t = await exportTrace(env.h, tabId);
      expect(t.objects.filter((o) => o.site?.includes(siteOf('gpu-placeholder'))).length).toBe(5);
      expect(t.alerts).toEqual([]);
      expect((await badge(env.h, tabId)).text).toBe('');
      await page.close();
    }
  });

  for (const how of ['removeFrame', 'navigateFrame']) {
    it(`an iframe's document gone (${how}) takes its contexts and devices with it: released as lost, no alert`, async () => {
      const url = `${env.server.url}leaks/iframe-gone.html?${how}`;
      const { page, tabId } = await open(env.h, url);
      const child = (x: Trace) => x.objects.filter((o) => (o.kind === 'webgl.texture' && o.bytes === 16384) || (o.kind === 'webgpu.buffer' && o.bytes === 4096));
      const before = await waitFor(() => exportTrace(env.h, tabId), (x) => child(x).length === 2, "the iframe's texture and buffer");
      expect(child(before).every((o) => o.releasedAt === null)).toBe(true);
      await page.evaluate(`window.${how}()`);
      // The browser lost the iframe's WebGL context, though this page still holds it.
      await page.waitForFunction('window.held.gl.isContextLost() === true');
      const t = await waitFor(
        () => exportTrace(env.h, tabId),
        (x) => {
          const gone = child(x)[0]?.releasedAt;
          // Past the outlived-canvas grace on this page's ticks, so that a wrong alert would have come.
          return typeof gone === 'number' && x.events.some((e) => e.op === 'tick' && e.t > gone + 6000);
        },
        "the iframe's objects released and 6 s of ticks after",
        60_000,
      );
      expect(child(t).map((o) => [o.kind, o.releaseReason]).sort()).toEqual([['webgl.texture', 'context-lost'], ['webgpu.buffer', 'device-lost']]);
      // What stays is this page's own: its drawing buffer and an empty buffer.
      expect(t.summary.live['webgl.texture']?.count ?? 0).toBe(0);
      expect(t.summary.live['webgpu.buffer']?.count ?? 0).toBe(0);
      expect(t.summary.live['webgl.buffer']).toEqual({ count: 1, bytes: 0 });
      expect(t.alerts).toEqual([]);
      expect((await badge(env.h, tabId)).text).toBe('');
      await page.close();
    });
  }

  it('resets the badge when the tab navigates to another document', async () => {
    const url = `${env.server.url}leaks/route.html`;
    const { page, tabId } = await open(env.h, url);
    await page.evaluate('window.route(false)');
    await waitFor(() => badge(env.h, tabId), (x) => x.text === '1', 'the badge', 30_000);
    await page.goto(`${env.server.url}blank.html`);
    await waitFor(() => badge(env.h, tabId), (x) => x.text === '', 'the badge to clear on navigation');
    await page.close();
  });
});
