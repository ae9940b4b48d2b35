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
    const gap = (await page.evaluate(`(async () => {
      const gl = document.getElementById('c').getContext('webgl2');
      // The agent reads its clock at a task's first op: the context's task is another one, or the first
      // buffer would carry the time the context was made (6.7 ms earlier once in CI).
      await new Promise((r) => setTimeout(r, 0));
      const t1 = performance.now();
      const a = gl.createBuffer();
      await new Promise((r) => setTimeout(r, 40));
      const t2 = performance.now();
      const b = gl.createBuffer();
      window.keep = [a, b];
      return t2 - t1;
    })()`)) as number;
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(
      () => exportTrace(env.h, tabId),
      (x) => x.objects.filter((o) => o.kind === 'webgl.buffer').length === 2,
      'both buffers in the trace',
    );
    const [a, b] = t.objects.filter((o) => o.kind === 'webgl.buffer').sort((x, y) => x.createdAt - y.createdAt);
    expect(gap).toBeGreaterThanOrEqual(39);
    // The agent reads its clock next to each create, as the page did: the two gaps agree within a few ms.
    expect(Math.abs(b!.createdAt - a!.createdAt - gap)).toBeLessThan(5);
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
