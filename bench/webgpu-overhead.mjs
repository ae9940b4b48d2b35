// WebGPU page-thread overhead, side by side in one run: the same loops in Chromium without any tool, with
// the extension, and with webgpu-memory (the npm script, loaded by the page first), interleaved round by
// round; prints medians of per-round ratios against no tool, of wall time and of the page thread's CPU time.
//   npm run build && node bench/webgpu-overhead.mjs [--sets 5] [--rounds 7] [--churn 2000]
// Each timed region ends after the microtasks it queued, so the agent's batching and the relay are inside.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { arg, compare, open, ROOT, serve } from './lib.mjs';
import { webgpuPage } from './pages.mjs';

const rounds = arg('rounds', 7);
const sets = arg('sets', 5);
/** Create/destroy iterations per timed churn run (each makes one buffer and one texture). */
const CHURN = arg('churn', 2000);


const server = await serve('webgpu-memory', readFileSync(resolve(ROOT, 'node_modules/webgpu-memory/dist/1.x/webgpu-memory.js')), (tool) => webgpuPage({ churn: CHURN, tool }));
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
