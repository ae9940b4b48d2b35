// Takes the README's screenshot of the panel: the demo scene (examples/leaky-scene.html) in headless
// Chromium with the built extension, recorded until its leak alert shows, the panel page at 1400×800.
// Usage: npm run build && node scripts/screenshot-panel.mjs [out.png]   (default docs/images/panel.png)
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../dist-cli/launch-browser.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const out = resolve(process.argv[2] ?? join(ROOT, 'docs', 'images', 'panel.png'));
const server = createServer((q, r) => {
  if (q.url !== '/leaky-scene.html') return r.writeHead(404).end();
  r.writeHead(200, { 'content-type': 'text/html' });
  createReadStream(join(ROOT, 'examples', 'leaky-scene.html')).pipe(r);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/leaky-scene.html`;
// The CLI's launcher and flags; it waits until the extension has registered its page script.
const { context: ctx, worker } = await launchBrowser({ browser: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, extensionDir: join(ROOT, 'dist') });
try {
  const until = async (what, probe) => {
    for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      const v = await probe().catch(() => null);
      if (v) return v;
    }
    throw new Error(`timed out waiting for ${what}`);
  };
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
