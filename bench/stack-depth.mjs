// What capturing creation stacks deep enough to reach the page through a library costs: V8's
// Error.captureStackTrace at the agent's CAPTURE_DEPTH (64) against V8's default limit (10), called 30
// frames below the top as in a Babylon.js render loop, and 5 frames below as in a page's own code. Runs in
// Node's V8 (the engine Chromium runs the agent in); prints each depth's time per capture and the ratio,
// measured interleaved in one run. Formatting (reading `stack`) happens only for objects that survive their
// task, once per distinct stack (the agent caches it), so it is left out.
const ROUNDS = 7;
const N = 20_000;

function captureAt(depth, limit) {
  if (depth > 0) return captureAt(depth - 1, limit);
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = limit;
  const holder = {};
  Error.captureStackTrace(holder);
  Error.stackTraceLimit = saved;
  return holder;
}

function time(depth, limit) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) captureAt(depth, limit);
  return Number(process.hrtime.bigint() - t0) / N / 1000;
}

for (const depth of [5, 30]) {
  const ratios = [];
  const at = { 10: [], 64: [] };
  time(depth, 10);
  time(depth, 64);
  for (let r = 0; r < ROUNDS; r++) {
    const a = time(depth, 10);
    const b = time(depth, 64);
    at[10].push(a);
    at[64].push(b);
    ratios.push(b / a);
  }
  const med = (xs) => xs.slice().sort((x, y) => x - y)[xs.length >> 1];
  console.log(`${depth} frames deep: limit 10 ${med(at[10]).toFixed(2)} µs, limit 64 ${med(at[64]).toFixed(2)} µs per capture, ratio ${med(ratios).toFixed(2)}x`);
}
