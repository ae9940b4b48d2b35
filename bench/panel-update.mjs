// The panel on a big, busy tab: a page makes N WebGL buffers (kept), then streams about R events a second
// (buffers made and deleted every 50 ms, the live count steady). With the panel page connected to the tab
// it measures, in one run:
//   first paint   the panel opened until its objects view counts all N + 1 live objects
//   updates       each redraw's time on the panel's thread (views' render and commit, charts' setData;
//                 panels/gpu-memory/perf.ts), p50 / p95 / max over the streaming seconds, against 16 ms
//   slices        each slice of applied data (bounded at 50 ms by design)
//   heap          the panel's JS heap when streaming starts and ends
//   with a range  the same updates while a range dragged across the whole count chart is chosen: the
//                 objects view then lists the objects allocated in it and still live at its end (all N),
//                 computed again at each change of the recording
//   hidden        the panel's thread busy time (CDP TaskDuration) over equal spans shown and hidden
//                 (DevTools' onHidden, as src/devtools/devtools.ts relays it), and their ratio
//
//                 from --settle seconds after the panel is hidden (the garbage collector's cleanup of
//                 the shown span's garbage falls in the first seconds)
//
//   npm run build && node bench/panel-update.mjs [--objects 100000] [--rate 2000] [--seconds 10] [--settle 1]
import { createServer } from 'node:http';
import { arg, launch } from './lib.mjs';
import { manyBuffersPage } from './pages.mjs';

const N = arg('objects', 100_000);
const RATE = arg('rate', 2000);
const SECONDS = arg('seconds', 10);
const SETTLE = arg('settle', 1);
// Each streamed buffer is three events (create, size, release), in ticks of 50 ms.
const PER_TICK = Math.max(1, Math.round(RATE / 20 / 3));

const PAGE = manyBuffersPage(N, `
  const streamed = [];
  window.stream = () => setInterval(() => {
    for (let i = 0; i < ${PER_TICK}; i++) {
      const b = gl.createBuffer();
      gl.bindBuffer(gl.ARRAY_BUFFER, b);
      gl.bufferData(gl.ARRAY_BUFFER, 64, gl.STATIC_DRAW);
      streamed.push(b);
    }
    // Made in an earlier tick: live between tasks, so each is a create, a size and a release.
    while (streamed.length > ${PER_TICK * 4}) gl.deleteBuffer(streamed.shift());
  }, 50);`);

const server = createServer((q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

const ctx = await launch(true);
try {
  const worker = ctx.serviceWorkers()[0];
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForFunction(`window.made === ${N}`, null, { timeout: 0, polling: 500 });
  let tabId;
  for (;;) {
    const s = await worker.evaluate('globalThis.__gpumem.sessions()');
    tabId = s.find((x) => x.url === url)?.tabId;
    const sum = tabId === undefined ? null : await worker.evaluate(`globalThis.__gpumem.summary(${tabId})`);
    if (sum?.live['webgl.buffer']?.count === N) break;
    await wait(250);
  }
  const id = new URL(worker.url()).host;
  const panel = await ctx.newPage();
  await panel.setViewportSize({ width: 1200, height: 900 });
  const t0 = Date.now();
  await panel.goto(`chrome-extension://${id}/panels/gpu-memory/index.html?tabId=${tabId}`);
  await panel.waitForFunction((want) => Number(document.querySelector('[data-testid=objects]')?.dataset.rows) >= want, N + 1, { timeout: 0, polling: 50 });
  const firstPaint = Date.now() - t0;
  const cdp = await ctx.newCDPSession(panel);
  await cdp.send('Performance.enable');
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  const heap = async () => (await cdp.send('Runtime.getHeapUsage')).usedSize / 1048576;

  await page.evaluate('window.stream()');
  await wait(1000);
  await panel.evaluate(() => {
    globalThis.__gpumemPanelPerf.updates.length = 0;
    globalThis.__gpumemPanelPerf.slices.length = 0;
  });
  const heap0 = await heap();
  const busy0 = await busy();
  await wait(SECONDS * 1000);
  const busyShown = (await busy()) - busy0;
  const heap1 = await heap();
  const perf = await panel.evaluate(() => ({ updates: globalThis.__gpumemPanelPerf.updates.slice(), slices: globalThis.__gpumemPanelPerf.slices.slice() }));
  const rows = await panel.evaluate(() => Number(document.querySelector('[data-testid=objects]')?.dataset.rows));
  const events = await panel.evaluate(() => document.querySelector('[data-testid=footer]')?.textContent ?? '');

  // A range across the whole chart: every live object was allocated in it.
  const over = await panel.locator('[data-testid=chart-count] .u-over').boundingBox();
  await panel.mouse.move(over.x + 1, over.y + over.height / 2);
  await panel.mouse.down();
  await panel.mouse.move(over.x + over.width - 1, over.y + over.height / 2, { steps: 5 });
  await panel.mouse.up();
  await panel.waitForSelector('[data-testid=range]');
  await wait(1000);
  await panel.evaluate(() => {
    globalThis.__gpumemPanelPerf.updates.length = 0;
  });
  await wait(SECONDS * 1000);
  const ranged = await panel.evaluate(() => globalThis.__gpumemPanelPerf.updates.slice());
  const rangeCount = await panel.evaluate(() => Number(document.querySelector('[data-testid=range]')?.dataset.count));
  await panel.locator('[data-testid=clear-range]').click();

  await panel.evaluate(() => globalThis.__gpumemPanelShown(false));
  await wait(SETTLE * 1000);
  const busy2 = await busy();
  await wait(SECONDS * 1000);
  const busyHidden = (await busy()) - busy2;
  await panel.evaluate(() => globalThis.__gpumemPanelShown(true));
  const s0 = Date.now();
  await panel.waitForFunction(() => document.querySelector('.panel')?.dataset.shown === 'yes', null, { polling: 50 });

  console.log(`Chromium ${ctx.browser()?.version() ?? ''}; ${N} live objects, about ${PER_TICK * 3 * 20} events/s streamed for ${SECONDS} s`);
  console.log(`first paint: ${(firstPaint / 1000).toFixed(2)} s (target 2 s)`);
  console.log(`updates: ${perf.updates.length}, p50 ${ms(pct(perf.updates, 50))}, p95 ${ms(pct(perf.updates, 95))}, max ${ms(Math.max(...perf.updates))} (target p95 16 ms)`);
  console.log(`updates with a range of ${rangeCount} objects: ${ranged.length}, p50 ${ms(pct(ranged, 50))}, p95 ${ms(pct(ranged, 95))}, max ${ms(Math.max(...ranged))}; p95 ${(pct(ranged, 95) / pct(perf.updates, 95)).toFixed(2)}x without`);
  console.log(`slices: ${perf.slices.length}, p95 ${ms(pct(perf.slices, 95))}, max ${ms(Math.max(...perf.slices))}`);
  console.log(`heap: ${heap0.toFixed(1)} MiB when streaming started, ${heap1.toFixed(1)} MiB ${SECONDS} s later; rows ${rows}; ${events}`);
  console.log(`panel thread busy over ${SECONDS} s (hidden from ${SETTLE} s after hiding): shown ${(busyShown * 1000).toFixed(0)} ms, hidden ${(busyHidden * 1000).toFixed(0)} ms, hidden/shown ${(busyHidden / busyShown).toFixed(3)}x; shown again in ${Date.now() - s0} ms`);
} finally {
  await ctx.close();
  server.close();
}
