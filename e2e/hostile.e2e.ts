// A hostile page shares the relay's window and can dispatch anything: none of it may reset, hide, rename or
// forge a recording, and everything the transport bounds must arrive split, clipped with a mark, or counted.
// Each test checks that the page's real recording is intact.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../src/model/model';
import { exportTrace, gpumem, sessions, summary, tabOf, useBrowser, waitFor } from './helpers';

/** The fixture server's URL on the other loopback origin: a cross-origin frame for the same files. */
const otherOrigin = (url: string): string => url.replace('127.0.0.1', 'localhost');

describe('a hostile page', () => {
  const env = useBrowser();

  it('cannot forge, reset, rename or silence its recording, nor see the agent\'s batches', async () => {
    const { h, server } = env;
    const url = `${server.url}hostile/forge.html`;
    const page = await h.context.newPage();
    await page.goto(url);
    await page.waitForFunction('window.__done !== undefined');
    const tabId = await tabOf(h, url);
    const trace = await waitFor(
      () => exportTrace(h, tabId),
      (t) => (t.summary.live['webgl.buffer']?.count ?? 0) >= 6,
      'the six real buffers',
    );
    // Every real buffer, at its real size; no forged realm, URL or size; nothing reset or refused.
    expect(trace.summary.live['webgl.buffer']).toEqual({ count: 6, bytes: 2100 });
    expect(trace.meta.url).toBe(url);
    expect(trace.meta.frames).toHaveLength(1);
    expect(trace.meta.frames[0]!.url).toBe(url);
    expect(trace.events.every((e) => !('id' in e) || !/^(bbbb|cccc)/.test(e.id))).toBe(true);
    expect(trace.meta.losses).toEqual([]);
    // The page's capture listeners on window and document saw none of the agent's batches.
    expect(await page.evaluate('window.__done.seen')).toBe(0);
    // The forged settings (frameGrace 1) did not reach the agent: no alert on buffers bound once.
    expect(trace.alerts).toEqual([]);
    await page.close();
  });

  it('a cross-origin iframe flooding 100 000 forged realms changes nothing, and costs the extension nothing', async () => {
    const { h, server } = env;
    const child = `${otherOrigin(server.url)}hostile/flood-child.html`;
    const url = `${server.url}hostile/flood.html?child=${encodeURIComponent(child)}`;
    const page = await h.context.newPage();
    await page.goto(url);
    const done = (await waitFor(() => page.evaluate('window.__done'), (d) => d !== undefined && d !== null, 'the flood')) as { flooded: number };
    expect(done.flooded).toBe(100_000);
    const tabId = await tabOf(h, url);
    const trace = await exportTrace(h, tabId);
    expect(trace.summary.live).toEqual({
      'webgl.buffer': { count: 1, bytes: 1000 },
      'webgl.texture': { count: 1, bytes: 256 },
      'webgl.drawingBuffer': { count: 1, bytes: 4 * 4 * 4 * 2 },
    });
    expect(trace.meta.frames).toHaveLength(1);
    expect(trace.meta.losses).toEqual([]);
    const s = (await sessions(h)).find((x) => x.tabId === tabId)!;
    expect(s.frames).toBe(1);
    await page.close();
  });

  it('25 000 labelled buffers made in one task all arrive, with their labels', async () => {
    const { h, server } = env;
    const url = `${server.url}hostile/labels.html?n=25000`;
    const page = await h.context.newPage();
    await page.goto(url);
    await page.waitForFunction('window.__done === 25000', null, { timeout: 60_000 });
    const tabId = await tabOf(h, url);
    const trace = await waitFor(
      () => exportTrace(h, tabId),
      (t) => t.summary.live['webgpu.buffer']?.count === 25_000,
      '25 000 buffers',
    );
    const labels = new Set(trace.objects.filter((o) => o.kind === 'webgpu.buffer').map((o) => o.label));
    expect(labels.size).toBe(25_000);
    expect(labels.has('mesh-0')).toBe(true);
    expect(labels.has('mesh-24999')).toBe(true);
    expect(trace.meta.losses).toEqual([]);
    await page.close();
  });

  it('a URL past 4 096 characters, at load and after pushState, is clipped with a mark and loses nothing', async () => {
    const { h, server } = env;
    const url = `${server.url}blank.html?q=${'a'.repeat(4100)}`;
    const page = await h.context.newPage();
    await page.goto(url);
    await page.evaluate(`(() => {
      const b = gl.createBuffer();
      gl.bindBuffer(gl.ARRAY_BUFFER, b);
      gl.bufferData(gl.ARRAY_BUFFER, 64, gl.STATIC_DRAW);
      window.keep = [b];
    })()`);
    const clipped = `${url.slice(0, 4095)}…`;
    const tabId = await tabOf(h, clipped);
    await waitFor(() => summary(h, tabId), (s) => s?.live['webgl.buffer']?.count === 1, 'the first buffer');
    // A single-page app moves to a longer URL still, and allocates again.
    await page.evaluate(`(() => {
      history.pushState(null, '', '?route=' + 'b'.repeat(5000));
      const b = gl.createBuffer();
      gl.bindBuffer(gl.ARRAY_BUFFER, b);
      gl.bufferData(gl.ARRAY_BUFFER, 128, gl.STATIC_DRAW);
      window.keep.push(b);
    })()`);
    const trace = await waitFor(
      () => exportTrace(h, tabId),
      (t) => t.summary.live['webgl.buffer']?.count === 2 && t.meta.url.includes('route='),
      'the second buffer and the new URL',
    );
    expect(trace.summary.live['webgl.buffer']).toEqual({ count: 2, bytes: 192 });
    expect(trace.meta.url).toHaveLength(4096);
    expect(trace.meta.url.startsWith(`${server.url}blank.html?route=bbb`)).toBe(true);
    expect(trace.meta.url.endsWith('b…')).toBe(true);
    expect(trace.meta.frames[0]!.url).toBe(trace.meta.url);
    expect(trace.meta.losses).toEqual([]);
    await page.close();
  });

  it('that replaces the built-ins after the agent installed gets the same recording as a page that does not', async () => {
    const { h, server } = env;
    const run = async (query: string): Promise<{ trace: Trace; errors: string[] }> => {
      const url = `${server.url}hostile/natives.html${query}`;
      const page = await h.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      // Read from Playwright's own world: the page's JSON and Array methods are gone.
      await waitFor(() => page.getAttribute('#result', 'data-json'), (v) => v !== null, `${query || 'control'} page done`);
      const tabId = await tabOf(h, url);
      const trace = await exportTrace(h, tabId);
      await page.close();
      return { trace, errors };
    };
    const control = await run('');
    const broken = await run('?break');
    expect(broken.errors).toEqual([]);
    expect(control.errors).toEqual([]);
    const agentErrors = broken.trace.events.filter((e) => e.op === 'agent-error');
    expect(agentErrors).toEqual([]);
    expect(broken.trace.meta.losses).toEqual([]);
    // The control's numbers, worked out by hand: buffers 100 + 300, textures 4x4 and 8x8 RGBA; GPU buffer 16
    // and texture 8x8 rgba8unorm.
    expect(control.trace.summary.live['webgl.buffer']).toEqual({ count: 2, bytes: 400 });
    expect(control.trace.summary.live['webgl.texture']).toEqual({ count: 2, bytes: 64 + 256 });
    expect(control.trace.summary.live['webgpu.buffer']).toEqual({ count: 1, bytes: 16 });
    expect(control.trace.summary.live['webgpu.texture']).toEqual({ count: 1, bytes: 256 });
    expect(broken.trace.summary).toEqual(control.trace.summary);
    // Creation sites too (the two pages differ only in their URL's query).
    const shape = (t: Trace) =>
      t.objects.map((o) => JSON.stringify([o.kind, o.bytes, o.peakBytes, o.label ?? '', o.releaseReason ?? '', (o.site ?? '').replace('?break', '')])).sort();
    expect(shape(broken.trace)).toEqual(shape(control.trace));
    expect(broken.trace.objects.every((o) => o.kind === 'webgl.drawingBuffer' || o.kind === 'webgpu.device' || (o.site ?? '').includes('natives.html'))).toBe(true);
  });

  it('its escape sequences reach the terminal as visible text, and its markup and bidi text stay inert in the panel', async () => {
    const { h, server } = env;
    const url = `${server.url}hostile/escapes.html`;
    // gpumem record: the outlived-canvas alert quotes the canvas id; nothing it prints may be a control.
    const out = join(mkdtempSync(join(tmpdir(), 'gpumem-esc-')), 'trace.json');
    const run = await gpumem(['record', url, '--duration', '7', '--out', out], { timeoutMs: 120_000 });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('outlived-canvas');
    expect(run.stdout).toContain('evil\\x1b[2J\\x1b]0;pwned\\x07\\u202egnp.exe');
    expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(run.stdout + run.stderr)).toBe(false);
    // The trace keeps the page's text as it was (it is data, escaped by JSON).
    const trace = JSON.parse(readFileSync(out, 'utf8')) as Trace;
    expect(trace.contexts.some((c) => c.canvas.includes('\x1b[2J'))).toBe(true);

    // The panel: the label is text in an isolating <bdi>, clipped, with the whole label as its tooltip.
    const page = await h.context.newPage();
    await page.goto(url);
    const label = (await page.waitForFunction('window.__done').then((x) => x.jsonValue())) as string;
    const tabId = await tabOf(h, url);
    const panel = await h.context.newPage();
    await panel.goto(`chrome-extension://${h.extensionId}/panels/gpu-memory/index.html?tabId=${tabId}`);
    const cell = await waitFor(
      () =>
        panel.evaluate(() => {
          const td = document.querySelector<HTMLElement>('[data-testid=objects] tr[data-kind="webgpu.buffer"] [data-testid=label]');
          const bdi = td?.querySelector('bdi');
          return bdi ? { text: bdi.textContent, title: bdi.title, isolate: getComputedStyle(bdi).unicodeBidi, injected: document.getElementById('injected') !== null } : null;
        }),
      (c) => c !== null,
      'the labelled buffer in the panel',
    );
    expect(cell!.injected).toBe(false);
    expect(cell!.isolate).toBe('isolate');
    expect(cell!.title).toBe(label);
    expect(cell!.text).toHaveLength(60);
    expect(cell!.text).toBe(`${label.slice(0, 59)}…`);
    await panel.close();
    await page.close();
  });
});
