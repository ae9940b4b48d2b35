// A recording per page load: the panel opened before the page (as with DevTools open on a blank tab) and
// kept open across a reload and a navigation shows each load on its own time axis, and keeps the earlier
// loads selectable with their own numbers.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPanel, panelTotals, SCENE_EXPECTED, SCENE_TOTAL, tabByUrl, useBrowser, waitFor } from './helpers';

/** The x range a chart shows, in seconds. */
function xRange(panel: Page): Promise<{ min: number; max: number }> {
  return panel.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-testid=chart-bytes]');
    return { min: Number(el?.dataset.xMin ?? NaN), max: Number(el?.dataset.xMax ?? NaN) };
  });
}

/** The recording picker's entries (empty while there is only the current one). */
function recordings(panel: Page): Promise<string[]> {
  return panel.evaluate(() => [...document.querySelectorAll<HTMLOptionElement>('[data-testid=recording] option')].map((o) => o.textContent ?? ''));
}

describe('a recording per page load', () => {
  const env = useBrowser();
  let page: Page;
  let panel: Page;

  beforeAll(async () => {
    const { h, server } = env;
    page = await h.context.newPage();
    await page.goto(`${server.url}no-gpu.html`);
    const url = `${server.url}no-gpu.html`;
    // The panel subscribes while the tab has no recording yet.
    panel = await openPanel(h, await tabByUrl(h, url));
    await waitFor(() => panel.evaluate(() => document.querySelector('[data-testid=url]')?.textContent ?? ''), (t) => t.length > 0, 'the panel');
  });


  it('times a page loaded after the panel opened from its own start, not from 1970', async () => {
    await page.goto(`${env.server.url}scene.html`);
    await waitFor(() => panelTotals(panel), (t) => t.total === SCENE_TOTAL, 'the scene in the panel');
    const r = await waitFor(() => xRange(panel), (x) => x.max >= 0.5, 'the chart');
    expect(r.min).toBeGreaterThanOrEqual(0);
    expect(r.max).toBeLessThan(600);
    expect(await recordings(panel)).toEqual([]);
  });

  it('starts a new recording on reload and keeps the earlier one selectable', async () => {
    await page.reload();
    await waitFor(() => recordings(panel), (r) => r.length === 2, 'the earlier recording in the picker');
    await waitFor(() => panelTotals(panel), (t) => t.total === SCENE_TOTAL, 'the reloaded scene');
    // The new load's axis starts again near 0.
    const r = await waitFor(() => xRange(panel), (x) => Number.isFinite(x.max), 'the chart');
    expect(r.max).toBeLessThan(120);
    const [, earlier] = await recordings(panel);
    expect(earlier).toContain('scene.html');
    expect(earlier).toMatch(/^until \d.*\(\d+ objects seen\)$/);
  });

  it('shows an earlier load with its own objects after a navigation to a page without GPU use', async () => {
    await page.goto(`${env.server.url}no-gpu.html`);
    await waitFor(() => recordings(panel), (r) => r.length === 3, 'two earlier recordings');
    await waitFor(() => panelTotals(panel), (t) => t.total === 0 || Number.isNaN(t.total), 'the empty current load');
    // A page that never touches the GPU says so, with what to try.
    expect(await panel.locator('[data-testid=empty]').textContent()).toMatch(/^No WebGL or WebGPU use seen in this tab yet\./);
    await panel.selectOption('[data-testid=recording]', { index: 2 });
    const seen = await waitFor(() => panelTotals(panel), (t) => t.total === SCENE_TOTAL, 'the first load');
    expect(seen.kinds).toEqual(SCENE_EXPECTED);
    expect(await panel.locator('[data-testid=state]').textContent()).toMatch(/^an earlier page load of this tab, recorded for \d+\.\d s: its objects as the page held them when it was left$/);
    const rows = await panel.locator('[data-testid=objects] tbody tr').count();
    expect(rows).toBe(14);
    // Back to the current load: nothing live there.
    await panel.selectOption('[data-testid=recording]', 'live');
    await waitFor(() => panelTotals(panel), (t) => t.total !== SCENE_TOTAL, 'the current load again');
  });
});
