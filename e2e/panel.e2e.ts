// The panel, opened as its extension page for a tab, shows exactly the fixture's counts and bytes while the
// page runs, across two contexts and an iframe, and keeps up while the page allocates.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../src/cli/static-server';
import { ARTIFACTS, fixtureServer, type Harness, launch, panelTotals, SCENE_EXPECTED, SCENE_TOTAL, tabOf, waitFor } from './helpers';

describe('GPU Memory panel', () => {
  let server: StaticServer;
  let h: Harness;
  let page: Page;
  let panel: Page;
  let tabId: number;

  beforeAll(async () => {
    server = await fixtureServer();
    h = await launch();
    page = await h.context.newPage();
    await page.goto(`${server.url}scene.html`);
    tabId = await tabOf(h, `${server.url}scene.html`, 2);
    panel = await h.context.newPage();
    await panel.goto(`chrome-extension://${h.extensionId}/panels/gpu-memory/index.html?tabId=${tabId}`);
  });

  afterAll(async () => {
    await h?.context.close();
    await server?.close();
  });

  it('shows the exact live counts and bytes of every kind', async () => {
    const seen = await waitFor(() => panelTotals(panel), (t) => t.total === SCENE_TOTAL, 'panel totals');
    expect(seen.kinds).toEqual(SCENE_EXPECTED);
    // The buffer and the texture the scene made and deleted in one task show as churn.
    const churn = await panel.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll<HTMLElement>('[data-testid=totals] tbody tr')].map((tr) => [tr.dataset.kind, Number(tr.dataset.churn)])),
    );
    expect(churn).toEqual({ 'webgl.buffer': 1, 'webgl.texture': 1, 'webgl.drawingBuffer': 0 });
  });

  it('lists every live object with kind, bytes, context and frame', async () => {
    const rows = await panel.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid=objects] tbody tr')].map((tr) => ({
        kind: tr.dataset.kind,
        bytes: Number(tr.dataset.bytes),
        context: tr.querySelector('[data-col=context]')!.textContent,
        frame: tr.querySelector('[data-col=frame]')!.textContent,
      })),
    );
    expect(rows).toHaveLength(14);
    expect(rows[0]).toMatchObject({ kind: 'webgl.texture', bytes: 21844, context: 'webgl2 canvas#a' });
    expect(rows.filter((r) => r.context === 'webgl canvas#c')).toHaveLength(3);
    expect(rows.find((r) => r.context === 'webgl canvas#c')!.frame).toMatch(/^iframe \d+ .*child\.html$/);
    const options = await panel.locator('[data-testid=frame-filter] option').count();
    expect(options).toBe(3);
  });

  it('keeps a chosen range on both charts while data streams, and follows the live edge again on request', async () => {
    const range = (measure: string) =>
      panel.evaluate((m) => {
        const el = document.querySelector<HTMLElement>(`[data-testid=chart-${m}]`)!;
        return { min: Number(el.dataset.xMin), max: Number(el.dataset.xMax), follow: el.dataset.follow };
      }, measure);
    const version = () => panel.evaluate(() => Number(document.querySelector<HTMLElement>('.panel')!.dataset.version));
    await waitFor(() => range('bytes'), (r) => r.max > 1, 'a second of chart');
    // Drag across the middle of the bytes chart, as a user chooses a range.
    const over = (await panel.locator('[data-testid=chart-bytes] .u-over').boundingBox())!;
    await panel.mouse.move(over.x + over.width * 0.2, over.y + over.height / 2);
    await panel.mouse.down();
    await panel.mouse.move(over.x + over.width * 0.5, over.y + over.height / 2, { steps: 5 });
    await panel.mouse.up();
    // The range chosen (ms, as the objects view filters by it) is what both charts show.
    const bar = panel.locator('[data-testid=range]');
    await waitFor(() => bar.count(), (n) => n === 1, 'the range');
    const from = Number(await bar.getAttribute('data-from')) / 1000;
    const to = Number(await bar.getAttribute('data-to')) / 1000;
    const onRange = (r: { min: number; max: number; follow?: string }): boolean => r.follow === 'no' && r.min === from && r.max === to;
    const zoomed = await waitFor(() => range('bytes'), onRange, 'the range on the chart dragged across');
    await waitFor(() => range('count'), onRange, 'the range on the other chart');
    expect(from).toBeLessThan(to);
    // Two more redraws with new data (the panel redraws every second): the range stays.
    const v = await version();
    await waitFor(version, (n) => n > v + 2, 'two redraws');
    expect(await range('bytes')).toEqual(zoomed);
    expect(await range('count')).toEqual(zoomed);
    await panel.locator('[data-testid=follow-bytes]').click();
    // Following again, the chart's right edge is the latest data, past the range's end.
    const live = await waitFor(() => range('bytes'), (r) => r.follow === 'yes' && r.max > to, 'following again');
    expect(live.min).toBeLessThan(zoomed.min);
    await waitFor(() => range('count'), (r) => r.follow === 'yes', 'the other chart following again');
    expect(await panel.locator('[data-testid=follow-bytes]').count()).toBe(0);
    expect(await bar.count()).toBe(0);
  });

  it('filters by frame', async () => {
    const childFrame = await panel.evaluate(() =>
      [...document.querySelectorAll<HTMLOptionElement>('[data-testid=frame-filter] option')].find((o) => o.textContent!.includes('child.html'))!.value,
    );
    await panel.selectOption('[data-testid=frame-filter]', childFrame);
    const t = await waitFor(() => panelTotals(panel), (x) => x.total === 512 + 16 + 512, 'iframe totals');
    expect(t.kinds).toEqual({
      'webgl.buffer': { count: 1, bytes: 512 },
      'webgl.texture': { count: 1, bytes: 16 },
      'webgl.drawingBuffer': { count: 1, bytes: 512 },
    });
    await panel.selectOption('[data-testid=frame-filter]', 'all');
  });

  it('streams while the page allocates: intermediate states appear, the chart grows', async () => {
    const pointsBefore = Number(await panel.getAttribute('[data-testid=chart-bytes]', 'data-points'));
    // 40 buffers of 100 B, one per animation frame.
    await page.evaluate(() => {
      const gl = (document.getElementById('a') as HTMLCanvasElement).getContext('webgl2')!;
      let n = 0;
      const step = (): void => {
        const b = gl.createBuffer();
        gl.bindBuffer(gl.ARRAY_BUFFER, b);
        gl.bufferData(gl.ARRAY_BUFFER, 100, gl.STATIC_DRAW);
        if (++n < 40) requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    const counts = new Set<number>();
    await waitFor(
      async () => {
        const t = await panelTotals(panel);
        counts.add(t.kinds['webgl.buffer']!.count);
        return t.kinds['webgl.buffer']!;
      },
      (b) => b.count === 45 && b.bytes === 2472 + 4000,
      'all 40 new buffers in the panel',
    );
    // The panel showed the growth on its way, not only the end state.
    expect([...counts].filter((c) => c > 5 && c < 45).length).toBeGreaterThan(0);
    const pointsAfter = Number(await panel.getAttribute('[data-testid=chart-bytes]', 'data-points'));
    expect(pointsAfter).toBeGreaterThan(pointsBefore);
    expect(await panel.locator('[data-testid=chart-bytes] canvas').count()).toBe(1);
    mkdirSync(ARTIFACTS, { recursive: true });
    await panel.screenshot({ path: resolve(ARTIFACTS, 'panel.png'), fullPage: true });
  });

  it('exports the same numbers from its Export button', async () => {
    const download = panel.waitForEvent('download');
    await panel.click('[data-testid=export]');
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const trace = JSON.parse(readFileSync(file, 'utf8'));
    expect(trace.format).toBe('gpumem-trace');
    expect(trace.summary.live['webgl.buffer']).toEqual({ count: 45, bytes: 6472 });
    expect(trace.summary.live['webgl.texture']).toEqual(SCENE_EXPECTED['webgl.texture']);
  });
});
