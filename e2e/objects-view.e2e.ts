// The objects view on 100 000 live objects: only the rows in view are in the DOM, any row is reached by
// keyboard, every column sorts, filters and groups give the fixture's exact numbers (e2e/fixtures/objects.html),
// and a chosen object opens its details with its creation stack.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPanel, tabOf, useBrowser, waitFor } from './helpers';

const N = Number(process.env.OBJ_N ?? 100_000);

/** What the grid shows: the count it reports, and the rows in the DOM. */
function grid(panel: Page) {
  return panel.evaluate(() => {
    const table = document.querySelector<HTMLElement>('[data-testid=objects]');
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid=objects] tbody tr[role=row]')];
    return {
      shown: Number(table?.dataset.rows ?? -1),
      rows: rows.map((tr) => ({ id: tr.dataset.id, kind: tr.dataset.kind, bytes: Number(tr.dataset.bytes), index: Number(tr.getAttribute('aria-rowindex')), group: tr.dataset.group, count: Number(tr.dataset.count), peak: Number(tr.dataset.peak), groupBytes: Number(tr.dataset.bytes) })),
    };
  });
}

describe('objects view', () => {
  const env = useBrowser();
  let panel: Page;

  beforeAll(async () => {
    const { h, server } = env;
    const url = `${server.url}objects.html?n=${N}`;
    const page = await h.context.newPage();
    await page.goto(url);
    await page.waitForFunction('window.__done === true', null, { timeout: 120_000 });
    const tabId = await tabOf(h, url);
    panel = await openPanel(h, tabId);
    // Every buffer, three textures, the drawing buffer and one of the 1 KiB buffers are live.
    await waitFor(() => grid(panel), (g) => g.shown === N + 5, 'every live object in the grid', 120_000);
  }, 180_000);


  it('keeps only the rows in view in the DOM, largest first, and reaches the last by keyboard', async () => {
    const g = await grid(panel);
    expect(g.rows.length).toBeGreaterThan(5);
    expect(g.rows.length).toBeLessThan(120);
    expect(g.rows[0]).toMatchObject({ bytes: 1024, kind: 'webgl.buffer', index: 2 });
    await panel.locator('[data-testid=objects-scroll]').focus();
    await panel.keyboard.press('End');
    const end = await waitFor(() => grid(panel), (x) => x.rows.some((r) => r.index === N + 5 + 1), 'the last row in view');
    expect(end.rows.length).toBeLessThan(120);
    const last = end.rows.find((r) => r.index === N + 6)!;
    expect(last.bytes).toBe(16);
    // The active row is the last one.
    expect(await panel.evaluate(() => document.querySelector('[data-testid=objects-scroll]')!.getAttribute('aria-activedescendant'))).toBe(`obj-row-${N + 4}`);
    await panel.keyboard.press('Home');
    await waitFor(() => grid(panel), (x) => x.rows.some((r) => r.index === 2), 'the first row again');
  });

  it('sorts by any column, both ways', async () => {
    await panel.locator('button[data-sort=bytes]').click();
    const up = await waitFor(() => grid(panel), (x) => x.rows[0]?.bytes !== 1024, 'ascending bytes');
    // The drawing buffer of a 4x4 canvas or a 16 B buffer comes first; textures (64 B) after the buffers.
    expect(up.rows[0]!.bytes).toBeLessThanOrEqual(16);
    expect(await panel.locator('th[aria-sort=ascending] button[data-sort=bytes]').count()).toBe(1);
    await panel.locator('button[data-sort=kind]').click();
    const kinds = await waitFor(() => grid(panel), (x) => x.rows[0]?.kind === 'webgl.buffer', 'by kind');
    expect(kinds.rows[0]!.kind).toBe('webgl.buffer');
    await panel.locator('button[data-sort=kind]').click();
    await waitFor(() => grid(panel), (x) => x.rows[0]?.kind === 'webgl.texture', 'by kind, descending');
    await panel.locator('button[data-sort=bytes]').click();
    await waitFor(() => grid(panel), (x) => x.rows[0]?.bytes === 1024, 'largest first again');
  });

  it('filters by text, kind and state', async () => {
    await panel.fill('[data-testid=objects-filter]', 'makeTextures');
    await waitFor(() => grid(panel), (x) => x.shown === 3, 'the textures by their site');
    await panel.fill('[data-testid=objects-filter]', '');
    await panel.selectOption('[data-testid=objects-kind]', 'webgl.texture');
    expect((await waitFor(() => grid(panel), (x) => x.shown === 3, 'textures')).rows.every((r) => r.bytes === 64)).toBe(true);
    await panel.selectOption('[data-testid=objects-kind]', '');
    await panel.selectOption('[data-testid=objects-state]', 'released');
    const released = await waitFor(() => grid(panel), (x) => x.shown === 4, 'the released buffers');
    expect(released.rows.map((r) => r.bytes)).toEqual([1024, 1024, 1024, 1024]);
    await panel.selectOption('[data-testid=objects-state]', 'live');
    await waitFor(() => grid(panel), (x) => x.shown === N + 5, 'all live objects again');
  });

  it('groups by creation site with count, bytes and peak, and opens a group by keyboard', async () => {
    await panel.selectOption('[data-testid=objects-group]', 'site');
    const g = await waitFor(() => grid(panel), (x) => x.rows.filter((r) => r.group !== undefined).length >= 3, 'the site groups');
    const groups = g.rows.filter((r) => r.group !== undefined);
    const bySite = (fn: string) => groups.find((r) => r.group!.includes(`at ${fn} `))!;
    expect(bySite('bulk')).toMatchObject({ count: N, groupBytes: 16 * N, peak: 16 * N });
    expect(bySite('makeTextures')).toMatchObject({ count: 3, groupBytes: 192, peak: 192 });
    // Five 1 KiB buffers at once, then four deleted: one live, the most held 5 KiB.
    expect(bySite('makeBig')).toMatchObject({ count: 1, groupBytes: 1024, peak: 5120 });
    // Largest first: bulk's 1.6 MB group heads the list.
    expect(groups[0]!.group).toContain('at bulk ');
    await panel.locator('[data-testid=objects-scroll]').focus();
    await panel.keyboard.press('Home');
    await panel.keyboard.press('ArrowRight');
    const open = await waitFor(() => grid(panel), (x) => x.rows.some((r) => r.id !== undefined), 'the group open');
    expect(open.rows[1]).toMatchObject({ kind: 'webgl.buffer', bytes: 16 });
    await panel.keyboard.press('ArrowLeft');
    await waitFor(() => grid(panel), (x) => x.rows.every((r) => r.id === undefined), 'the group closed');
    await panel.selectOption('[data-testid=objects-group]', 'none');
  });

  it('opens an object\'s details with its creation stack from the keyboard', async () => {
    await panel.locator('[data-testid=objects-scroll]').focus();
    await panel.keyboard.press('Home');
    await panel.keyboard.press('Enter');
    const details = panel.locator('[data-testid=details]');
    await details.waitFor();
    expect(await details.locator('[data-testid=details-bytes]').textContent()).toContain('(1024 B)');
    expect(await details.locator('[data-testid=details-released]').textContent()).toBe('no: live');
    const stack = await details.locator('[data-testid=details-stack] li').allTextContents();
    expect(stack[0]).toMatch(new RegExp(`^makeBig \\(.*objects\\.html\\?n=${N}:\\d+:\\d+\\)$`));
    await panel.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
  });
});
