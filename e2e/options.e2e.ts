// The options page, end to end: a site switched off gets no hook at all, stacks can be switched off, and
// the leak rules take the thresholds the user saved (recorded in the trace, so an import agrees).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SessionStore, type Trace } from '../src/model/model';
import { exportTrace, type Harness, tabOf, useBrowser, waitFor } from './helpers';

async function options(h: Harness): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/src/options/options.html`);
  await page.locator('textarea[name=sites]').waitFor();
  return page;
}

/** Clicks Save and returns the status of that save (the form counts its saves). */
async function save(page: Page): Promise<string> {
  const status = page.locator('[data-testid=status]');
  const before = Number(await status.getAttribute('data-saves'));
  await page.locator('button[name=save]').click();
  await waitFor(() => status.getAttribute('data-saves'), (n) => Number(n) === before + 1, 'the save status');
  return (await status.textContent())!;
}

async function stored(h: Harness): Promise<unknown> {
  return (await h.worker()).evaluate('chrome.storage.local.get("settings").then((r) => r.settings ?? null)');
}

const hooked = (page: Page): Promise<boolean> =>
  page.evaluate(() => Object.getOwnPropertySymbols(globalThis).some((s) => s.description === 'gpumem.agent'));

describe('options page', () => {
  const env = useBrowser();

  it('refuses what is not a site or out of range, and saves nothing then', async () => {
    const page = await options(env.h);
    await page.locator('textarea[name=sites]').fill('example.com\nbad host!');
    await page.locator('input[name=growthSlots]').fill('1');
    const status = await save(page);
    expect(status).toMatch(/^Not saved\. not a site: "bad host!"; steady-growth: slots in a row whose baseline must rise: between 2 and 100 slots$/);
    expect(await stored(env.h)).toBeNull();
    await page.close();
  });

  it('a site switched off gets no hook at all; switched on again, it is recorded', async () => {
    const page = await options(env.h);
    await page.locator('textarea[name=sites]').fill('127.0.0.1');
    expect(await save(page)).toMatch(/^Saved\./);
    expect(await stored(env.h)).toMatchObject({ disabledSites: ['127.0.0.1'] });
    const url = `${env.server.url}leaks/route.html`;
    // The registration changes just after the save: wait until a fresh load of the page is not hooked.
    const site = await env.h.context.newPage();
    await waitFor(
      async () => {
        await site.goto(url);
        await site.waitForFunction('window.__ready !== undefined');
        return hooked(site);
      },
      (h) => h === false,
      'a page without the agent',
    );
    // The page itself ran: its WebGL scene is there, only unseen.
    expect(await site.evaluate('window.app.scene.gl instanceof WebGL2RenderingContext')).toBe(true);
    await page.locator('textarea[name=sites]').fill('');
    expect(await save(page)).toMatch(/^Saved\./);
    await waitFor(
      async () => {
        await site.goto(url);
        await site.waitForFunction('window.__ready !== undefined');
        return hooked(site);
      },
      (h) => h === true,
      'the agent back',
    );
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => (x.summary.live['webgl.texture']?.count ?? 0) === 6, 'the scene recorded');
    expect(t.summary.live['webgl.buffer']).toEqual({ count: 2, bytes: 8192 });
    await site.close();
    await page.close();
  });

  it('stacks off: objects carry no creation site; on again: they do', async () => {
    const page = await options(env.h);
    await page.locator('input[name=stacks]').uncheck();
    expect(await save(page)).toMatch(/^Saved\./);
    const url = `${env.server.url}leaks/route.html?stacks`;
    const site = await env.h.context.newPage();
    const recorded = async (): Promise<Trace> => {
      await site.goto(url);
      await site.waitForFunction('window.__ready !== undefined');
      const tabId = await tabOf(env.h, url);
      return waitFor(() => exportTrace(env.h, tabId), (x) => (x.summary.live['webgl.texture']?.count ?? 0) === 6, 'the scene');
    };
    const off = await waitFor(recorded, (t) => t.objects.every((o) => o.kind === 'webgl.drawingBuffer' || !o.stack), 'a recording without stacks');
    expect(off.objects.filter((o) => o.site)).toEqual([]);
    await page.locator('input[name=stacks]').check();
    expect(await save(page)).toMatch(/^Saved\./);
    const on = await waitFor(recorded, (t) => t.objects.some((o) => o.site), 'a recording with stacks');
    expect(on.objects.filter((o) => o.kind === 'webgl.texture').every((o) => /app\.js:\d+:\d+/.test(o.site ?? ''))).toBe(true);
    await site.close();
    await page.close();
  });

  it("library patterns: the user's own engine file is skipped in creation sites, and the trace records them", async () => {
    const page = await options(env.h);
    await page.locator('textarea[name=ignore]').fill('/leaks/app\\.js$\n(');
    expect(await save(page)).toMatch(/^Not saved\. library pattern not a regular expression \(.*\): \($/);
    await page.locator('textarea[name=ignore]').fill('/leaks/app\\.js$');
    expect(await save(page)).toMatch(/^Saved\./);
    expect(await stored(env.h)).toMatchObject({ ignoreList: ['/leaks/app\\.js$'] });
    const url = `${env.server.url}leaks/route.html?ignore`;
    const site = await env.h.context.newPage();
    const t = await waitFor(
      async () => {
        await site.goto(url);
        await site.waitForFunction('window.__ready !== undefined');
        const tabId = await tabOf(env.h, url);
        return waitFor(() => exportTrace(env.h, tabId), (x) => (x.summary.live['webgl.texture']?.count ?? 0) === 6, 'the scene');
      },
      (x) => x.meta.ignoreList?.length === 1,
      'a recording with the pattern',
    );
    // app.js made the textures, called from route.html: the site is the page's call, through app.js.
    const textures = t.objects.filter((o) => o.kind === 'webgl.texture');
    expect(textures.every((o) => /route\.html\?ignore:\d+:\d+\)?$/.test(o.site ?? '') && /app\.js:\d+:\d+\)?$/.test(o.via ?? ''))).toBe(true);
    // An import attributes the same way from the pattern the trace carries.
    expect([...SessionStore.fromTrace(t).objects.values()].filter((o) => o.kind === 'webgl.texture').map((o) => o.site)).toEqual(textures.map((o) => o.site));
    await page.locator('button[name=defaults]').click();
    expect(await save(page)).toMatch(/^Saved\./);
    await site.close();
    await page.close();
  });

  it('the leak rules take the saved thresholds, and the trace records them for its import', async () => {
    const page = await options(env.h);
    await page.locator('input[name=canvasGraceMs]').fill('1');
    expect(await save(page)).toMatch(/^Saved\./);
    expect(await stored(env.h)).toMatchObject({ rules: { canvasGraceMs: 1000 } });
    const url = `${env.server.url}leaks/route.html?grace`;
    const site = await env.h.context.newPage();
    await site.goto(url);
    await site.waitForFunction('window.__ready !== undefined');
    const tabId = await tabOf(env.h, url);
    await site.evaluate('window.route(false)');
    // Ticks up to 4 s after the removal: an alert with a 1 s grace, none yet with the default 5 s.
    const t = await waitFor(
      () => exportTrace(env.h, tabId),
      (x) => {
        const since = x.contexts.find((c) => c.canvas === 'canvas#scene')?.canvasSince;
        return since !== undefined && x.events.some((e) => e.op === 'tick' && e.t >= since + 4000);
      },
      'ticks 4 s past the removal',
      30_000,
    );
    expect(t.meta.rules).toMatchObject({ canvasGraceMs: 1000 });
    const since = t.contexts.find((c) => c.canvas === 'canvas#scene')!.canvasSince!;
    const upTo4s = { ...t, events: t.events.filter((e) => e.t < since + 4000) };
    const replayed = SessionStore.fromTrace(upTo4s).rules.active();
    expect(replayed.map((a) => [a.rule, a.count, a.bytes])).toEqual([['outlived-canvas', 4, 53248]]);
    expect(SessionStore.fromTrace(upTo4s, {}, { canvasGraceMs: 5000 }).rules.active()).toEqual([]);
    await page.locator('button[name=defaults]').click();
    expect(await save(page)).toMatch(/^Saved\./);
    await site.close();
    await page.close();
  });

  it('the agent takes the saved outlived-frame grace, and the store the saved frame count', async () => {
    const page = await options(env.h);
    await page.locator('input[name=frameGrace]').fill('10');
    await page.locator('input[name=frameMinFrames]').fill('5');
    expect(await save(page)).toMatch(/^Saved\./);
    expect(await stored(env.h)).toMatchObject({ rules: { frameGrace: 10, frameMinFrames: 5 } });
    const url = `${env.server.url}leaks/per-frame.html?grace`;
    const site = await env.h.context.newPage();
    await site.goto(url);
    await site.waitForFunction('window.__ready !== undefined');
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => x.alerts.length > 0, 'the outlived-frame alert', 30_000);
    // Textures were reported 10 frames after their own (the agent applies the grace at each frame, so a
    // texture made before the settings arrived could only be reported later), and the alert waited for five
    // frames' worth: it lists every texture reported so far, one per frame.
    const unused = t.events.filter((e) => e.op === 'unused') as { id: string; animationFrames: number }[];
    expect(unused.length).toBeGreaterThanOrEqual(5);
    expect(unused.slice(-5).map((e) => e.animationFrames)).toEqual([10, 10, 10, 10, 10]);
    expect(t.meta.rules).toMatchObject({ frameGrace: 10, frameMinFrames: 5 });
    expect(t.alerts[0]).toMatchObject({ rule: 'outlived-frame', count: unused.length });
    expect(t.alerts[0]!.objects.slice().sort()).toEqual(unused.map((e) => e.id).sort());
    expect(t.alerts[0]!.message).toContain(`made in ${unused.length} different animation frames, each was not used in the`);
    await page.locator('button[name=defaults]').click();
    expect(await save(page)).toMatch(/^Saved\./);
    await site.close();
    await page.close();
  });
});
