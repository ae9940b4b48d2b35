// WebGPU page-thread overhead, side by side in one run: the same loops in Chromium without any tool, with
// the extension, and with webgpu-memory (the npm script, loaded by the page first), interleaved round by
// round; prints medians of per-round ratios against no tool, of wall time and of the page thread's CPU time.
//   npm run build && node bench/webgpu-overhead.mjs [--rounds 9] [--churn 2000]
// Each timed region ends after the microtasks it queued, so the agent's batching and the relay are inside.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const EXT = resolve(ROOT, 'dist');
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 9;
/** Create/upload/delete iterations per timed churn run (each makes one buffer and one texture). */
const CHURN = Number(process.argv[process.argv.indexOf('--churn') + 1]) || 2000;
const browserPath = process.env.CHROME_PATH || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--enable-unsafe-webgpu'];

const PAGE = (tool) => `<!doctype html><script>const N = ${CHURN};</script>${tool ? '<script src="/webgpu-memory.js"></script>' : ''}<script>
window.setup = async () => {
  const dev = await (await navigator.gpu.requestAdapter()).requestDevice();
  window.dev = dev;
  // create/destroy churn: 500 buffers and 500 textures per run
  window.churn = async () => {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      dev.createBuffer({ size: 256, usage: GPUBufferUsage.VERTEX | GPUBufferUsage.COPY_DST }).destroy();
      dev.createTexture({ size: [16, 16], format: 'rgba8unorm', usage: GPUTextureUsage.TEXTURE_BINDING }).destroy();
    }
    await null;
    const ms = performance.now() - t0;
    await dev.queue.onSubmittedWorkDone();
    return ms;
  };
  const module = dev.createShaderModule({ code: '@group(0) @binding(0) var<uniform> u: vec4f; @vertex fn vs() -> @builtin(position) vec4f { return u; } @fragment fn fs() -> @location(0) vec4f { return u; }' });
  const pipeline = dev.createRenderPipeline({ layout: 'auto', vertex: { module }, fragment: { module, targets: [{ format: 'rgba8unorm' }] } });
  const ubo = dev.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM });
  const bg = dev.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: ubo } }] });
  const target = dev.createTexture({ size: [64, 64], format: 'rgba8unorm', usage: GPUTextureUsage.RENDER_ATTACHMENT });
  const view = target.createView();
  // a frame of 500 setBindGroup + draw, 10 frames
  window.frames = async () => {
    let ms = 0;
    for (let f = 0; f < 10; f++) {
      const t0 = performance.now();
      const enc = dev.createCommandEncoder();
      const pass = enc.beginRenderPass({ colorAttachments: [{ view, loadOp: 'clear', storeOp: 'store' }] });
      pass.setPipeline(pipeline);
      for (let i = 0; i < 500; i++) { pass.setBindGroup(0, bg); pass.draw(3); }
      pass.end();
      dev.queue.submit([enc.finish()]);
      await null;
      ms += performance.now() - t0;
      await dev.queue.onSubmittedWorkDone();
    }
    return ms / 10;
  };
  return true;
};
</script>`;

const WEBGPU_MEMORY = readFileSync(resolve(ROOT, 'node_modules/webgpu-memory/dist/1.x/webgpu-memory.js'));
const server = createServer((q, r) => {
  if (q.url === '/webgpu-memory.js') return r.writeHead(200, { 'content-type': 'text/javascript' }).end(WEBGPU_MEMORY);
  r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE(q.url === '/webgpu-memory'));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;

async function open(variant) {
  const withExtension = variant === 'extension';
  const args = withExtension ? [...FLAGS, `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`] : FLAGS;
  const ctx = await chromium.launchPersistentContext('', { executablePath: browserPath, headless: true, args });
  const page = await ctx.newPage();
  await page.goto(variant === 'webgpu-memory' ? `${url}webgpu-memory` : url);
  const hooked = await page.evaluate(() => Object.prototype.hasOwnProperty.call(GPUDevice.prototype.createBuffer, Symbol.for('gpumem.wrapped')));
  if (hooked !== withExtension) throw new Error(`extension ${withExtension ? 'not loaded' : 'loaded in the baseline'}`);
  if (variant === 'webgpu-memory' && !(await page.evaluate('typeof webgpuMemory === "object"'))) throw new Error('webgpu-memory not loaded');
  await page.evaluate('window.setup()');
  await page.evaluate('(async () => { await window.churn(); await window.frames(); })()'); // warm up
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { ctx, page, cdp };
}

/** CPU time of the page's main thread: excludes the time it sleeps waiting on the GPU process. */
async function threadMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ThreadTime').value * 1000;
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const VARIANTS = ['none', 'extension', 'webgpu-memory'];
const LOOPS = ['churn', 'frames'];
const browsers = {};
for (const v of VARIANTS) browsers[v] = await open(v);
const wall = Object.fromEntries(LOOPS.map((l) => [l, Object.fromEntries(VARIANTS.map((v) => [v, []]))]));
const cpu = Object.fromEntries(LOOPS.map((l) => [l, Object.fromEntries(VARIANTS.map((v) => [v, []]))]));
for (let r = 0; r < rounds; r++) {
  for (const loop of LOOPS) {
    for (const v of VARIANTS) {
      const b = browsers[v];
      const before = await threadMs(b.cdp);
      wall[loop][v].push(await b.page.evaluate(`window.${loop}()`));
      cpu[loop][v].push((await threadMs(b.cdp)) - before);
    }
  }
}
console.log(`rounds: ${rounds}, Chromium ${browsers.none.ctx.browser()?.version() ?? ''}`);
for (const loop of LOOPS) {
  const what = loop === 'churn' ? `create/destroy churn (${CHURN} buffers + ${CHURN} textures)` : 'frame of 500 setBindGroup + draw';
  for (const [label, t] of [['wall', wall], ['thread CPU', cpu]]) {
    const base = t[loop].none;
    const parts = VARIANTS.slice(1).map((v) => `${v} ${median(t[loop][v].map((x, i) => x / base[i])).toFixed(3)}x (${median(t[loop][v]).toFixed(2)} ms)`);
    console.log(`${what}, ${label}: no tool ${median(base).toFixed(2)} ms; ${parts.join('; ')}`);
  }
}
for (const v of VARIANTS) await browsers[v].ctx.close();
server.close();
