// The extension against no extension in ONE renderer: the bench pages of overhead.mjs (WebGL and WebGPU)
// run twice in one tab, in the top frame and in a cross-site iframe kept in the same process
// (--disable-site-isolation-trials), with the extension switched off for one of the two hosts (the options
// page's per-site switch: no hook at all there). Both share the thread, the GPU process and the browser
// instance, so a browser's lifelong speed (0.79x to 1.17x across fresh instances) cancels out of each
// round's ratio. What does not cancel is each frame's own speed for its life: one browser's pages read the
// draw-heavy frame from 0.83x to 1.36x. So each browser opens `--pages` pages in turn, fresh frames each,
// whose host alternates so that the hooked frame is the top frame on one page and the iframe on the next;
// a sample is the geometric mean of such a pair's ratios (the frames' positions cancel out of it).
// Steady state, not warm-up: each frame first runs each loop `--warmup` times. A fresh page's first ten or so
// runs read higher on both frames, and higher still on the hooked one while V8 tiers up its code and ours
// (WebGL churn, rounds 1 – 10 of 30 after one warm-up run: median ratio 1.36x; rounds 11 – 30: 1.245x).
// Order: rounds alternate which frame runs first, and on the draw-heavy loop the frame that runs second reads
// about half the CPU time of the first (ratios 0.75x and 1.4x by turns), so a median over rounds picked one
// order or the other by chance. A page's ratio is the median over pairs of consecutive rounds, one of each
// order, of the pair's geometric mean; `--rounds` is rounded up to an even number.
// Prints the median over all pages of those pair ratios of the page thread's CPU time, each page's, the
// medians of the times themselves, and the geometric mean of the samples with its 95 % interval.
//   npm run build && node bench/same-renderer.mjs [--browsers 4] [--pages 10] [--rounds 10] [--warmup 10] [--churn 2000] [--loops webgl-churn,...]
import { createServer } from 'node:http';
import { arg, launch } from './lib.mjs';
import { webglPage, webgpuPage } from './pages.mjs';

if (process.argv.includes('--sets')) throw new Error('--sets: this bench takes --browsers, with --pages pages in each');
const browsers = arg('browsers', 4);
const rounds = 2 * Math.max(1, Math.ceil(arg('rounds', 10) / 2));
const warmup = arg('warmup', 10);
const churn = arg('churn', 2000);
// Pages per browser and API, in pairs: the hooked frame is the top frame on one and the iframe on the other.
const pages = 2 * Math.max(1, Math.round(arg('pages', 10) / 2));

const ALL_LOOPS = [
  { id: 'webgl-churn', api: 'webgl', fn: 'churn', what: `WebGL create/upload/delete churn (${churn} buffers + ${churn} textures)` },
  { id: 'webgl-draws', api: 'webgl', fn: 'draws', what: 'WebGL draw-heavy frame (2000 draws with binds)' },
  { id: 'webgpu-churn', api: 'webgpu', fn: 'churn', what: `WebGPU create/destroy churn (${churn} buffers + ${churn} textures)` },
  { id: 'webgpu-frames', api: 'webgpu', fn: 'frames', what: 'WebGPU frame of 500 setBindGroup + draw' },
];
const only = process.argv.indexOf('--loops');
const LOOPS = only < 0 ? ALL_LOOPS : ALL_LOOPS.filter((l) => process.argv[only + 1].split(',').includes(l.id));
if (LOOPS.length === 0) throw new Error(`--loops: one or more of ${ALL_LOOPS.map((l) => l.id).join(', ')}`);
const PROBE = {
  webgl: "Object.prototype.hasOwnProperty.call(WebGL2RenderingContext.prototype.createBuffer, Symbol.for('gpumem.wrapped'))",
  webgpu: "Object.prototype.hasOwnProperty.call(GPUDevice.prototype.createBuffer, Symbol.for('gpumem.wrapped'))",
};
const HOSTS = ['127.0.0.1', 'localhost'];

