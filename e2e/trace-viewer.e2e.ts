// Trace files in the panel and the standalone viewer: opened with the button or dropped, gzipped or not,
// older versions included, with every view (totals, alerts, snapshots, objects); malformed and foreign
// files refused with their reason while the recording shown stays as it was; the viewer reachable from
// the popup and the options page.
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Trace } from '../src/model/model';
import { exportTrace, openPanel, panelTotals, SCENE_TOTAL, tabByUrl, useBrowser, waitFor } from './helpers';

/** Drops a file on the page's panel, as a user drags one from the desktop. */
async function dropFile(page: Page, name: string, body: Buffer): Promise<void> {
  await page.evaluate(({ name, b64 }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name));
    const target = document.querySelector('.panel')!;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, b64: body.toString('base64') });
}

const chooseFile = (page: Page, name: string, body: Buffer | string): Promise<void> =>
  page.setInputFiles('[data-testid=open-trace-file]', { name, mimeType: 'application/json', buffer: Buffer.from(body) });

const recordings = (page: Page): Promise<string[]> =>
  page.evaluate(() => [...document.querySelectorAll<HTMLOptionElement>('[data-testid=recording] option')].map((o) => o.textContent ?? ''));

describe('trace files in the panel and the viewer', () => {
  const env = useBrowser();
  let trace: Trace;
  let panel: Page;
  let viewer: Page;

  beforeAll(async () => {
    const { h, server } = env;
    const page = await h.context.newPage();
    const url = `${server.url}scene.html`;
    await page.goto(url);
    const tabId = await tabByUrl(h, url);
    panel = await openPanel(h, tabId);
    await waitFor(() => panelTotals(panel), (t) => t.total === SCENE_TOTAL, 'the scene in the panel');
    await panel.locator('[data-testid=take-snapshot]').click();
    await waitFor(() => panel.locator('[data-testid=snapshot]').count(), (n) => n === 1, 'a snapshot');
    trace = await exportTrace(h, tabId);
    viewer = await h.context.newPage();
    await viewer.goto(`chrome-extension://${h.extensionId}/panels/gpu-memory/viewer.html`);
  });

  it('opens a trace in the viewer with its totals, snapshots and objects', async () => {
    expect(await viewer.locator('[data-testid=viewer] .empty').textContent()).toContain('Open a trace to look at it');
    await chooseFile(viewer, 'scene.json', JSON.stringify(trace));
    const totals = await waitFor(() => panelTotals(viewer), (t) => t.total === SCENE_TOTAL, 'the totals');
    expect(totals.kinds['webgl.texture']).toEqual(trace.summary.live['webgl.texture']);
    expect(await viewer.locator('[data-testid=snapshot]').getAttribute('data-bytes')).toBe(String(SCENE_TOTAL));
    expect(await viewer.locator('[data-testid=objects]').getAttribute('data-rows')).toBe('14');
    expect(await viewer.locator('[data-testid=state]').textContent()).toContain('the trace file scene.json');
    // A trace file has the snapshots it was saved with.
    expect(await viewer.locator('[data-testid=take-snapshot]').isDisabled()).toBe(true);
  });

  it('opens a dropped gzipped trace, and a version 2 and a version 1 trace', async () => {
    await dropFile(viewer, 'scene.json.gz', gzipSync(JSON.stringify(trace)));
    await waitFor(() => recordings(viewer), (r) => r.length === 2, 'a second file');
    const v2 = { ...trace, version: 2, events: trace.events.filter((e) => e.op !== 'snapshot') };
    await chooseFile(viewer, 'v2.json', JSON.stringify(v2));
    await waitFor(() => recordings(viewer), (r) => r.length === 3, 'the version 2 trace');
    expect((await panelTotals(viewer)).total).toBe(SCENE_TOTAL);
    expect(await viewer.locator('[data-testid=snapshot]').count()).toBe(0);
    // Version 1 named the animation-frame fields of unused and late-texture events otherwise; this
    // recording has none, so its events are the same.
    await chooseFile(viewer, 'v1.json', JSON.stringify({ ...v2, version: 1 }));
    await waitFor(() => recordings(viewer), (r) => r.length === 4, 'the version 1 trace');
    expect((await panelTotals(viewer)).total).toBe(SCENE_TOTAL);
    expect((await recordings(viewer))[0]).toMatch(/^file .*v1\.json.*: .*scene\.html/);
  });

  it('refuses malformed and foreign files with their reason, keeping what it shows', async () => {
    const bad: [string, string | Buffer, string][] = [
      ['notes.txt', 'hello', 'could not open notes.txt: not JSON (it starts with "hello")'],
      ['perfetto.json', '{"traceEvents":[{"ph":"X"}]}', 'could not open perfetto.json: a Chrome trace (Trace Event Format), not a gpumem trace'],
      ['negative.json', JSON.stringify({ ...trace, objects: [{ ...trace.objects[0], bytes: -5 }] }), 'could not open negative.json: objects[0].bytes: expected integer to be greater or equal to 0 (found -5)'],
      ['future.json', JSON.stringify({ ...trace, version: 99 }), 'could not open future.json: version: trace version 99 is not one this tool reads (1 to 3)'],
      ['broken.json.gz', gzipSync(JSON.stringify(trace)).subarray(0, 100), 'could not open broken.json.gz: a gzip file that does not decompress'],
      ['binary.bin', Buffer.from([0xff, 0xfe, 0x00, 0x80]), 'could not open binary.bin: not a text file (it is not UTF-8)'],
    ];
    for (const [name, body, why] of bad) {
      await chooseFile(viewer, name, body);
      const text = await waitFor(() => viewer.locator('[data-testid=open-error]').textContent(), (t) => (t ?? '').includes(name), `the error for ${name}`);
      expect(text).toContain(why);
      expect(await recordings(viewer)).toHaveLength(4);
      expect((await panelTotals(viewer)).total).toBe(SCENE_TOTAL);
    }
  });

  it('opens a trace in the DevTools panel beside the tab, whose recording is untouched', async () => {
    const before = await panelTotals(panel);
    await chooseFile(panel, 'other.json', 'not a trace');
    await waitFor(() => panel.locator('[data-testid=open-error]').count(), (n) => n === 1, 'the error');
    expect(await panelTotals(panel)).toEqual(before);
    expect(await recordings(panel)).toEqual([]);
    const v2 = { ...trace, version: 2, events: trace.events.filter((e) => e.op !== 'snapshot') };
    await chooseFile(panel, 'older.json', JSON.stringify(v2));
    await waitFor(() => recordings(panel), (r) => r.length === 2, 'the file beside the live recording');
    expect(await panel.locator('[data-testid=snapshot]').count()).toBe(0);
    await panel.selectOption('[data-testid=recording]', 'live');
    await waitFor(() => panel.locator('[data-testid=snapshot]').count(), (n) => n === 1, 'the live recording with its snapshot');
    expect(await panelTotals(panel)).toEqual(before);
    expect(await panel.locator('[data-testid=take-snapshot]').isDisabled()).toBe(false);
  });

  it('is reachable from the popup and the options page', async () => {
    const { h } = env;
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/src/popup/popup.html?tabId=1`);
    const [opened] = await Promise.all([h.context.waitForEvent('page'), popup.locator('[data-testid=open-viewer]').click()]);
    await opened.waitForURL(/viewer\.html$/);
    await waitFor(() => opened.locator('[data-testid=open-trace-file]').count(), (n) => n === 1, 'the viewer from the popup');
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/src/options/options.html`);
    const [fromOptions] = await Promise.all([h.context.waitForEvent('page'), options.locator('[data-testid=open-viewer]').click()]);
    await fromOptions.waitForURL(/viewer\.html$/);
    await waitFor(() => fromOptions.locator('[data-testid=open-trace-file]').count(), (n) => n === 1, 'the viewer from the options page');
    for (const p of [popup, opened, options, fromOptions]) await p.close();
  });
});
