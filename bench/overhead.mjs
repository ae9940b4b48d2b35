// Page-thread overhead of the extension, measured side by side in one run: the same loops in Chromium
// without the extension and with it, interleaved round by round; prints the median of per-round ratios.
//   npm run build && node bench/overhead.mjs [--rounds 9]
// Only JavaScript time on the page thread is timed (no gl.finish inside the timed region), so SwiftShader's
// GPU work on the CPU does not hide the hooks' cost.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const EXT = resolve(ROOT, 'dist');
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 9;
const browserPath = process.env.CHROME_PATH || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

const PAGE = `<!doctype html><canvas id=c width=64 height=64></canvas><script>
const gl = document.getElementById('c').getContext('webgl2', { antialias: false });
const px = new Uint8Array(16 * 16 * 4);
const data = new Float32Array(256);
// create/upload/delete churn: 500 buffers and 500 textures per run
window.churn = () => {
  const t0 = performance.now();
  for (let i = 0; i < 500; i++) {
    const b = gl.createBuffer(); gl.bindBuffer(gl.ARRAY_BUFFER, b); gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW); gl.deleteBuffer(b);
    const t = gl.createTexture(); gl.bindTexture(gl.TEXTURE_2D, t);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 16, 16, 0, gl.RGBA, gl.UNSIGNED_BYTE, px); gl.deleteTexture(t);
  }
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
window.draws = () => {
  let ms = 0;
  for (let f = 0; f < 10; f++) {
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) {
      gl.bindBuffer(gl.ARRAY_BUFFER, vb); gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
      gl.bindTexture(gl.TEXTURE_2D, tex); gl.drawArrays(gl.TRIANGLES, 0, 3);
    }
    ms += performance.now() - t0; gl.finish();
  }
  return ms / 10;
};
</script>`;

const server = createServer((_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;

async function open(withExtension) {
  const args = withExtension ? [...FLAGS, `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`] : FLAGS;
  const ctx = await chromium.launchPersistentContext('', { executablePath: browserPath, headless: true, args });
  const page = await ctx.newPage();
  await page.goto(url);
  const hooked = await page.evaluate(() => Object.prototype.hasOwnProperty.call(WebGL2RenderingContext.prototype.createBuffer, Symbol.for('gpumem.wrapped')));
  if (hooked !== withExtension) throw new Error(`extension ${withExtension ? 'not loaded' : 'loaded in the baseline'}`);
  await page.evaluate(() => { window.churn(); window.draws(); }); // warm up
  return { ctx, page };
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const base = await open(false);
const ext = await open(true);
const ratios = { churn: [], draws: [] };
const times = { churn: [[], []], draws: [[], []] };
for (let r = 0; r < rounds; r++) {
  for (const loop of ['churn', 'draws']) {
    const a = await base.page.evaluate(`window.${loop}()`);
    const b = await ext.page.evaluate(`window.${loop}()`);
    times[loop][0].push(a); times[loop][1].push(b); ratios[loop].push(b / a);
  }
}
console.log(`rounds: ${rounds}, Chromium ${base.ctx.browser()?.version() ?? ''}`);
for (const loop of ['churn', 'draws']) {
  const what = loop === 'churn' ? 'create/upload/delete churn (500 buffers + 500 textures)' : 'draw-heavy frame (2000 draws with binds)';
  console.log(`${what}: median ratio with/without extension ${median(ratios[loop]).toFixed(3)}x ` +
    `(median page-thread ms ${median(times[loop][1]).toFixed(2)} vs ${median(times[loop][0]).toFixed(2)})`);
}
await base.ctx.close();
await ext.ctx.close();
server.close();
