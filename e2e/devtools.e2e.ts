// Smoke test of the real thing: DevTools opened on a page shows the "GPU Memory" panel with the page's
// numbers. Relies on DevTools internals (its frontend's own API to select the panel), so it stays one test.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, SCENE_TOTAL, tabOf, useBrowser, waitFor } from './helpers';

describe('real DevTools', () => {
  // Lets Playwright see the DevTools window as a page; read when the browser is launched.
  process.env.PW_CHROMIUM_ATTACH_TO_OTHER = '1';
  const env = useBrowser();

  it('shows the GPU Memory panel with the page totals', async () => {
    const { h, server } = env;
    const page = await h.context.newPage();
    const url = `${server.url}scene.html`;
    await page.goto(url);
    await tabOf(h, url, 2);
    const cdp = await h.context.browser()!.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'page' && t.url === url)!;
    await cdp.send('Target.openDevTools' as never, { targetId: target.targetId } as never);
    const devtools = await waitFor(
      async () => h.context.pages().find((p: Page) => p.url().startsWith('devtools://')) ?? null,
      (p) => p !== null,
      'the DevTools window',
    );
    // A string, so that the test runner does not rewrite the frontend's own dynamic import.
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
    await waitFor(() => devtools!.evaluate(showPanel), (ok) => ok === true, 'the GPU Memory panel to be selectable');
    const panelFrame = await waitFor(
      async () => devtools!.frames().find((f: Frame) => f.url().includes('/panels/gpu-memory/index.html')) ?? null,
      (f) => f !== null,
      'the panel frame',
    );
    const total = await waitFor(
      () => panelFrame!.evaluate(() => Number(document.querySelector<HTMLElement>('[data-testid=total]')?.dataset.bytes ?? NaN)),
      (t) => t === SCENE_TOTAL,
      'panel total inside DevTools',
    );
    expect(total).toBe(SCENE_TOTAL);
    // Inside DevTools the panel takes DevTools' own theme ("default" is the light one).
    const [themeName, theme] = await panelFrame!.evaluate(() => [
      (globalThis as unknown as { chrome: { devtools: { panels: { themeName: string } } } }).chrome.devtools.panels.themeName,
      document.documentElement.dataset.theme,
    ]);
    expect(['default', 'dark']).toContain(themeName);
    expect(theme).toBe(themeName === 'dark' ? 'dark' : 'light');
    mkdirSync(ARTIFACTS, { recursive: true });
    await devtools!.screenshot({ path: resolve(ARTIFACTS, 'devtools-panel.png') });
  });
});
