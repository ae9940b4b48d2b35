// What a minimal "mark as used" wrapper on bindBuffer / bindTexture costs per call (the question behind the
// outlived-frame rule, which needs to know that an object was used after the frame that made it). The page
// alternates native and wrapped binds in one run (800 000 binds per sample, 50 samples, median), in six
// fresh headless Chromiums without DevTools attached, and prints both medians and their ratio.
//   node bench/bind-wrapper.mjs
import { createServer } from 'node:http';
import { execFile } from 'node:child_process';
const html = `<canvas id=c width=64 height=64></canvas><script>
const gl = document.getElementById('c').getContext('webgl2', { antialias: false });
const P = WebGL2RenderingContext.prototype;
const nBB = P.bindBuffer, nBT = P.bindTexture;
class Base { constructor(o) { return o; } }
class Stamp extends Base { #st; constructor(o, v) { super(o); this.#st = v; } static get(o) { return #st in o ? o.#st : undefined; } }
let frame = 0;
const wBB = ({ bindBuffer(t, o) { if (o !== null && typeof o === 'object') { const s = Stamp.get(o); if (s !== undefined) s.used = frame; } return nBB.call(this, t, o); } }).bindBuffer;
const wBT = ({ bindTexture(t, o) { if (o !== null && typeof o === 'object') { const s = Stamp.get(o); if (s !== undefined) s.used = frame; } return nBT.call(this, t, o); } }).bindTexture;
const vb = gl.createBuffer(); new Stamp(vb, { used: 0 }); gl.bindBuffer(gl.ARRAY_BUFFER, vb); gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([0,0,1,0,0,1]), gl.STATIC_DRAW);
const tex = gl.createTexture(); new Stamp(tex, { used: 0 }); gl.bindTexture(gl.TEXTURE_2D, tex); gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 1, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
const sh = (t, s) => { const o = gl.createShader(t); gl.shaderSource(o, s); gl.compileShader(o); return o; };
const prog = gl.createProgram();
gl.attachShader(prog, sh(gl.VERTEX_SHADER, '#version 300 es\\nin vec2 p; void main(){ gl_Position = vec4(p, 0., 1.); }'));
gl.attachShader(prog, sh(gl.FRAGMENT_SHADER, '#version 300 es\\nprecision mediump float; uniform sampler2D s; out vec4 o; void main(){ o = texture(s, vec2(0.)); }'));
gl.linkProgram(prog); gl.useProgram(prog); gl.enableVertexAttribArray(0);
function loop() { for (let i = 0; i < 200000; i++) { gl.bindBuffer(gl.ARRAY_BUFFER, vb); gl.bindTexture(gl.TEXTURE_2D, tex); gl.bindBuffer(gl.ARRAY_BUFFER, null); gl.bindTexture(gl.TEXTURE_2D, null); } }
const r = { plain: [], wrapped: [] };
for (let k = 0; k < 60; k++) {
  const wrapped = k % 2 === 1;
  P.bindBuffer = wrapped ? wBB : nBB; P.bindTexture = wrapped ? wBT : nBT;
  frame++;
  const t0 = performance.now(); loop(); const ms = performance.now() - t0; gl.finish();
  if (k >= 10) r[wrapped ? 'wrapped' : 'plain'].push(ms);
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
document.body.setAttribute('data-r', JSON.stringify({ plain: med(r.plain).toFixed(3), wrapped: med(r.wrapped).toFixed(3), ratio: (med(r.wrapped) / med(r.plain)).toFixed(3) }));
</script>`;
const server = createServer((q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(html));
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
for (let i = 0; i < 6; i++) {
  const out = await new Promise((ok) => execFile('/usr/bin/chromium', ['--headless', '--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--dump-dom', `http://127.0.0.1:${server.address().port}/`], { maxBuffer: 1e7 }, (e, so) => ok(so)));
  const r = JSON.parse(out.match(/data-r="([^"]*)"/)?.[1].replace(/&quot;/g, '"') ?? '{}');
  const ns = ((r.wrapped - r.plain) / 800_000) * 1e6;
  console.log(`browser ${i + 1}: native ${r.plain} ms, wrapped ${r.wrapped} ms per 800 000 binds: ${r.ratio}x, ${ns.toFixed(1)} ns per bind`);
}
server.close();
