// Snapshots and time ranges in the panel, as a user hunts a leak: the three-snapshot technique on a
// three.js single-page app (gallery → detail → gallery, twice) finds the line that leaks a texture per
// visit; the snapshots go into the exported trace; a range dragged on the chart while the page allocates
// lists what was allocated in it and is still live, grouped by creation site.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocatedIn, SessionStore } from '../src/model/model';
import { exportTrace, openPanel, tabByUrl, useBrowser, waitFor } from './helpers';

/** The line of three-spa.html that uploads the thumbnail each visit to #detail leaks. */
const LEAK_SITE = 'three-spa.html:22:';

interface SnapRow { id: string; count: number; bytes: number }
const snapshots = (panel: Page): Promise<SnapRow[]> =>
  panel.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=snapshot]')].map((li) => ({
    id: li.dataset.id!, count: Number(li.dataset.count), bytes: Number(li.dataset.bytes),
  })));

interface DeltaRowDom { key: string; count: number; bytes: number; added: number; freed: number }
const deltas = (panel: Page, table: string): Promise<DeltaRowDom[]> =>
  panel.evaluate((t) => [...document.querySelectorAll<HTMLElement>(`[data-testid=${t}] tbody tr`)].map((tr) => ({
    key: tr.dataset.key!, count: Number(tr.dataset.count), bytes: Number(tr.dataset.bytes), added: Number(tr.dataset.added), freed: Number(tr.dataset.freed),
  })), table);

const objectRows = (panel: Page) =>
  panel.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=objects] tbody tr[data-id]')].map((tr) => ({
    id: tr.dataset.id!, kind: tr.dataset.kind!, site: tr.querySelector('[data-col=site]')?.textContent ?? '',
  })));

describe('snapshots and their comparison', () => {
  const env = useBrowser();
  let page: Page;
  let panel: Page;
  let tabId: number;

  /** gallery → detail → gallery, waiting for the app to have shown each. */
  async function roundTrip(): Promise<void> {
    for (const hash of ['#detail', '#gallery']) {
      const before = (await page.evaluate('window.visits')) as number;
      await page.evaluate((h) => (location.hash = h), hash);
      await waitFor(() => page.evaluate('window.visits') as Promise<number>, (v) => v > before, `the ${hash} route`);
    }
  }

  beforeAll(async () => {
    const { h, server } = env;
    page = await h.context.newPage();
    const url = `${server.url}leaks/three-spa.html`;
    await page.goto(url);
    await page.waitForFunction('window.__ready === true');
    tabId = await tabByUrl(h, url);
    panel = await openPanel(h, tabId);
    await waitFor(() => panel.evaluate(() => document.querySelector<HTMLElement>('.panel')?.dataset.synced), (s) => s === 'yes', 'the panel');
  });

  it('takes three snapshots (button, shortcut, button) around two visits of a route', async () => {
    expect(await panel.locator('[data-testid=snapshots-empty]').count()).toBe(1);
    await panel.locator('[data-testid=take-snapshot]').click();
    await waitFor(() => snapshots(panel), (s) => s.length === 1, 'snapshot 1');
    await roundTrip();
    await panel.locator('[data-testid=objects-filter]').focus();
    await panel.keyboard.press('Control+Shift+S');
    await waitFor(() => snapshots(panel), (s) => s.length === 2, 'snapshot 2 by the shortcut');
    await roundTrip();
    await panel.locator('[data-testid=take-snapshot]').click();
    const s = await waitFor(() => snapshots(panel), (x) => x.length === 3, 'snapshot 3');
    expect(s.map((x) => x.id)).toEqual(['s1', 's2', 's3']);
    // Each is marked on both charts where it was taken.
    for (const m of ['bytes', 'count']) {
      await waitFor(() => panel.locator(`[data-testid=chart-${m}] .uplot`).getAttribute('data-snapshot-marks'), (n) => n === '3', `3 marks on the ${m} chart`);
    }
    // Each visit leaves one 64×64 RGBA8 texture (16 384 B) behind.
    expect(s[2]!.bytes - s[1]!.bytes).toBe(16384);
    expect(s[2]!.count - s[1]!.count).toBe(1);
  });

  it('compares the last two: the only growth is the leaking line', async () => {
    await panel.selectOption('[data-testid=compare-base]', 's2');
    await panel.selectOption('[data-testid=compare-target]', 's3');
    const total = panel.locator('[data-testid=compare-total]');
    await waitFor(() => total.getAttribute('data-bytes'), (b) => b === '16384', 'the comparison');
    expect(await total.getAttribute('data-count')).toBe('1');
    const kinds = await deltas(panel, 'compare-kinds');
    expect(kinds.filter((r) => r.bytes !== 0 || r.count !== 0)).toEqual([{ key: 'webgl.texture', count: 1, bytes: 16384, added: 1, freed: 0 }]);
    // The detail route's geometry buffers come and go within each visit: the gallery's are all there is.
    expect(kinds.find((r) => r.key === 'webgl.buffer')).toMatchObject({ count: 0, bytes: 0, added: 0, freed: 0 });
    const grew = (await deltas(panel, 'compare-sites')).filter((r) => r.bytes > 0);
    expect(grew).toHaveLength(1);
    expect(grew[0]!.key).toContain(LEAK_SITE);
    expect(grew[0]).toMatchObject({ count: 1, bytes: 16384 });
    // One context: the renderer's, which grew by the same.
    expect(await deltas(panel, 'compare-contexts')).toEqual([expect.objectContaining({ count: 1, bytes: 16384, added: 1 })]);
  });

  it('lists what was allocated between snapshots 1 and 2 and is still live at 3', async () => {
    await panel.selectOption('[data-testid=compare-base]', 's1');
    await panel.selectOption('[data-testid=compare-target]', 's2');
    await panel.selectOption('[data-testid=compare-still]', 's3');
    await panel.locator('[data-testid=show-added]').click();
    await waitFor(() => panel.locator('[data-testid=selection]').textContent(), (t) => /still live at Snapshot 3/.test(t ?? ''), 'the scope');
    // Grouped by creation site: open every group to read the objects.
    await waitFor(() => panel.locator('[data-testid=objects-group]').inputValue(), (v) => v === 'site', 'grouping by site');
    for (const g of await panel.locator('[data-testid=objects] tr.group').all()) await g.click();
    const rows = await objectRows(panel);
    // The first visit's thumbnail is among them (with three.js's programs, compiled once and cached), and
    // none of the first visit's geometry buffers, which were disposed.
    const textures = rows.filter((r) => r.kind === 'webgl.texture');
    expect(textures).toHaveLength(1);
    expect(textures[0]!.site).toContain(LEAK_SITE);
    expect(rows.filter((r) => r.kind === 'webgl.buffer')).toEqual([]);
  });

  it('writes the snapshots into the trace, which replays to the same contents', async () => {
    const trace = await exportTrace(env.h, tabId);
    expect(trace.events.filter((e) => e.op === 'snapshot').map((e) => (e as { name: string }).name)).toEqual(['Snapshot 1', 'Snapshot 2', 'Snapshot 3']);
    const replayed = SessionStore.fromTrace(trace).snapshots.map((s) => ({ id: s.id, count: s.objects.length, bytes: s.totalBytes }));
    expect(replayed).toEqual(await snapshots(panel));
  });
});

