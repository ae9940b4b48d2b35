// Draws the toolbar and store icons (icons/icon-16.png … icon-128.png) from one SVG, in Chromium, with a
// transparent background: a blue chip, legible on light and dark toolbars, holding a rising bar chart (GPU
// memory over time); the pins are left out below 32 px, where they would blur. Run after changing the
// drawing: `node scripts/make-icons.mjs`; the PNGs are committed.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const OUT = resolve(import.meta.dirname, '../icons');

function svg(size) {
  const pins = size >= 32;
  const inset = pins ? 14 : 4;
  const pinLines = [];
  if (pins) {
    for (const p of [36, 56, 76, 96]) {
      pinLines.push(`<rect x="${p - 4}" y="2" width="8" height="14" rx="2"/>`, `<rect x="${p - 4}" y="112" width="8" height="14" rx="2"/>`);
      pinLines.push(`<rect x="2" y="${p - 4}" width="14" height="8" rx="2"/>`, `<rect x="112" y="${p - 4}" width="14" height="8" rx="2"/>`);
    }
  }
  const body = 128 - 2 * inset;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">
  <g fill="#5f6368">${pinLines.join('')}</g>
  <rect x="${inset}" y="${inset}" width="${body}" height="${body}" rx="${pins ? 14 : 18}" fill="#1a73e8" stroke="#0b57d0" stroke-width="4"/>
  <g fill="#fff">
    <rect x="${inset + body * 0.16}" y="${inset + body * 0.58}" width="${body * 0.16}" height="${body * 0.26}" rx="3"/>
    <rect x="${inset + body * 0.42}" y="${inset + body * 0.4}" width="${body * 0.16}" height="${body * 0.44}" rx="3"/>
    <rect x="${inset + body * 0.68}" y="${inset + body * 0.18}" width="${body * 0.16}" height="${body * 0.66}" rx="3"/>
  </g>
</svg>`;
}

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
const page = await browser.newPage({ deviceScaleFactor: 1 });
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg(size)}</body></html>`);
  await page.screenshot({ path: resolve(OUT, `icon-${size}.png`), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
await browser.close();
console.log(`icons written to ${OUT}`);
