// Recordings of any size reach their readers: a page makes N WebGL buffers (16 bytes each, kept), then this
// times, with DevTools' panel page and the CLI's path through the worker:
//   first paint  the panel page opened on the tab until its objects table counts all N live buffers (its
//                drawing buffer makes N + 1 rows)
//   panel export Export clicked until the browser has the file (gzipped past 160 Mi characters)
//   viewer open  that file opened in the trace viewer page until its table counts all N live buffers,
//                with the longest time the page did not answer meanwhile (the longest gap between ticks
//                of a 10 ms timer)
//   CLI export   the worker's export read piece by piece, gzipped (what gpumem record does) and as text
// and the trace's size. A build without the piecewise export (GPUMEM_EXT=<older dist>) is read the way it
// offered: one worker.evaluate of the whole trace, given --cap seconds at most.
//
//   node bench/large-recording.mjs [--objects 130000,200000,1000000] [--cap 600]
//   node bench/large-recording.mjs --objects 130000 --repeat 5    (first paint only, 5 fresh browsers each)
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launch } from './lib.mjs';
import { manyBuffersPage } from './pages.mjs';

const list = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return (i >= 0 ? process.argv[i + 1] : fallback).split(',').map(Number);
};
const counts = list('objects', '130000,200000,1000000');
const capS = list('cap', '600')[0];
const repeat = list('repeat', '0')[0];



// The page takes its count from ?n=.
const server = createServer((q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(manyBuffersPage(`Number(new URLSearchParams(location.search).get('n'))`)));
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;
const dir = mkdtempSync(join(tmpdir(), 'gpumem-large-'));

/** `p`, or a failure after `ms`; the timer is cleared either way, so that none keeps the process alive. */
const within = (ms, p, what) => {
  let timer;
  const cap = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: over ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, cap]).finally(() => clearTimeout(timer));
};
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

