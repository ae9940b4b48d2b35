// What our JavaScript costs per iteration of bench/overhead.mjs's churn loop (createBuffer, bindBuffer,
// bufferData, deleteBuffer, then the same for a texture with texImage2D), without a browser: the agent's
// WebGL hooks installed in Node on stub natives that do almost nothing, timed against the same loop on the
// bare stubs. The browser benches' noise (±0.15 on a pooled median) hides changes of a few percent; this
// one repeats within a few percent, and is how the hook path was tuned. It measures no GL, no GC of
// browser objects and no cache effects on the natives: the browser benches stay the measure of record.
//   node bench/webgl-hook-path.mjs [--runs 7]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { arg, ROOT } from './lib.mjs';

const runs = arg('runs', 7);

// Stub natives with the shapes the hooks read: methods as own properties of both prototypes, the getters
// Contexts reads, getParameter answering bindings and limits.
const ENTRY = `
class Obj {}
let buffer = null;
const textures = [null, null];
let unit = 0;
class WebGLRenderingContext {
  createBuffer() { return new Obj(); }
  createTexture() { return new Obj(); }
  deleteBuffer(b) { if (buffer === b) buffer = null; }
  deleteTexture(t) { if (textures[unit] === t) textures[unit] = null; }
  bindBuffer(t, b) { if (t === 0x8892) buffer = b; }
  bindTexture(t, x) { textures[unit] = x; }
  activeTexture(u) { unit = u - 0x84c0; }
  bufferData() {}
  texImage2D() {}
  getParameter(p) {
    if (p === 0x8894) return buffer;
    if (p === 0x8069) return textures[unit];
    return p === 0x8d57 ? 4 : 4096;
  }
  getContextAttributes() { return { antialias: false, depth: true, stencil: false, preserveDrawingBuffer: false, alpha: true }; }
  get drawingBufferWidth() { return 64; }
  get drawingBufferHeight() { return 64; }
  get canvas() { return null; }
  getExtension() { return null; }
  getVertexAttrib() { return null; }
  getIndexedParameter() { return null; }
}
class WebGL2RenderingContext extends WebGLRenderingContext {}
for (const k of Object.getOwnPropertyNames(WebGLRenderingContext.prototype)) {
  if (k !== 'constructor') Object.defineProperty(WebGL2RenderingContext.prototype, k, Object.getOwnPropertyDescriptor(WebGLRenderingContext.prototype, k));
}
globalThis.WebGLRenderingContext = WebGLRenderingContext;
globalThis.WebGL2RenderingContext = WebGL2RenderingContext;

const { Emitter } = await import('../src/agent/emitter');
const { Tracker } = await import('../src/agent/tracker');
const { FrameWatch } = await import('../src/agent/frame-watch');
const { StackCapture } = await import('../src/agent/stack-capture');
const { Contexts } = await import('../src/agent/contexts');
const { installWebGLHooks } = await import('../src/agent/webgl-hooks');

const tasks = [];
const emitter = new Emitter('abcdefabcdef', 0, { send: () => {}, schedule: (cb) => tasks.push(cb), stringify: JSON.stringify, url: () => 'x', clock: () => performance.now() });
emitter.relayReady();
const errors = [];
if (process.argv[2] === 'agent') {
  const tracker = new Tracker(emitter);
  const frames = new FrameWatch(emitter, () => performance.now(), (e) => errors.push(e));
  tracker.stacks = new StackCapture();
  tracker.frames = frames;
  // As in the browser bench: a page without rAF gets a frame per task, so new objects are watched.
  frames.frame = 5;
  const fail = (e) => errors.push(e);
  installWebGLHooks({ tracker, contexts: new Contexts(tracker, fail, null), frames, fail });
}
const gl = new WebGL2RenderingContext();
const px = new Uint8Array(16 * 16 * 4);
const data = new Float32Array(256);
const N = 2000;
function task() {
  for (let i = 0; i < N; i++) {
    const b = gl.createBuffer(); gl.bindBuffer(0x8892, b); gl.bufferData(0x8892, data, 0x88e4); gl.deleteBuffer(b);
    const t = gl.createTexture(); gl.bindTexture(0x0de1, t); gl.texImage2D(0x0de1, 0, 0x1908, 16, 16, 0, 0x1908, 0x1401, px); gl.deleteTexture(t);
  }
  while (tasks.length) tasks.shift()();
}
for (let i = 0; i < 300; i++) task();
const R = 1500;
const t0 = performance.now();
for (let i = 0; i < R; i++) task();
const ns = ((performance.now() - t0) / R / N) * 1e6;
if (errors.length) throw errors[0];
console.log(ns.toFixed(1));
`;

const dir = mkdtempSync(join(tmpdir(), 'gpumem-hook-path-'));
try {
  const out = join(dir, 'hook-path.mjs');
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: join(ROOT, 'bench'), sourcefile: 'hook-path.js', loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  writeFileSync(out, result.outputFiles[0].text);
  const times = { stubs: [], agent: [] };
  // Interleaved, each in a fresh process: a process keeps the speed it started with.
  for (let r = 0; r < runs; r++) {
    for (const mode of ['stubs', 'agent']) {
      const p = spawnSync(process.execPath, [out, mode], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(p.stderr);
      times[mode].push(Number(p.stdout.trim()));
    }
  }
  const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const min = (a) => Math.min(...a);
  const d = times.agent.map((x, i) => x - times.stubs[i]);
  console.log(`${runs} runs, Node ${process.version}: churn iteration on stubs ${median(times.stubs).toFixed(0)} ns; with the agent's hooks ` +
    `${median(times.agent).toFixed(0)} ns (min ${min(times.agent).toFixed(0)}); our JavaScript: median ${median(d).toFixed(0)} ns, min ${min(d).toFixed(0)} ns per iteration`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
