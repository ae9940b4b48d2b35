// The agent's memory stays bounded: a page creates and deletes ten million WebGL objects (buffers with a
// 16-byte upload), in tasks of 100 000; after every million the page's heap is measured after a full GC,
// with the extension and, side by side, without it. Two patterns: each object deleted in the task that
// made it, and each deleted one task later (so that every object is reported one by one).
//   npm run build && node bench/heap.mjs [--millions 10]
import { createServer } from 'node:http';
import { launch } from './lib.mjs';

const millions = Number(process.argv[process.argv.indexOf('--millions') + 1]) || 10;

const PAGE = `<!doctype html><canvas id=c width=8 height=8></canvas><script>
const gl = document.getElementById('c').getContext('webgl2', { antialias: false, depth: false });
const data = new Uint8Array(16);
let previous = [];
window.churn = (n, later) => {
  const made = [];
  for (let i = 0; i < n; i++) {
    const b = gl.createBuffer(); gl.bindBuffer(gl.ARRAY_BUFFER, b); gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW);
    if (later) made.push(b); else gl.deleteBuffer(b);
  }
  for (const b of previous) gl.deleteBuffer(b);
  previous = made;
  return new Promise((r) => setTimeout(r, 0));
};
</script>`;

const server = createServer((_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;

async function run(withExtension, later) {
  const ctx = await launch(withExtension);
  const page = await ctx.newPage();
  await page.goto(url);
  const cdp = await ctx.newCDPSession(page);
  const heapMiB = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
  };
  const row = [(await heapMiB()).toFixed(1)];
  for (let m = 1; m <= millions; m++) {
    for (let k = 0; k < 10; k++) await page.evaluate(`window.churn(100000, ${later})`);
    row.push((await heapMiB()).toFixed(1));
  }
  await ctx.close();
  return row;
}

console.log(`page heap after full GC (MiB), after 0..${millions} million objects created and deleted:`);
for (const later of [false, true]) {
  const what = later ? 'deleted one task later' : 'deleted in the same task';
  console.log(`  ${what}, with the extension:    ${(await run(true, later)).join(' ')}`);
  console.log(`  ${what}, without the extension: ${(await run(false, later)).join(' ')}`);
}
server.close();
