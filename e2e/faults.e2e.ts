// Faults on the path from page to reader: each ends in a clear message or a count, never a hang, a silent
// loss or a leak. A worker restart past the relay's replay log, a port that drops during an export, a tab
// closed under an open panel.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../src/model/model';
import { exportTrace, openPanel, restartWorker, sessions, summary, tabOf, useBrowser, waitFor } from './helpers';

describe('faults', () => {
  const env = useBrowser();

  /** stream.html (300 buffers) once it is done, and the panel on its tab once it has the history. */
  const streamWithPanel = async (query: string): Promise<{ page: Page; tabId: number; panel: Page }> => {
    const url = `${env.server.url}stream.html${query}`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    await page.waitForFunction('window.done === true');
    const tabId = await tabOf(env.h, url);
    const panel = await openPanel(env.h, tabId);
    await panel.waitForSelector('.panel[data-synced=yes]');
    return { page, tabId, panel };
  };

  it('a worker restart after the page\'s replay log filled says how many batches it lost, in the trace and the panel', async () => {
    const { h, server } = env;
    // 5 000 buffers with 4 000-character labels: about 20 M characters of batches, past the log's 16 M.
    const url = `${server.url}hostile/labels.html?n=5000&long`;
    const page = await h.context.newPage();
    await page.goto(url);
    await page.waitForFunction('window.__done === 5000', null, { timeout: 60_000 });
    const tabId = await tabOf(h, url);
    await waitFor(() => summary(h, tabId), (s) => s?.live['webgpu.buffer']?.count === 5000, 'all 5 000 buffers');

    await restartWorker(h);
    // The relays replay on the new worker's request; the log holds the first batches only.
    const trace = await waitFor(
      () => exportTrace(h, tabId),
      (t) => ((t?.meta.losses ?? []) as { cause: string }[]).some((l) => l.cause === 'replay'),
      'the replay and its loss',
    );
    const live = trace.summary.live['webgpu.buffer']!.count;
    const lost = (trace.meta.losses as { cause: string; count: number }[]).find((l) => l.cause === 'replay')!.count;
    expect(live).toBeGreaterThan(0);
    expect(live).toBeLessThan(5000);
    expect(lost).toBeGreaterThan(0);
    const panel = await openPanel(h, tabId);
    const words = await waitFor(
      () => panel.evaluate(() => document.querySelector('[data-testid=losses]')?.textContent ?? ''),
      (t) => t.includes('lost when the extension\'s service worker restarted'),
      'the loss in the panel',
    );
    expect(words).toContain(`${lost} batch${lost === 1 ? '' : 'es'} lost when the extension's service worker restarted`);
    await panel.close();
    await page.close();
  });

  it('an export whose port drops fails with words the user sees, and the next export works', async () => {
    const { h } = env;
    const { page, tabId, panel } = await streamWithPanel('');
    // The page's thread is busy for 4 s, so its relay cannot answer the export's flush: the export waits.
    await page.evaluate('setTimeout(() => { const end = performance.now() + 4000; while (performance.now() < end); }, 0)');
    await panel.click('[data-testid=export]');
    await restartWorker(h);
    const status = await waitFor(
      () => panel.textContent('[data-testid=status]'),
      (s) => (s ?? '').startsWith('export failed'),
      'the export to fail',
    );
    expect(status).toMatch(/export failed: the connection to the extension dropped/);
    // The new worker has the recording again once the page's relay has replayed it (after the busy 4 s).
    await waitFor(() => summary(h, tabId), (x) => x?.live['webgl.buffer']?.count === 300, 'the replayed recording');
    const download = panel.waitForEvent('download');
    await panel.click('[data-testid=export]');
    await download;
    const done = await waitFor(() => panel.textContent('[data-testid=status]'), (t) => (t ?? '').startsWith('exported'), 'the export to finish');
    expect(done).toMatch(/^exported \d+ events, 301 objects/);
    await panel.close();
    await page.close();
  });

  it('a tab closed under an open panel takes its recording out of the worker; the panel keeps and exports its copy', async () => {
    const { h } = env;
    const { page, tabId, panel } = await streamWithPanel('?closing');
    await waitFor(() => panel.evaluate(() => document.querySelector('[data-testid=footer]')?.textContent ?? ''), (t) => t.includes('301 objects'), 'the panel to hold the recording');
    await page.close();
    await waitFor(() => sessions(h), (list) => !list.some((s) => s.tabId === tabId), 'the session to end with its tab');
    await waitFor(() => panel.textContent('[data-testid=state]'), (t) => /the tab was closed/.test(t ?? ''), 'the panel to say so');
    const download = panel.waitForEvent('download');
    await panel.click('[data-testid=export]');
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const trace = JSON.parse(readFileSync(file, 'utf8')) as Trace;
    // The page's unload took its context: every buffer was released as lost, at its last size.
    const buffers = trace.objects.filter((o) => o.kind === 'webgl.buffer');
    expect(buffers).toHaveLength(300);
    expect(buffers.every((o) => o.bytes === 64 && o.releaseReason === 'context-lost')).toBe(true);
    expect(trace.summary.live['webgl.buffer']).toEqual({ count: 0, bytes: 0 });
    const done = await waitFor(() => panel.textContent('[data-testid=status]'), (t) => (t ?? '').startsWith('exported'), 'the export to finish');
    expect(done).toMatch(/the tab was closed: the recording as it ended/);
    await panel.close();
  });
});