describe('a time range of the chart', () => {
  const env = useBrowser();

  it('lists the objects allocated in it and still live at its end, by site, while the page allocates', async () => {
    const { h, server } = env;
    const page = await h.context.newPage();
    // A new buffer every 100 ms, never deleted.
    const url = `${server.url}leaks/growth.html?leak`;
    await page.goto(url);
    const tabId = await tabByUrl(h, url);
    const panel = await openPanel(h, tabId);
    const maxX = () => panel.evaluate(() => Number(document.querySelector<HTMLElement>('[data-testid=chart-count]')?.dataset.xMax ?? 0));
    await waitFor(maxX, (x) => x > 2.5, 'more than two seconds of chart');
    const over = (await panel.locator('[data-testid=chart-count] .u-over').boundingBox())!;
    await panel.mouse.move(over.x + over.width * 0.3, over.y + over.height / 2);
    await panel.mouse.down();
    await panel.mouse.move(over.x + over.width * 0.7, over.y + over.height / 2, { steps: 5 });
    await panel.mouse.up();
    const bar = panel.locator('[data-testid=range]');
    await waitFor(() => bar.count(), (n) => n === 1, 'the range');
    const from = Number(await bar.getAttribute('data-from'));
    const to = Number(await bar.getAttribute('data-to'));
    expect(to).toBeGreaterThan(from);
    // The page goes on allocating; the range and its list stay.
    const steps = (await page.evaluate('window.steps')) as number;
    await waitFor(() => page.evaluate('window.steps') as Promise<number>, (n) => n >= steps + 10, 'a second more of allocations');
    const trace = await exportTrace(h, tabId);
    const expected = allocatedIn(trace.objects, from, to, to);
    expect(expected.length).toBeGreaterThan(3);
    await waitFor(() => bar.getAttribute('data-count'), (c) => c === String(expected.length), 'the range count');
    expect(Number(await bar.getAttribute('data-from'))).toBe(from);
    await waitFor(() => panel.locator('[data-testid=objects-group]').inputValue(), (v) => v === 'site', 'grouping by site');
    const groups = await panel.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=objects] tr.group')].map((g) => ({ key: g.dataset.group!, count: Number(g.dataset.count) })));
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(expected.length);
    expect(groups.some((g) => g.key.includes('app.js:'))).toBe(true);
    // Live now: the same objects here (the page deletes none).
    await panel.selectOption('[data-testid=range-live]', 'now');
    expect(await bar.getAttribute('data-count')).toBe(String(expected.length));
    await panel.locator('[data-testid=clear-range]').click();
    await waitFor(() => bar.count(), (n) => n === 0, 'the range cleared');
    expect(await panel.locator('[data-testid=chart-count]').getAttribute('data-follow')).toBe('yes');
    await page.close();
    await panel.close();
  });
});
