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

  it('says that the snapshots taken before a restart are gone with the worker', async () => {
    const { h, server } = env;
    const page = await h.context.newPage();
    const url = `${server.url}scene.html?restart`;
    await page.goto(url);
    const tabId = await tabOf(h, url, 2);
    const panel = await h.context.newPage();
    await panel.goto(`chrome-extension://${h.extensionId}/panels/gpu-memory/index.html?tabId=${tabId}`);
    await waitFor(() => panelTotals(panel), (x) => x.total > 0, 'the scene');
    await panel.locator('[data-testid=take-snapshot]').click();
    await waitFor(() => panel.locator('[data-testid=snapshot]').count(), (n) => n === 1, 'a snapshot');
    expect(await panel.locator('[data-testid=snapshots-lost]').count()).toBe(0);
    await restartWorker(h);
    const note = await waitFor(() => panel.locator('[data-testid=snapshots-lost]').textContent().catch(() => null), (t) => t !== null, 'the notice');
    expect(note).toMatch(/^1 snapshots taken earlier were lost when the extension's service worker restarted/);
    // New ones can be taken and are kept.
    await waitFor(() => panel.locator('[data-testid=take-snapshot]').isDisabled(), (d) => !d, 'the button again');
    await panel.locator('[data-testid=take-snapshot]').click();
    await waitFor(() => panel.locator('[data-testid=snapshot]').count(), (n) => n === 1, 'a new snapshot');
  });
});
