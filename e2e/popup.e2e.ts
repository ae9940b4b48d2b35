// The toolbar button: the extension's icon set, and a popup with the tab's live totals, its active leak
// alerts and how to open the panel; a tab without GPU use says so.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DIST, exportTrace, type Harness, SCENE_TOTAL, tabByUrl, tabOf, useBrowser, waitFor } from './helpers';

async function popup(h: Harness, tabId: number): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/src/popup/popup.html?tabId=${tabId}`);
  return page;
}

const state = (p: Page): Promise<string | null> => p.locator('[data-testid=popup]').getAttribute('data-state');

describe('toolbar popup', () => {
  const env = useBrowser();

  it('is the action of an icon set made for the tool', async () => {
    const manifest = JSON.parse(readFileSync(resolve(DIST, 'manifest.json'), 'utf8')) as { icons: Record<string, string>; action: { default_popup: string; default_icon: Record<string, string> } };
    expect(Object.keys(manifest.icons)).toEqual(['16', '32', '48', '128']);
    expect(manifest.action.default_popup).toBe('src/popup/popup.html');
    const page = await env.h.context.newPage();
    await page.goto(`chrome-extension://${env.h.extensionId}/src/popup/popup.html?tabId=999999`);
    for (const [size, path] of Object.entries(manifest.icons)) {
      // Each icon is a PNG of its size, served from the extension.
      const dims = await page.evaluate(async (p) => {
        const img = new Image();
        img.src = `/${p}`;
        await img.decode();
        return [img.naturalWidth, img.naturalHeight];
      }, path);
      expect(dims).toEqual([Number(size), Number(size)]);
    }
    await page.close();
  });

  it("shows the tab's live totals and no alerts for a healthy page", async () => {
    const url = `${env.server.url}scene.html`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    const tabId = await tabOf(env.h, url, 2);
    const p = await popup(env.h, tabId);
    await waitFor(() => p.locator('[data-testid=popup-totals]').getAttribute('data-bytes'), (b) => Number(b) === SCENE_TOTAL, 'the scene totals');
    expect(await p.locator('[data-testid=popup-count]').textContent()).toBe('0');
    expect(await p.locator('[data-testid=popup-how]').textContent()).toMatch(/open DevTools \(.+\) and choose the GPU Memory panel/);
    await p.close();
    await page.close();
  });

  it('lists an active leak alert as the badge counts it', async () => {
    const url = `${env.server.url}leaks/route.html?popup`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    await page.waitForFunction('window.__ready !== undefined');
    const tabId = await tabOf(env.h, url);
    await page.evaluate('window.route(false)');
    const p = await popup(env.h, tabId);
    // The canvas's grace period (5 s) ends, and the popup asks again every second.
    await waitFor(() => p.locator('[data-testid=popup-count]').textContent(), (t) => t === '1', 'the alert in the popup', 30_000);
    expect(await p.locator('[data-testid=popup-alerts] li').first().getAttribute('data-rule')).toBe('outlived-canvas');
    // The popup's words are the recording's own alert (up to its "… s ago", which moves on each second).
    const [alert] = (await exportTrace(env.h, tabId)).alerts.filter((a) => a.resolvedAt === null);
    const stable = alert!.message.slice(0, alert!.message.indexOf(', outlived '));
    expect(stable.length).toBeGreaterThan(20);
    const shown = (await p.locator('[data-testid=popup-alerts] li').first().textContent())!;
    expect(shown.slice(0, `outlived-canvas ${stable}, outlived canvas#scene`.length)).toBe(`outlived-canvas ${stable}, outlived canvas#scene`);
    await p.close();
    await page.close();
  });

  it('says when a tab has no WebGL or WebGPU use', async () => {
    const url = `${env.server.url}no-gpu.html`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    const p = await popup(env.h, await tabByUrl(env.h, url));
    await waitFor(() => state(p), (s) => s === 'none', 'the answer');
    expect(await p.locator('[data-testid=popup-none]').textContent()).toMatch(/^No WebGL or WebGPU use seen in this tab yet\./);
    await p.close();
    await page.close();
  });
});
