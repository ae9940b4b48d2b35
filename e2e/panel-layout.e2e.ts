// The panel's layout and theme, as a user docks it: from 320 px (docked to the side) to full width, in the
// light and dark themes. Nothing overlaps, nothing widens the page past its width, each chart draws at its
// cell's width, and the dark theme is dark. Screenshots land in e2e/artifacts/ for a look.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../src/cli/static-server';
import { ARTIFACTS, fixtureServer, type Harness, launch, tabOf, waitFor } from './helpers';

interface Box { name: string; x: number; y: number; w: number; h: number }

describe('GPU Memory panel layout', () => {
  let server: StaticServer;
  let h: Harness;
  let tabId: number;

  beforeAll(async () => {
    server = await fixtureServer();
    h = await launch();
    const page = await h.context.newPage();
    await page.goto(`${server.url}scene.html`);
    // A WebGPU buffer with a 500-character label: the kind of text that used to widen the page.
    await page.evaluate(`(async () => {
      const device = await (await navigator.gpu.requestAdapter()).requestDevice();
      window.keepGpu = device.createBuffer({ size: 256, usage: GPUBufferUsage.VERTEX, label: 'mesh/' + 'x'.repeat(500) });
    })()`);
    tabId = await tabOf(h, `${server.url}scene.html`, 2);
  });

  afterAll(async () => {
    await h?.context.close();
    await server?.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const width of [320, 480, 800, 1400]) {
      it(`${theme}, ${width} px wide: no overlap, no sideways page, charts at their cells' width`, async () => {
        const panel = await h.context.newPage();
        await panel.setViewportSize({ width, height: 900 });
        await panel.goto(`chrome-extension://${h.extensionId}/panels/gpu-memory/index.html?tabId=${tabId}&theme=${theme}`);
        await waitFor(
          () => panel.evaluate(() => document.querySelectorAll('.panel[data-synced=yes] [data-testid=objects] tbody tr').length),
          (n) => n >= 5,
          'the objects listed',
        );
        await waitFor(() => panel.evaluate(() => document.querySelectorAll('.chart canvas').length), (n) => n === 2, 'both charts');
        // Let a resize observer settle the charts' widths.
        await waitFor(
          () => panel.evaluate(() => [...document.querySelectorAll<HTMLElement>('.chart')].every((c) => {
            const plot = c.querySelector<HTMLElement>('.uplot');
            return plot !== null && Math.abs(plot.getBoundingClientRect().width - Math.max(160, Math.floor(c.clientWidth))) <= 1;
          })),
          (ok) => ok,
          'charts at their cells\' width',
        );
        const m = await panel.evaluate(() => {
          const box = (name: string, el: Element | null) => {
            const r = el!.getBoundingClientRect();
            return { name, x: r.x, y: r.y, w: r.width, h: r.height };
          };
          const charts = [...document.querySelectorAll('.chart')].map((c, i) => box(`chart ${i}`, c));
          const tables = [...document.querySelectorAll('.tables > *')].map((t, i) => box(`tables ${i}`, t));
          return {
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            boxes: [...charts, ...tables, box('leaks', document.querySelector('.leaks-section')), box('header', document.querySelector('header'))],
            theme: document.documentElement.dataset.theme,
            background: getComputedStyle(document.body).backgroundColor,
          };
        });
        mkdirSync(ARTIFACTS, { recursive: true });
        await panel.screenshot({ path: resolve(ARTIFACTS, `panel-${theme}-${width}.png`), fullPage: true });
        expect(m.scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(m.innerWidth);
        const overlaps: string[] = [];
        const bs = m.boxes as Box[];
        for (let i = 0; i < bs.length; i++) {
          for (let j = i + 1; j < bs.length; j++) {
            const a = bs[i]!;
            const b = bs[j]!;
            const ix = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
            const iy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
            if (ix > 0.5 && iy > 0.5) overlaps.push(`${a.name} × ${b.name}`);
          }
          const a = bs[i]!;
          if (a.x < -0.5 || a.x + a.w > m.innerWidth + 0.5) overlaps.push(`${a.name} past the edge`);
        }
        expect(overlaps).toEqual([]);
        expect(m.theme).toBe(theme);
        // The dark theme's background is dark, the light one's light (by luminance of the body's colour).
        const [r, g, b] = m.background.match(/\d+/g)!.map(Number) as [number, number, number];
        const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        if (theme === 'dark') expect(luminance).toBeLessThan(0.2);
        else expect(luminance).toBeGreaterThan(0.9);
        await panel.close();
      });
    }
  }
});
