// Page-thread overhead of the extension beside the tools users have today, measured side by side in one
// run: the same loops in Chromium without any tool, with the extension, with the extension's creation stacks
// off, and with webgl-memory or webgpu-memory (the npm script, loaded by the page before its first GPU call),
// interleaved round by round; prints medians of per-round ratios against no tool, of wall time and of the
// page thread's CPU time.
//   npm run build && node bench/overhead.mjs [--api webgl|webgpu] [--sets 5] [--rounds 7] [--churn 2000]
// Only JavaScript time on the page thread is timed (no GPU sync inside the timed region), so SwiftShader's
// GPU work on the CPU does not hide the hooks' cost. Each timed region ends after the microtasks its calls
// queued (an `await`), so the agent's batching and the relay's forwarding are inside it. Each browser
// instance carries a speed bias of its own for its life; bench/same-renderer.mjs takes it out and is the
// bench of record for the extension alone.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { arg, argText, compare, open, ROOT, serve } from './lib.mjs';
import { webglPage, webgpuPage } from './pages.mjs';

const api = argText('api', 'webgl');
const rounds = arg('rounds', 7);
const sets = arg('sets', 5);
/** Create/upload/delete iterations per timed churn run (each makes one buffer and one texture). */
const CHURN = arg('churn', 2000);

const APIS = {
  webgl: {
    tool: 'webgl-memory',
    script: 'node_modules/webgl-memory/webgl-memory.js',
    page: webglPage,
    hookedProbe: "Object.prototype.hasOwnProperty.call(WebGL2RenderingContext.prototype.createBuffer, Symbol.for('gpumem.wrapped'))",
    toolProbe: '!!gl.getExtension("GMAN_webgl_memory")',
    warmup: '(async () => { await window.churn(); await window.draws(); })()',
    loops: {
      churn: `WebGL create/upload/delete churn (${CHURN} buffers + ${CHURN} textures)`,
      draws: 'WebGL draw-heavy frame (2000 draws with binds)',
    },
  },
  webgpu: {
    tool: 'webgpu-memory',
    script: 'node_modules/webgpu-memory/dist/1.x/webgpu-memory.js',
    page: webgpuPage,
    hookedProbe: "Object.prototype.hasOwnProperty.call(GPUDevice.prototype.createBuffer, Symbol.for('gpumem.wrapped'))",
    toolProbe: 'typeof webgpuMemory === "object"',
    setup: 'window.setup()',
    warmup: '(async () => { await window.churn(); await window.frames(); })()',
    loops: {
      churn: `WebGPU create/destroy churn (${CHURN} buffers + ${CHURN} textures)`,
      frames: 'WebGPU frame of 500 setBindGroup + draw',
    },
  },
};
const a = APIS[api];
if (!a) {
  console.error(`--api ${api}: expected webgl or webgpu`);
  process.exit(2);
}

const server = await serve(a.tool, readFileSync(resolve(ROOT, a.script)), (tool) => a.page({ churn: CHURN, tool }));
await compare({
  openVariant: (v) => open(v, { url: server.url, ...a }),
  sets,
  variants: ['none', 'extension', 'extension-nostacks', a.tool],
  rounds,
  loops: a.loops,
});
server.close();
