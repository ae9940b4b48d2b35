// Page-thread overhead of the extension, measured side by side in one run: the same loops in Chromium
// without any tool, with the extension, and with webgl-memory (the npm script, loaded by the page before
// its context), interleaved round by round; prints the median of per-round ratios against no tool.
//   npm run build && node bench/overhead.mjs [--sets 5] [--rounds 7] [--churn 2000]
// Only JavaScript time on the page thread is timed (no gl.finish inside the timed region), so SwiftShader's
// GPU work on the CPU does not hide the hooks' cost. Each timed region ends after the microtasks its calls
// queued (an `await`), so the agent's batching and the relay's forwarding are inside it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { arg, compare, open, ROOT, serve } from './lib.mjs';

const rounds = arg('rounds', 7);
const sets = arg('sets', 5);
/** Create/upload/delete iterations per timed churn run (each makes one buffer and one texture). */
const CHURN = arg('churn', 2000);

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
  return performance.now() - t0;
};
// The GPU work the loops queued, finished outside the measured window (bench/lib.mjs calls it after each run).
window.sync = () => { gl.finish(); };
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
    ms += performance.now() - t0;
  }
  return ms / 10;
};
</script>`;

const server = await serve('webgl-memory', readFileSync(resolve(ROOT, 'node_modules/webgl-memory/webgl-memory.js')), PAGE);
const VARIANTS = ['none', 'extension', 'extension-nostacks', 'webgl-memory'];
const openVariant = (v) => open(v, {
  url: server.url,
  tool: 'webgl-memory',
  hookedProbe: "Object.prototype.hasOwnProperty.call(WebGL2RenderingContext.prototype.createBuffer, Symbol.for('gpumem.wrapped'))",
  toolProbe: '!!gl.getExtension("GMAN_webgl_memory")',
  warmup: '(async () => { await window.churn(); await window.draws(); })()',
});
await compare({
  openVariant,
  sets,
  variants: VARIANTS,
  rounds,
  loops: {
    churn: `create/upload/delete churn (${CHURN} buffers + ${CHURN} textures)`,
    draws: 'draw-heavy frame (2000 draws with binds)',
  },
});
server.close();
