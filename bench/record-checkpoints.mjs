// What the checkpoints of `gpumem record` cost (the trace so far, written every 5 s so that a browser that
// dies mid-recording still leaves it): a page makes N WebGL buffers (16 bytes each, kept) and stays, and
// `gpumem record --duration D --json` records it with checkpoints and with them off
// (GPUMEM_CHECKPOINT_MS=0), alternately, as many rounds as asked. Printed per N: the wall time of each,
// their ratio, and the checkpoints' count and share of the recording (bounded at a tenth for a large one).
//
//   node bench/record-checkpoints.mjs [--objects 10000,130000] [--duration 30] [--rounds 2]
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argText, arg, ROOT } from './lib.mjs';
import { manyBuffersPage } from './pages.mjs';

const counts = argText('objects', '10000,130000').split(',').map(Number);
const duration = arg('duration', 30);
const rounds = arg('rounds', 2);

const server = createServer((q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(manyBuffersPage(`Number(new URLSearchParams(location.search).get('n'))`)));
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;
const dir = mkdtempSync(join(tmpdir(), 'gpumem-checkpoints-'));

function record(n, checkpoints) {
  const env = { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium', GPUMEM_CHECKPOINT_MS: checkpoints ? '' : '0' };
  const t0 = Date.now();
  return new Promise((done, fail) => {
    execFile(process.execPath, [join(ROOT, 'bin/gpumem.mjs'), 'record', `${base}?n=${n}`, '--duration', String(duration), '--no-settle', '--json', '--quiet', '--out', join(dir, `t-${n}.json.gz`)],
      { env, maxBuffer: 64 << 20 }, (err, stdout) => {
        if (err && err.code !== 1) return fail(err);
        const j = JSON.parse(stdout);
        done({ wallS: (Date.now() - t0) / 1000, checkpoints: j.checkpoints, objects: j.counts.objects });
      });
  });
}

console.log(`gpumem record --duration ${duration}, ${rounds} rounds each, alternating; wall times in s (median)`);
console.log('objects  | with checkpoints | without | ratio | checkpoints | their time | share of the recording');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const n of counts) {
  const withC = [];
  const without = [];
  for (let r = 0; r < rounds; r++) {
    withC.push(await record(n, true));
    without.push(await record(n, false));
  }
  const w = median(withC.map((x) => x.wallS));
  const wo = median(without.map((x) => x.wallS));
  const c = withC[0].checkpoints;
  console.log(`${String(n).padEnd(8)} | ${w.toFixed(2).padStart(16)} | ${wo.toFixed(2).padStart(7)} | ${(w / wo).toFixed(3)} | ${String(c.count).padStart(11)} | ${(c.ms / 1000).toFixed(2).padStart(8)} s | ${((100 * c.ms) / (duration * 1000)).toFixed(1)} %`);
}
server.close();
