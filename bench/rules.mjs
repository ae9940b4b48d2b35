// The leak rules' tick with 100 000 live objects (Step 4: under 2 ms). The rules run in the background's
// store, off the page's thread; a tick is the work one Tick op (once a second per document) or any other
// event does when a steady-growth slot closes or a gone canvas is due for its check. Three worst cases:
//   spread   100 000 objects over 1 000 creation sites of one context, nothing leaking (slot close);
//   canvas   100 000 objects of a canvas removed from the page, an outlived-canvas alert (canvas check);
//   growth   100 000 objects at one site that grows every slot, a steady-growth alert (slot close).
// Also the cost per event (create + size + release) that keeps the rules' running totals.
//   node bench/rules.mjs
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const out = join(mkdtempSync(join(tmpdir(), 'gpumem-rules-')), 'model.mjs');
await build({ entryPoints: [resolve(ROOT, 'src/model/model.ts')], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'warning' });
const { SessionStore } = await import(pathToFileURL(out).href);

const N = 100_000;
const F = 'f0:aaaaaaaaaaaa';
const SLOT = 2000;

function store() {
  const s = new SessionStore({ maxEvents: 0 });
  s.applyEvent({ t: 0, op: 'context', id: 'c1', api: 'webgl2', canvas: 'canvas#main', offscreen: false, frame: F });
  return s;
}

function fill(s, sites, t0, t1) {
  for (let i = 0; i < N; i++) {
    const t = t0 + ((t1 - t0) * i) / N;
    const site = `at f${i % sites} (https://app.example/app.js:${i % sites}:1)`;
    s.applyEvent({ t, op: 'create', id: `o${i}`, kind: 'webgl.buffer', context: 'c1', frame: F, stack: site });
    s.applyEvent({ t, op: 'size', id: `o${i}`, bytes: 256 });
  }
}

/** Median ms of `ticks` ticks, each at the time the next slot or check is due. */
function timeTicks(s, t0, step, ticks) {
  const ms = [];
  for (let k = 0; k < ticks; k++) {
    const t = t0 + k * step;
    const a = performance.now();
    s.applyEvent({ t, op: 'tick', frame: F });
    ms.push(performance.now() - a);
  }
  ms.sort((x, y) => x - y);
  return { median: ms[ms.length >> 1], max: ms[ms.length - 1] };
}

const results = [];

{
  const s = store();
  fill(s, 1000, 0, 100);
  results.push(['spread: 1 000 sites, slot close', timeTicks(s, SLOT, SLOT, 30), s.rules.active().length]);
}
{
  const s = store();
  fill(s, 10, 0, 100);
  s.applyEvent({ t: 200, op: 'canvas', id: 'c1', state: 'removed' });
  // Checks every 500 ms after the 5 s grace; the slot closes fall on some of them too.
  results.push(['canvas: outlived-canvas check', timeTicks(s, 5200, 500, 30), s.rules.active().length]);
}
{
  const s = store();
  // One site whose live count rises in every slot: 20 000 objects per 2 s slot for five slots.
  fill(s, 1, 0, 5 * SLOT);
  results.push(['growth: steady-growth slot close', timeTicks(s, 5 * SLOT, SLOT, 30), s.rules.active().length]);
}

let perEvent;
{
  const s = store();
  const a = performance.now();
  fill(s, 1000, 0, 1000);
  for (let i = 0; i < N; i++) s.applyEvent({ t: 1000, op: 'release', id: `o${i}`, reason: 'deleted' });
  perEvent = ((performance.now() - a) * 1e6) / (3 * N);
}

console.log(`leak rules with ${N} live objects (node ${process.version})`);
for (const [name, r, alerts] of results) {
  console.log(`  ${name.padEnd(36)} median ${r.median.toFixed(3)} ms, max ${r.max.toFixed(3)} ms per tick; ${alerts} active alert(s)`);
}
console.log(`  store + rules per event, over creates, sizes and releases: ${perEvent.toFixed(0)} ns`);
