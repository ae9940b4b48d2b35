// What the outlived-frame rule's use hooks cost per call, measured on the extension's own wrappers: the page
// (with the extension) swaps each prototype method between the agent's wrapper and the native it wraps,
// sample by sample, on the same call sites, and prints the medians and the cost per call. Two states:
// nothing watched (a healthy app once its objects are in use: the wrappers compare one number and return)
// and something watched (a buffer made in a frame and never used again: every bind looks its object up).
//   npm run build && node bench/use-hooks.mjs [--browsers 4]
import { createServer } from 'node:http';
import { arg, launch } from './lib.mjs';

const browsers = arg('browsers', 4);

const html = `<!doctype html><canvas id=c width=8 height=8></canvas><script>
const W = Symbol.for('gpumem.wrapped');
const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
/** Alternates the wrapper and its native on proto[name] around loop(); returns ns per call of each. */
function compare(protos, names, loop, calls) {
  const swaps = [];
  for (const p of protos) for (const n of names) {
    const w = p[n];
    if (w && Object.prototype.hasOwnProperty.call(w, W)) swaps.push([p, n, w, w[W]]);
  }
  if (swaps.length === 0) throw new Error('not hooked: ' + names);
  const r = { native: [], wrapped: [] };
  for (let k = 0; k < 40; k++) {
    const wrapped = k % 2 === 1;
    for (const [p, n, w, o] of swaps) p[n] = wrapped ? w : o;
    const t0 = performance.now();
    loop();
    const ms = performance.now() - t0;
    if (k >= 8) r[wrapped ? 'wrapped' : 'native'].push(ms);
  }
  for (const [p, n, w] of swaps) p[n] = w;
  return { native: med(r.native) / calls * 1e6, wrapped: med(r.wrapped) / calls * 1e6 };
}
window.run = async (watch) => {
  await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
  const gl = document.getElementById('c').getContext('webgl2');
  const vb = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, vb);
  gl.bufferData(gl.ARRAY_BUFFER, 64, gl.STATIC_DRAW);
  const tex = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 1, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
  const dev = await (await navigator.gpu.requestAdapter()).requestDevice();
  const module = dev.createShaderModule({ code: '@group(0) @binding(0) var<uniform> u: vec4f; @vertex fn vs() -> @builtin(position) vec4f { return u; } @fragment fn fs() -> @location(0) vec4f { return u; }' });
  const pipeline = dev.createRenderPipeline({ layout: 'auto', vertex: { module }, fragment: { module, targets: [{ format: 'rgba8unorm' }] } });
  const ubo = dev.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM });
  const bg = dev.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: ubo } }] });
  const view = dev.createTexture({ size: [8, 8], format: 'rgba8unorm', usage: GPUTextureUsage.RENDER_ATTACHMENT }).createView();
  // Two frames on, everything above has been used after its frame (or was made before the first).
  await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
  gl.bindBuffer(gl.ARRAY_BUFFER, vb);
  gl.bindTexture(gl.TEXTURE_2D, tex);
  const warm = dev.createCommandEncoder();
  const wp = warm.beginRenderPass({ colorAttachments: [{ view, loadOp: 'clear', storeOp: 'store' }] });
  wp.setBindGroup(0, bg);
  wp.end();
  if (watch) {
    // A buffer made in this frame and never used again: watched from now on.
    gl.createBuffer();
    await new Promise((ok) => requestAnimationFrame(ok));
  }
  const P = WebGL2RenderingContext.prototype;
  const N = 100000;
  const gl4 = compare([P], ['bindBuffer', 'bindTexture'], () => {
    for (let i = 0; i < N; i++) {
      gl.bindBuffer(gl.ARRAY_BUFFER, vb); gl.bindTexture(gl.TEXTURE_2D, tex);
      gl.bindBuffer(gl.ARRAY_BUFFER, null); gl.bindTexture(gl.TEXTURE_2D, null);
    }
  }, 4 * N);
  const M = 20000;
  const gpu = compare([GPURenderPassEncoder.prototype], ['setBindGroup'], () => {
    const enc = dev.createCommandEncoder();
    const pass = enc.beginRenderPass({ colorAttachments: [{ view, loadOp: 'clear', storeOp: 'store' }] });
    pass.setPipeline(pipeline);
    for (let i = 0; i < M; i++) pass.setBindGroup(0, bg);
    pass.end();
  }, M);
  return { gl: gl4, gpu };
};
</script>`;

const server = createServer((q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(html));
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;
const fmt = (x) => `native ${x.native.toFixed(1)} ns, wrapped ${x.wrapped.toFixed(1)} ns: ${(x.wrapped - x.native).toFixed(1)} ns per call (${(x.wrapped / x.native).toFixed(3)}x)`;
for (let b = 1; b <= browsers; b++) {
  const ctx = await launch(true);
  for (const watch of [false, true]) {
    const page = await ctx.newPage();
    await page.goto(url);
    const r = await page.evaluate(`window.run(${watch})`);
    const state = watch ? 'something watched' : 'nothing watched  ';
    console.log(`browser ${b}, ${state}: WebGL bindBuffer/bindTexture ${fmt(r.gl)}; WebGPU setBindGroup ${fmt(r.gpu)}`);
    await page.close();
  }
  await ctx.close();
}
server.close();
