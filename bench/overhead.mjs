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
import { webglPage } from './pages.mjs';

const rounds = arg('rounds', 7);
const sets = arg('sets', 5);
/** Create/upload/delete iterations per timed churn run (each makes one buffer and one texture). */
const CHURN = arg('churn', 2000);


const server = await serve('webgl-memory', readFileSync(resolve(ROOT, 'node_modules/webgl-memory/webgl-memory.js')), (tool) => webglPage({ churn: CHURN, tool }));
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
