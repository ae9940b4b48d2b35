// Page-thread overhead of the extension, measured side by side in one run: the same loops in Chromium
// without any tool, with the extension, and with webgl-memory (the npm script, loaded by the page before
// its context), interleaved round by round; prints the median of per-round ratios against no tool.
//   npm run build && node bench/overhead.mjs [--rounds 9] [--churn 2000]
// Only JavaScript time on the page thread is timed (no gl.finish inside the timed region), so SwiftShader's
// GPU work on the CPU does not hide the hooks' cost. Each timed region ends after the microtasks its calls
// queued (an `await`), so the agent's batching and the relay's forwarding are inside it.
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
  '--no-first-run', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

const PAGE = (tool) => `<!doctype html><script>const N = ${CHURN};</script>${tool ? '<script src="/webgl-memory.js"></script>' : ''}<canvas id=c width=64 height=64></canvas><script>
const gl = document.getElementById('c').getContext('webgl2', { antialias: false });
const px = new Uint8Array(16 * 16 * 4);
const data = new Float32Array(256);
// create/upload/delete churn: 500 buffers and 500 textures per run
window.churn = async () => {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const b = gl.createBuffer(); gl.bindBuffer(gl.ARRAY_BUFFER, b); gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW); gl.deleteBuffer(b);
    const t = gl.createTexture(); gl.bindTexture(gl.TEXTURE_2D, t);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 16, 16, 0, gl.RGBA, gl.UNSIGNED_BYTE, px); gl.deleteTexture(t);
  }
  await null;
  const ms = performance.now() - t0; gl.finish(); return ms;
};
// draw-heavy: 2000 draws with binds per frame, 10 frames
const vb = gl.createBuffer(); gl.bindBuffer(gl.ARRAY_BUFFER, vb); gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([0,0,1,0,0,1]), gl.STATIC_DRAW);
const tex = gl.createTexture(); gl.bindTexture(gl.TEXTURE_2D, tex); gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 1, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
const sh = (t, s) => { const o = gl.createShader(t); gl.shaderSource(o, s); gl.compileShader(o); return o; };
const prog = gl.createProgram();
gl.attachShader(prog, sh(gl.VERTEX_SHADER, '#version 300 es\\nin vec2 p; void main(){ gl_Position = vec4(p, 0., 1.); }'));
gl.attachShader(prog, sh(gl.FRAGMENT_SHADER, '#version 300 es\\nprecision mediump float; uniform sampler2D s; out vec4 o; void main(){ o = texture(s, vec2(0.)); }'));
gl.linkProgram(prog); gl.useProgram(prog); gl.enableVertexAttribArray(0);
window.draws = async () => {
  let ms = 0;
  for (let f = 0; f < 10; f++) {
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) {
      gl.bindBuffer(gl.ARRAY_BUFFER, vb); gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
      gl.bindTexture(gl.TEXTURE_2D, tex); gl.drawArrays(gl.TRIANGLES, 0, 3);
    }
    await null;
    ms += performance.now() - t0; gl.finish();
  }
  return ms / 10;
};
</script>`;

const WEBGL_MEMORY = readFileSync(resolve(ROOT, 'node_modules/webgl-memory/webgl-memory.js'));
const server = createServer((q, r) => {
  if (q.url === '/webgl-memory.js') return r.writeHead(200, { 'content-type': 'text/javascript' }).end(WEBGL_MEMORY);
  r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE(q.url === '/webgl-memory'));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;

async function open(variant) {
  const withExtension = variant === 'extension';
  const args = withExtension ? [...FLAGS, `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`] : FLAGS;
  const ctx = await chromium.launchPersistentContext('', { executablePath: browserPath, headless: true, args });
  const page = await ctx.newPage();
  await page.goto(variant === 'webgl-memory' ? `${url}webgl-memory` : url);
  const hooked = await page.evaluate(() => Object.prototype.hasOwnProperty.call(WebGL2RenderingContext.prototype.createBuffer, Symbol.for('gpumem.wrapped')));
  if (hooked !== withExtension) throw new Error(`extension ${withExtension ? 'not loaded' : 'loaded in the baseline'}`);
  if (variant === 'webgl-memory' && !(await page.evaluate('!!gl.getExtension("GMAN_webgl_memory")'))) throw new Error('webgl-memory not loaded');
  await page.evaluate('(async () => { await window.churn(); await window.draws(); })()'); // warm up
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { ctx, page, cdp };
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const VARIANTS = ['none', 'extension', 'webgl-memory'];
const browsers = {};
for (const v of VARIANTS) browsers[v] = await open(v);
const LOOPS = ['churn', 'draws'];
const times = Object.fromEntries(LOOPS.map((l) => [l, Object.fromEntries(VARIANTS.map((v) => [v, []]))]));
const cpuTimes = Object.fromEntries(LOOPS.map((l) => [l, Object.fromEntries(VARIANTS.map((v) => [v, []]))]));
/** CPU time of the page's main thread: excludes the time it sleeps waiting on the GPU process. */
async function threadMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ThreadTime').value * 1000;
}
for (let r = 0; r < rounds; r++) {
  for (const loop of LOOPS) {
    for (const v of VARIANTS) {
      const b = browsers[v];
      const before = await threadMs(b.cdp);
      const wall = await b.page.evaluate(`window.${loop}()`);
      const cpu = (await threadMs(b.cdp)) - before;
      times[loop][v].push(wall);
      cpuTimes[loop][v].push(cpu);
    }
  }
}
console.log(`rounds: ${rounds}, Chromium ${browsers.none.ctx.browser()?.version() ?? ''}`);
for (const loop of LOOPS) {
  const what = loop === 'churn' ? `create/upload/delete churn (${CHURN} buffers + ${CHURN} textures)` : 'draw-heavy frame (2000 draws with binds)';
  for (const [label, t] of [['wall', times], ['thread CPU', cpuTimes]]) {
    const base = t[loop].none;
    const parts = VARIANTS.slice(1).map((v) => {
      const ratio = median(t[loop][v].map((x, i) => x / base[i]));
      return `${v} ${ratio.toFixed(3)}x (${median(t[loop][v]).toFixed(2)} ms)`;
    });
    console.log(`${what}, ${label}: no tool ${median(base).toFixed(2)} ms; ${parts.join('; ')}`);
  }
}
for (const v of VARIANTS) await browsers[v].ctx.close();
server.close();
