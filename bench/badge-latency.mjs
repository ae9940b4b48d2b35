// How soon the toolbar badge shows a leak alert once the alert is due (target: within a second), with
// DevTools closed. Each page makes a WebGL texture (16 KiB), then removes its canvas at a random moment;
// the outlived-canvas alert is due `canvasGraceMs` (5 s) after the agent saw the canvas gone, on the
// agent's clock. The bench polls the badge through the service worker every few milliseconds and prints,
// per page, the wall time from the alert's due time to the badge (and, apart, from the page's removal to
// the agent seeing it, which the grace period absorbs). Wall times of the page and this process are on the
// same machine clock (the trace's times are offsets from the page's performance.timeOrigin).
//   npm run build && node bench/badge-latency.mjs [--pages 20]
import { launch, arg, serve } from './lib.mjs';

const PAGES = arg('pages', 20);
const GRACE_MS = 5000;

const page = () => `<!doctype html><meta charset="utf-8"><body><canvas id="c" width="8" height="8"></canvas><script>
  const gl = document.getElementById('c').getContext('webgl2');
  const tex = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, 64, 64, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
  window.keep = tex;
  window.__ready = true;
</script>`;

const server = await serve('none', '', page);
const ctx = await launch(true);
const worker = ctx.serviceWorkers()[0];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rows = [];
for (let i = 0; i < PAGES; i++) {
  const url = `${server.url}?${i}`;
  const p = await ctx.newPage();
  await p.goto(url);
  await p.waitForFunction('window.__ready === true');
  let tabId;
  while (tabId === undefined) {
    const list = await worker.evaluate('globalThis.__gpumem.sessions()');
    tabId = list.find((s) => s.url === url)?.tabId;
    if (tabId === undefined) await sleep(20);
  }
  // A random phase against the agent's once-a-second ticks.
  await sleep(Math.random() * 1000);
  const removedAt = await p.evaluate('document.getElementById("c").remove(), performance.timeOrigin + performance.now()');
  let shownAt;
  for (;;) {
    const text = await worker.evaluate(`chrome.action.getBadgeText({ tabId: ${tabId} })`);
    if (text === '1') {
      shownAt = Date.now();
      break;
    }
    if (Date.now() - removedAt > 30_000) throw new Error(`page ${i}: no badge 30 s after the removal`);
    await sleep(5);
  }
  const trace = await worker.evaluate(`globalThis.__gpumem.exportTrace(${tabId})`);
  const start = Date.parse(trace.meta.startedAt);
  const seen = trace.events.find((e) => e.op === 'canvas' && e.state === 'removed');
  const due = start + seen.t + GRACE_MS;
  rows.push({ latency: shownAt - due, seenAfter: start + seen.t - removedAt });
  await p.close();
}
await ctx.close();
server.close();

const sorted = (k) => rows.map((r) => r[k]).sort((a, b) => a - b);
const lat = sorted('latency');
const seen = sorted('seenAfter');
console.log(`badge latency over ${PAGES} pages (ms, wall): from the outlived-canvas alert's due time to the badge`);
console.log(`  each: ${rows.map((r) => r.latency.toFixed(0)).join(' ')}`);
console.log(`  median ${lat[lat.length >> 1].toFixed(0)}, max ${lat[lat.length - 1].toFixed(0)}, over 1000: ${lat.filter((x) => x > 1000).length}`);
console.log(`  removal to the agent seeing it: median ${seen[seen.length >> 1].toFixed(0)}, max ${seen[seen.length - 1].toFixed(0)}`);
