// Takes the README's screenshot of the panel: the demo scene (examples/leaky-scene.html) in headless
// Chromium with the built extension, recorded until its leak alert shows, the panel page at 1400×800.
// Usage: npm run build && node scripts/screenshot-panel.mjs [out.png]   (default docs/images/panel.png)
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const out = resolve(process.argv[2] ?? join(ROOT, 'docs', 'images', 'panel.png'));
const server = createServer((q, r) => {
  const file = join(ROOT, 'examples', 'leaky-scene.html');
  if (q.url !== '/leaky-scene.html') return r.writeHead(404).end();
  r.writeHead(200, { 'content-type': extname(file) === '.html' ? 'text/html' : 'application/octet-stream' });
  createReadStream(file).pipe(r);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/leaky-scene.html`;
const ext = join(ROOT, 'dist');
const ctx = await chromium.launchPersistentContext('', {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
});
try {
  const worker = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const until = async (what, probe) => {
    for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      const v = await probe().catch(() => null);
      if (v) return v;
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  await until('the extension', () => worker.evaluate('globalThis.__gpumem ? globalThis.__gpumem.ready.then(() => true) : false'));
  const page = await ctx.newPage();
  await page.goto(url);
  const tabId = await until('the recording', async () =>
    (await worker.evaluate('globalThis.__gpumem.sessions()')).find((s) => s.url === url)?.tabId);
  const panel = await ctx.newPage();
  await panel.setViewportSize({ width: 1400, height: 800 });
  await panel.goto(`chrome-extension://${new URL(worker.url()).host}/panels/gpu-memory/index.html?tabId=${tabId}`);
  // The demo's steady-growth alert is due about 10 s after the page loads.
  await panel.waitForSelector('.panel[data-synced=yes] [data-testid=leaks]', { timeout: 60_000 });
  // Let the charts take a few more seconds of history, as a user would see them.
  await panel.waitForFunction(() => performance.now() > 4000);
  await panel.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await ctx.close();
  server.close();
}
