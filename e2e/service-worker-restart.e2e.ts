// Stopping the extension's service worker mid-stream loses no event: the relays replay their logs to the
// new worker, which drops what it already had, and an open panel reconnects and catches up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../src/cli/static-server';
import { exportTrace, fixtureServer, type Harness, launch, panelTotals, summary, tabOf, waitFor } from './helpers';

describe('service-worker restart', () => {
  let server: StaticServer;
  let h: Harness;
  beforeAll(async () => {
    server = await fixtureServer();
    h = await launch();
  });
  afterAll(async () => {
    await h?.context.close();
    await server?.close();
  });

  it('keeps every event of a page that allocates while the worker is stopped', async () => {
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

    const oldWorker = await h.worker();
    const cdp = await h.context.browser()!.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(h.extensionId));
    expect(target).toBeDefined();
    await cdp.send('Target.closeTarget', { targetId: target!.targetId });
    await expect(oldWorker.evaluate('1')).rejects.toThrow();

    await waitFor(() => page.evaluate('window.done'), (d) => d === true, 'the page to finish its 300 buffers');
    const after = await waitFor(() => summary(h, tabId), (s) => (s?.live['webgl.buffer']?.count ?? 0) === 300, '300 buffers after restart');
    expect(after!.live['webgl.buffer']).toEqual({ count: 300, bytes: 300 * 64 });

    const trace = await exportTrace(h, tabId);
    const creates = trace.events.filter((e) => e.op === 'create' && e.kind === 'webgl.buffer');
    expect(creates).toHaveLength(300);
    expect(new Set(creates.map((e) => (e as { id: string }).id)).size).toBe(300);
    expect(trace.events.filter((e) => e.op === 'size')).toHaveLength(301); // 300 buffers + the drawing buffer
    expect(trace.meta.droppedEvents).toBe(0);

    // The panel lost its port with the old worker; it reconnected and shows the whole stream.
    const t = await waitFor(() => panelTotals(panel), (x) => x.kinds['webgl.buffer']?.count === 300, 'panel catches up');
    expect(t.kinds['webgl.buffer']).toEqual({ count: 300, bytes: 19_200 });
  });
});