async function measure(n, exports = true) {
  const ctx = await launch(true);
  const row = { objects: n };
  try {
    const worker = ctx.serviceWorkers()[0];
    const page = await ctx.newPage();
    const url = `${base}?n=${n}`;
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction(`window.made === ${n}`, null, { timeout: 0, polling: 500 });
    let tabId;
    for (;;) {
      const s = await worker.evaluate(`globalThis.__gpumem.sessions()`);
      tabId = s.find((x) => x.url === url)?.tabId;
      const sum = tabId === undefined ? null : await worker.evaluate(`globalThis.__gpumem.summary(${tabId})`);
      if (sum?.live['webgl.buffer']?.count === n) break;
      // A recording that never completes is a finding, not a wait: say what the worker holds.
      if (Date.now() - t0 > capS * 1000) throw new Error(`the worker holds ${JSON.stringify(sum?.live ?? s)} after ${capS} s, not ${n} buffers`);
      await new Promise((r) => setTimeout(r, 250));
    }
    row.recorded = secs(Date.now() - t0);
    const id = new URL(worker.url()).host;
    const piecewise = await worker.evaluate('typeof globalThis.__gpumem.exportOpen === "function"');

    // The panel page, as DevTools opens it: until its table counts every live object.
    const panel = await ctx.newPage();
    const p0 = Date.now();
    await panel.goto(`chrome-extension://${id}/panels/gpu-memory/index.html?tabId=${tabId}`);
    try {
      // A function, not a string: the extension page's CSP forbids evaluating strings.
      await within(capS * 1000, panel.waitForFunction(
        (want) => Number(document.querySelector('[data-testid=objects]')?.dataset.rows) >= want, n, { timeout: 0, polling: 100 }), 'first paint');
      row.firstPaint = secs(Date.now() - p0);
      row.rows = await panel.evaluate(() => Number(document.querySelector('[data-testid=objects]')?.dataset.rows));
    } catch (e) {
      row.firstPaint = `failed (${e.message.split('\n')[0]})`;
    }

    if (!exports) return row;

    // The panel's Export.
    try {
      const download = panel.waitForEvent('download', { timeout: capS * 1000 });
      const e0 = Date.now();
      await panel.click('[data-testid=export]');
      const d = await download;
      const file = await d.path();
      const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;
      // Past 160 Mi characters the panel saves the trace gzipped: its size, and the JSON's.
      row.panelExport = d.suggestedFilename().endsWith('.gz')
        ? `${secs(Date.now() - e0)} (${mb(statSync(file).size)} gzip of ${mb(gunzipSync(readFileSync(file)).length)})`
        : `${secs(Date.now() - e0)} (${mb(statSync(file).size)})`;
      // The file just exported, opened in the viewer as a user would (its file input).
      const viewer = await ctx.newPage();
      await viewer.goto(`chrome-extension://${id}/panels/gpu-memory/viewer.html`);
      await viewer.evaluate(() => {
        window.__longest = 0;
        let last = performance.now();
        setInterval(() => {
          const now = performance.now();
          window.__longest = Math.max(window.__longest, now - last);
          last = now;
        }, 10);
      });
      const saved = join(dir, d.suggestedFilename());
      await d.saveAs(saved);
      const v0 = Date.now();
      await viewer.setInputFiles('[data-testid=open-trace-file]', saved);
      await within(capS * 1000, viewer.waitForFunction(
        (want) => Number(document.querySelector('[data-testid=objects]')?.dataset.rows) >= want, n, { timeout: 0, polling: 100 }), 'viewer open');
      row.viewerOpen = `${secs(Date.now() - v0)} (longest unanswered ${secs(await viewer.evaluate(() => window.__longest))})`;
      await viewer.close();
    } catch (e) {
      row.panelExport ??= `failed (${e.message.split('\n')[0]})`;
      row.viewerOpen = `failed (${e.message.split('\n')[0]})`;
    }
    await panel.close();

    // The CLI's path: the export's pieces gzipped in the worker and read through the DevTools protocol (what
    // gpumem record does), and the same pieces as text; a build without pieces: one worker.evaluate of the
    // whole trace.
    const out = join(dir, `trace-${n}.json`);
    const timed = async (name, write) => {
      const c0 = Date.now();
      try {
        await within(capS * 1000, write(), name);
        row[name] = `${secs(Date.now() - c0)} (${(statSync(out).size / 1048576).toFixed(0)} MB)`;
      } catch (e) {
        row[name] = `failed after ${secs(Date.now() - c0)} (${e.message.split('\n')[0]})`;
      }
    };
    if (piecewise) {
      await timed('cliGzip', async () => {
        const open = await worker.evaluate(`globalThis.__gpumem.exportOpen(${tabId})`);
        const fd = openSync(out, 'w');
        const read = () => worker.evaluate(`globalThis.__gpumem.exportReadGzip(${JSON.stringify(open.id)})`);
        for (let piece = await read(); piece !== null; piece = await read()) writeSync(fd, gunzipSync(Buffer.from(piece, 'base64')));
        closeSync(fd);
      });
      await timed('cliRead', async () => {
        const open = await worker.evaluate(`globalThis.__gpumem.exportOpen(${tabId})`);
        const fd = openSync(out, 'w');
        for (let piece = await worker.evaluate(`globalThis.__gpumem.exportRead(${JSON.stringify(open.id)})`); piece !== null;
          piece = await worker.evaluate(`globalThis.__gpumem.exportRead(${JSON.stringify(open.id)})`)) writeSync(fd, piece);
        closeSync(fd);
      });
    } else {
      await timed('cliWhole', async () => writeFileSync(out, JSON.stringify(await worker.evaluate(`globalThis.__gpumem.exportTrace(${tabId})`))));
    }
  } finally {
    await ctx.close();
  }
  return row;
}

console.log(`large recordings, ${process.env.GPUMEM_EXT ? `build ${process.env.GPUMEM_EXT}` : 'this build (dist/)'}, cap ${capS} s`);
for (const n of counts) {
  if (repeat === 0) {
    console.log(JSON.stringify(await measure(n)));
    continue;
  }
  const paints = [];
  for (let r = 0; r < repeat; r++) paints.push((await measure(n, false)).firstPaint);
  const s = paints.map(parseFloat).sort((a, b) => a - b);
  console.log(JSON.stringify({ objects: n, firstPaints: paints, median: `${s[Math.floor(s.length / 2)].toFixed(2)} s` }));
}
server.close();
