// The agent's batches in a real browser: a batch waits SEND_DELAY_MS for the ops of later tasks
// (src/agent/emitter.ts), and still gives every task's objects the time of that task.
import { describe, expect, it } from 'vitest';
import { exportTrace, summary, tabOf, useBrowser, waitFor } from './helpers';

describe('agent batches', () => {
  const env = useBrowser();

  it('gives objects made by tasks that share a batch the times of their own tasks', async () => {
    const url = `${env.server.url}blank.html?batches`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    // Two buffers 40 ms apart: both tasks end inside one send delay, so their ops share a batch.
    // Each create is bracketed by clock reads: the agent reads its clock for a task's objects when their ops
    // go out, in the microtask it queued at the task's first create, so a microtask the page queues after
    // the create runs after it. The agent's time for each object lies between the two readings, however
    // long the loaded machine stalls the page's thread around them.
    const r = (await page.evaluate(`(async () => {
      const gl = document.getElementById('c').getContext('webgl2');
      // The context's task is another one, or the first buffer would share its batch's first reading.
      await new Promise((r) => setTimeout(r, 0));
      const out = {};
      out.a0 = performance.now();
      const a = gl.createBuffer();
      queueMicrotask(() => { out.a1 = performance.now(); });
      await new Promise((r) => setTimeout(r, 40));
      out.b0 = performance.now();
      const b = gl.createBuffer();
      queueMicrotask(() => { out.b1 = performance.now(); });
      await null;
      window.keep = [a, b];
      return out;
    })()`)) as { a0: number; a1: number; b0: number; b1: number };
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(
      () => exportTrace(env.h, tabId),
      (x) => x.objects.filter((o) => o.kind === 'webgl.buffer').length === 2,
      'both buffers in the trace',
    );
    const [a, b] = t.objects.filter((o) => o.kind === 'webgl.buffer').sort((x, y) => x.createdAt - y.createdAt);
    // The second task began well after the first one's objects went out (its timer waited 40 ms).
    expect(r.b0 - r.a1).toBeGreaterThanOrEqual(30);
    // The agent read its clock for each task, not once per batch: its gap lies within the bracketed one.
    // Chromium coarsens performance.now() to 100 µs with jitter in a page that is not cross-origin
    // isolated, so each of the four readings may be off by up to 0.1 ms. One reading per batch would give 0.
    const agentGap = b!.createdAt - a!.createdAt;
    expect(agentGap).toBeGreaterThanOrEqual(r.b0 - r.a1 - 0.4);
    expect(agentGap).toBeLessThanOrEqual(r.b1 - r.a0 + 0.4);
    await page.close();
  });

  it('delivers a batch with no flush asked for, once its delay has passed', async () => {
    const url = `${env.server.url}blank.html?delivery`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    await page.evaluate(`(() => {
      const gl = document.getElementById('c').getContext('webgl2');
      const b = gl.createBuffer();
      gl.bindBuffer(gl.ARRAY_BUFFER, b);
      gl.bufferData(gl.ARRAY_BUFFER, 1000, gl.STATIC_DRAW);
      window.keep = b;
    })()`);
    const tabId = await tabOf(env.h, url);
    // summary() reads the background's store as it is, without asking the page to flush.
    const s = await waitFor(() => summary(env.h, tabId), (x) => x?.live['webgl.buffer']?.count === 1, 'the buffer in the store');
    expect(s!.live['webgl.buffer']).toEqual({ count: 1, bytes: 1000 });
    await page.close();
  });
});
