// WebGPU page-thread overhead, side by side in one run: the same loops in Chromium without any tool, with
// the extension, and with webgpu-memory (the npm script, loaded by the page first), interleaved round by
// round; prints medians of per-round ratios against no tool, of wall time and of the page thread's CPU time.
//   npm run build && node bench/webgpu-overhead.mjs [--sets 5] [--rounds 7] [--churn 2000]
// Each timed region ends after the microtasks it queued, so the agent's batching and the relay are inside.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { arg, compare, open, ROOT, serve } from './lib.mjs';

const rounds = arg('rounds', 7);
const sets = arg('sets', 5);
/** Create/destroy iterations per timed churn run (each makes one buffer and one texture). */
const CHURN = arg('churn', 2000);

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

const server = await serve('webgpu-memory', readFileSync(resolve(ROOT, 'node_modules/webgpu-memory/dist/1.x/webgpu-memory.js')), PAGE);
const VARIANTS = ['none', 'extension', 'extension-nostacks', 'webgpu-memory'];
const openVariant = (v) => open(v, {
  url: server.url,
  tool: 'webgpu-memory',
  hookedProbe: "Object.prototype.hasOwnProperty.call(GPUDevice.prototype.createBuffer, Symbol.for('gpumem.wrapped'))",
  toolProbe: 'typeof webgpuMemory === "object"',
  setup: 'window.setup()',
  warmup: '(async () => { await window.churn(); await window.frames(); })()',
});
await compare({
  openVariant,
  sets,
  variants: VARIANTS,
  rounds,
  loops: {
    churn: `create/destroy churn (${CHURN} buffers + ${CHURN} textures)`,
    frames: 'frame of 500 setBindGroup + draw',
  },
});
server.close();
