// Stopping the extension's service worker mid-stream loses no event: the relays replay their logs to the
// new worker, which drops what it already had, and an open panel reconnects and catches up.
import { describe, expect, it } from 'vitest';
import { exportTrace, panelTotals, restartWorker, summary, tabOf, useBrowser, waitFor } from './helpers';

describe('service-worker restart', () => {
  const env = useBrowser();

  it('keeps every event of a page that allocates while the worker is stopped', async () => {
    const { h, server } = env;
    const page = await h.context.newPage();
    const url = `${server.url}stream.html`;
    await page.goto(url);
    const tabId = await tabOf(h, url);
    const panel = await h.context.newPage();
    await panel.goto(`chrome-extension://${h.extensionId}/panels/gpu-memory/index.html?tabId=${tabId}`);
    await page.bringToFront();

    // Mid-stream: some buffers are recorded, not all.
    const before = await waitFor(() => summary(h, tabId), (s) => (s?.live['webgl.buffer']?.count ?? 0) >= 20, '20 buffers');
    expect(before!.live['webgl.buffer']!.count).toBeLessThan(300);

    await restartWorker(h);

    await waitFor(() => page.evaluate('window.done'), (d) => d === true, 'the page to finish its 300 buffers');
    const after = await waitFor(() => summary(h, tabId), (s) => (s?.live['webgl.buffer']?.count ?? 0) === 300, '300 buffers after restart');
    expect(after!.live['webgl.buffer']).toEqual({ count: 300, bytes: 300 * 64 });

    const trace = await exportTrace(h, tabId);
    const creates = trace.events.filter((e) => e.op === 'create' && e.kind === 'webgl.buffer');
    expect(creates).toHaveLength(300);
    expect(new Set(creates.map((e) => (e as { id: string }).id)).size).toBe(300);
    expect(trace.events.filter((e) => e.op === 'size')).toHaveLength(301); // 300 buffers + the drawing buffer
    expect(trace.meta.droppedEvents).toBe(0);
    expect(trace.meta.losses).toEqual([]);

    // The panel lost its port with the old worker; it reconnected and shows the whole stream.
    const t = await waitFor(() => panelTotals(panel), (x) => x.kinds['webgl.buffer']?.count === 300, 'panel catches up');
    expect(t.kinds['webgl.buffer']).toEqual({ count: 300, bytes: 19_200 });
  });
});
