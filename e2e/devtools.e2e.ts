// Smoke test of the real thing: DevTools opened on a page shows the "GPU Memory" panel with the page's
// numbers. Relies on DevTools internals (its frontend's own API to select the panel), so it stays one test.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, SCENE_TOTAL, summary, tabOf, useBrowser, waitFor } from './helpers';

describe('real DevTools', () => {
  // Lets Playwright see the DevTools window as a page; read when the browser is launched.
  process.env.PW_CHROMIUM_ATTACH_TO_OTHER = '1';
  const env = useBrowser();

  /** Opens DevTools on the page at `url` and selects the GPU Memory panel: the DevTools page and the panel's frame. */
  async function openOn(url: string): Promise<{ devtools: Page; panelFrame: Frame; close: () => Promise<void> }> {
    const { h } = env;
    const cdp = await h.context.browser()!.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'page' && t.url === url)!;
    await cdp.send('Target.openDevTools' as never, { targetId: target.targetId } as never);
    const devtools = (await waitFor(
      async () => h.context.pages().find((p: Page) => p.url().startsWith('devtools://') && !p.isClosed()) ?? null,
      (p) => p !== null,
      'the DevTools window',
    ))!;
    const showPanel = `(async () => {
      try {
        const UI = await import('./ui/legacy/legacy.js');
        const iv = UI.InspectorView.InspectorView.instance();
        const id = iv.tabbedPane.tabIds().find((i) => i.startsWith('chrome-extension://'));
        if (!id) return false;
        await iv.showPanel(id);
        return true;
      } catch {
        return false; // the frontend is still starting
      }
    })()`;
    await waitFor(() => devtools.evaluate(showPanel), (ok) => ok === true, 'the GPU Memory panel to be selectable');
    const panelFrame = (await waitFor(
      async () => devtools.frames().find((f: Frame) => f.url().includes('/panels/gpu-memory/index.html')) ?? null,
      (f) => f !== null,
      'the panel frame',
    ))!;
    return { devtools, panelFrame, close: async () => { await devtools.close(); await cdp.detach(); } };
  }

  it('shows the GPU Memory panel with the page totals, and stops working while another panel is shown', async () => {
    const { h, server } = env;
    const page = await h.context.newPage();
    const url = `${server.url}scene.html`;
    await page.goto(url);
    const tabIdOf = await tabOf(h, url, 2);
    const { devtools, panelFrame, close } = await openOn(url);
    const total = await waitFor(
      () => panelFrame.evaluate(() => Number(document.querySelector<HTMLElement>('[data-testid=total]')?.dataset.bytes ?? NaN)),
      (t) => t === SCENE_TOTAL,
      'panel total inside DevTools',
    );
    expect(total).toBe(SCENE_TOTAL);
    // Inside DevTools the panel takes DevTools' own theme ("default" is the light one).
    const [themeName, theme] = await panelFrame.evaluate(() => [
      (globalThis as unknown as { chrome: { devtools: { panels: { themeName: string } } } }).chrome.devtools.panels.themeName,
      document.documentElement.dataset.theme,
    ]);
    expect(['default', 'dark']).toContain(themeName);
    expect(theme).toBe(themeName === 'dark' ? 'dark' : 'light');
    mkdirSync(ARTIFACTS, { recursive: true });
    await devtools.screenshot({ path: resolve(ARTIFACTS, 'devtools-panel.png') });

    // Another panel selected: DevTools tells ours (onHidden), which then neither draws nor applies data.
    const show = (id: string): Promise<unknown> =>
      devtools.evaluate(`(async () => {
        const UI = await import('./ui/legacy/legacy.js');
        const iv = UI.InspectorView.InspectorView.instance();
        await iv.showPanel(${JSON.stringify(id)} === 'ours' ? iv.tabbedPane.tabIds().find((i) => i.startsWith('chrome-extension://')) : ${JSON.stringify(id)});
        return true;
      })()`);
    const panelState = () => panelFrame.evaluate(() => {
      const el = document.querySelector<HTMLElement>('.panel')!;
      return { shown: el.dataset.shown, version: Number(el.dataset.version), total: Number(document.querySelector<HTMLElement>('[data-testid=total]')?.dataset.bytes) };
    });
    await show('elements');
    const hidden = await waitFor(panelState, (p) => p.shown === 'no', 'the panel told it is hidden');
    const hiddenAt = Date.now();
    // The page allocates 4 KiB more; the recording (the background's) has it.
    await page.evaluate(() => {
      const gl = document.querySelector<HTMLCanvasElement>('#a')!.getContext('webgl2')!;
      const b = gl.createBuffer();
      gl.bindBuffer(gl.ARRAY_BUFFER, b);
      gl.bufferData(gl.ARRAY_BUFFER, 4096, gl.STATIC_DRAW);
      (window as unknown as { keep: unknown }).keep = b;
    });
    await waitFor(() => summary(h, tabIdOf), (x) => x?.totalBytes === SCENE_TOTAL + 4096, 'the allocation recorded');
    // Past the panel's 1 s clock: a shown panel would have redrawn by now.
    await waitFor(async () => Date.now() - hiddenAt, (ms) => ms > 1500, 'a second and a half hidden');
    expect(await panelState()).toEqual(hidden);
    await show('ours');
    await waitFor(panelState, (p) => p.shown === 'yes' && p.total === SCENE_TOTAL + 4096, 'the panel shown again, caught up');
    await close();
  });

  it('takes snapshots inside DevTools by its button and by Ctrl+Shift+S', async () => {
    const { h, server } = env;
    const page = await h.context.newPage();
    const url = `${server.url}scene.html?snapshots`;
    await page.goto(url);
    await tabOf(h, url, 2);
    const { devtools, panelFrame, close } = await openOn(url);
    await waitFor(() => panelFrame.evaluate(() => Number(document.querySelector<HTMLElement>('[data-testid=total]')?.dataset.bytes ?? NaN)), (t) => t === SCENE_TOTAL, 'the panel');
    const snaps = () => panelFrame.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=snapshot]')].map((li) => Number(li.dataset.bytes)));
    await panelFrame.locator('[data-testid=take-snapshot]').click();
    await waitFor(snaps, (s) => s.length === 1, 'a snapshot by the button');
    // The keys go to the panel's frame (focus in it), not to DevTools' own shortcuts.
    await panelFrame.locator('[data-testid=objects-scroll]').focus();
    await devtools.keyboard.press('Control+Shift+S');
    expect(await waitFor(snaps, (s) => s.length === 2, 'a snapshot by the shortcut')).toEqual([SCENE_TOTAL, SCENE_TOTAL]);
    await close();
  });

  it("takes DevTools' dark theme", async () => {
    const { h, server } = env;
    const page = await h.context.newPage();
    const url = `${server.url}scene.html?dark`;
    await page.goto(url);
    await tabOf(h, url, 2);
    // DevTools' own setting (Settings > Preferences > Theme), kept in the profile; extensions read it when
    // DevTools opens, so DevTools is opened again after the change.
    const first = await openOn(url);
    await first.devtools.evaluate(`(async () => {
      const Common = await import('./core/common/common.js');
      Common.Settings.Settings.instance().moduleSetting('ui-theme').set('dark');
    })()`);
    await first.close();
    const { devtools, panelFrame, close } = await openOn(url);
    await waitFor(() => panelFrame.evaluate(() => Number(document.querySelector<HTMLElement>('[data-testid=total]')?.dataset.bytes ?? NaN)), (t) => t === SCENE_TOTAL, 'the panel in dark DevTools');
    const [themeName, theme, background] = await panelFrame.evaluate(() => [
      (globalThis as unknown as { chrome: { devtools: { panels: { themeName: string } } } }).chrome.devtools.panels.themeName,
      document.documentElement.dataset.theme,
      getComputedStyle(document.body).backgroundColor,
    ]);
    expect(themeName).toBe('dark');
    expect(theme).toBe('dark');
    expect(background).toBe('rgb(32, 33, 36)');
    mkdirSync(ARTIFACTS, { recursive: true });
    await devtools.screenshot({ path: resolve(ARTIFACTS, 'devtools-panel-dark.png') });
    await close();
  });
});