// /webgl and /webgpu: the page, plus an iframe of the same page from the other host; /…/frame: the page alone.
const server = createServer((q, r) => {
  const [, api, frame] = (q.url ?? '').split('/');
  const page = api === 'webgl' ? webglPage({ churn }) : api === 'webgpu' ? webgpuPage({ churn }) : null;
  if (!page) return r.writeHead(404).end();
  const host = (q.headers.host ?? '').split(':')[0];
  const other = host === HOSTS[0] ? HOSTS[1] : HOSTS[0];
  const iframe = frame ? '' : `<iframe src="http://${other}:${server.address().port}/${api}/frame"></iframe>`;
  r.writeHead(200, { 'content-type': 'text/html' }).end(page + iframe);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const port = server.address().port;

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const results = Object.fromEntries(LOOPS.map((l) => [l.what, { ratios: [], perPage: [], samples: [], hooked: [], bare: [] }]));
// Two-sided 95 % Student t quantiles by degrees of freedom (1 – 30); 2.0 beyond.
const T95 = [NaN, 12.71, 4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.2, 2.18, 2.16, 2.14, 2.13, 2.12, 2.11, 2.1, 2.09, 2.09,
  2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05, 2.05, 2.04];
/** Geometric mean of the samples and its 95 % interval: the page pairs are the independent samples. */
const interval = (xs) => {
  const logs = xs.map(Math.log);
  const n = logs.length;
  const mean = logs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean: Math.exp(mean), lo: NaN, hi: NaN };
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const h = (T95[n - 1] ?? 2.0) * sd / Math.sqrt(n);
  return { mean: Math.exp(mean), lo: Math.exp(mean - h), hi: Math.exp(mean + h) };
};
let version = '';

for (let s = 0; s < browsers; s++) {
  const off = HOSTS[s % 2];
  const ctx = await launch(true, { disabledSites: [off] }, ['--disable-site-isolation-trials']);
  version = ctx.browser()?.version() ?? version;
  for (const api of [...new Set(LOOPS.map((l) => l.api))]) {
    const pairMedians = Object.fromEntries(LOOPS.map((l) => [l.what, []]));
    for (let p = 0; p < pages; p++) {
      // The page's host alternates, so the hooked frame is the top frame on one page and the iframe on the next.
      const top = HOSTS[p % 2];
      const page = await ctx.newPage();
      await page.goto(`http://${top}:${port}/${api}`);
      while (page.frames().length < 2) await new Promise((ok) => setTimeout(ok, 50));
      const frames = page.frames().slice(0, 2);
      for (const f of frames) await f.waitForFunction(api === 'webgl' ? 'window.draws !== undefined' : 'window.setup !== undefined');
      const hookedFlags = await Promise.all(frames.map((f) => f.evaluate(PROBE[api])));
      if (hookedFlags[0] === hookedFlags[1]) throw new Error(`both frames ${hookedFlags[0] ? 'hooked' : 'bare'}: the per-site switch did not apply`);
      const hooked = frames[hookedFlags.indexOf(true)];
      const bare = frames[hookedFlags.indexOf(false)];
      if (api === 'webgpu') for (const f of frames) await f.evaluate('window.setup()');
      const cdp = await ctx.newCDPSession(page);
      // An out-of-process iframe would run the bare frame's work off this page's thread.
      const { targetInfos } = await cdp.send('Target.getTargets');
      if (targetInfos.some((t) => t.type === 'iframe')) throw new Error('the iframe runs in a renderer of its own');
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      const threadMs = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;
      const time = async (f, fn) => {
        const before = await threadMs();
        await f.evaluate(`window.${fn}()`);
        const cpu = (await threadMs()) - before;
        await f.evaluate('window.sync ? window.sync() : undefined');
        return { cpu };
      };
      for (let w = 0; w < warmup; w++) for (const f of [hooked, bare]) for (const l of LOOPS) if (l.api === api) await time(f, l.fn);
      for (const l of LOOPS.filter((x) => x.api === api)) {
        const res = results[l.what];
        const perRound = [];
        for (let r = 0; r < rounds; r++) {
          // Alternating order: neither frame always runs first.
          let h, b;
          if (r % 2) {
            h = await time(hooked, l.fn);
            b = await time(bare, l.fn);
          } else {
            b = await time(bare, l.fn);
            h = await time(hooked, l.fn);
          }
          perRound.push(h.cpu / b.cpu);
          res.hooked.push(h.cpu);
          res.bare.push(b.cpu);
        }
        // One ratio per pair of rounds, one of each order.
        const ratios = [];
        for (let r = 0; r < rounds; r += 2) ratios.push(Math.sqrt(perRound[r] * perRound[r + 1]));
        res.ratios.push(...ratios);
        res.perPage.push(`${hooked === frames[0] ? 'top' : 'iframe'} ${median(ratios).toFixed(2)}`);
        const pm = pairMedians[l.what];
        pm.push(median(ratios));
        // A sample: the geometric mean of a page pair's medians, one with each frame hooked, so that the
        // frames' difference in speed cancels out of it.
        if (pm.length === 2) res.samples.push(Math.sqrt(pm.pop() * pm.pop()));
      }
      await page.close();
    }
  }
  await ctx.close();
}
server.close();

console.log(`browsers: ${browsers} x pages: ${pages} x rounds: ${rounds} after ${warmup} warm-up runs, Chromium ${version}; extension against no extension, both frames of one renderer`);
for (const [what, res] of Object.entries(results)) {
  const ci = interval(res.samples);
  console.log(`${what}, thread CPU: extension ${median(res.ratios).toFixed(3)}x (hooked ${median(res.hooked).toFixed(2)} ms, ` +
    `bare ${median(res.bare).toFixed(2)} ms); page pairs' geometric mean ${ci.mean.toFixed(3)}x, 95 % interval ` +
    `${ci.lo.toFixed(3)}x – ${ci.hi.toFixed(3)}x [pages, by hooked frame: ${res.perPage.join(', ')}]`);
}
