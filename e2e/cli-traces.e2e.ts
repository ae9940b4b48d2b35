// `gpumem diff`, `summary` and `view` on traces `gpumem record` wrote: a leaking and a healthy route change
// compared (exit codes, per kind and per site, text and JSON, thresholds), two snapshots of one trace, a
// gzipped trace, malformed files refused with their reason, and the viewer opened in Chromium.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../src/cli/static-server';
import { SessionStore, type Trace } from '../src/model/model';
import { fixtureServer, gpumem, panelTotals, ROOT, siteOf, waitFor } from './helpers';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

describe('gpumem diff, summary and view', () => {
  let server: StaticServer;
  const dir = mkdtempSync(join(tmpdir(), 'gpumem-traces-'));
  const file = (name: string): string => join(dir, name);

  beforeAll(async () => {
    server = await fixtureServer();
    // The route change that disposes the scene first (healthy), twice, and the one that does not (leaking).
    const runs = await Promise.all([
      gpumem(['record', `${server.url}leaks/route.html?auto&dispose`, '--duration', '1', '--out', file('healthy.json')]),
      gpumem(['record', `${server.url}leaks/route.html?auto&dispose`, '--duration', '1', '--out', file('healthy2.json')]),
      // Past the outlived-canvas grace (5 s), so that the trace has its alert.
      gpumem(['record', `${server.url}leaks/route.html?auto`, '--duration', '7', '--out', file('leaking.json')]),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('exits 1 past --max-growth on the leaking pair, with the growth per kind and per site', async () => {
    const r = await gpumem(['diff', file('healthy.json'), file('leaking.json'), '--max-growth', '0']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    // Three 64×64 RGBA8 textures (3 × 16 384 B) and a 4 096 B buffer the route change left behind.
    expect(r.stdout).toMatch(/\+48\.0 KiB\s+\+3 objects\s+\(3 → 6\)\s+webgl\.texture/);
    expect(r.stdout).toMatch(/\+4\.00 KiB\s+\+1 objects\s+\(1 → 2\)\s+webgl\.buffer/);
    expect(r.stdout).toContain(siteOf('scene-texture'));
    expect(r.stdout).toMatch(/over the growth limits:\n\s+total: grew \+52\.0 KiB \(53248 B\), limit 0 B \(0 B\)/);
    const j = await gpumem(['diff', file('healthy.json'), file('leaking.json'), '--json']);
    expect(j.code).toBe(0);
    const d = JSON.parse(j.stdout);
    expect(d.total).toEqual({ count: 4, bytes: 53248 });
    expect(d.byKind.filter((k: { bytes: number }) => k.bytes !== 0)).toEqual([
      { key: 'webgl.texture', base: { count: 3, bytes: 49152 }, target: { count: 6, bytes: 98304 }, count: 3, bytes: 49152 },
      { key: 'webgl.buffer', base: { count: 1, bytes: 4096 }, target: { count: 2, bytes: 8192 }, count: 1, bytes: 4096 },
    ]);
    expect(d.bySite[0].key).toContain(siteOf('scene-texture'));
    expect(d.sameRecording).toBe(false);
  }, 60_000);

  it('exits 0 on the healthy pair, and judges per-kind limits at their edge', async () => {
    const ok = await gpumem(['diff', file('healthy.json'), file('healthy2.json'), '--max-growth', '0']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/total: 0 objects, 0 B/);
    expect(ok.stdout).toContain('growth limits: none exceeded');
    const edge = await gpumem(['diff', file('healthy.json'), file('leaking.json'), '--max-growth-kind', 'webgl.texture=48KiB']);
    expect(edge.code).toBe(0);
    const past = await gpumem(['diff', file('healthy.json'), file('leaking.json'), '--max-growth-kind=webgl.texture=49151', '--max-growth-kind', 'webgl.buffer=1MB']);
    expect(past.code).toBe(1);
    expect(past.stdout).toMatch(/webgl\.texture: grew \+48\.0 KiB \(49152 B\), limit 48\.0 KiB \(49151 B\)/);
    expect(past.stdout).not.toMatch(/webgl\.buffer: grew/);
  }, 60_000);

  it('compares two snapshots of one trace, gzipped, and lists them in the summary', async () => {
    // A recording with snapshots, as the panel's Export writes it, gzipped.
    const s = SessionStore.fromTrace(JSON.parse(readFileSync(file('leaking.json'), 'utf8')) as Trace);
    const t = s.lastTime();
    s.applyEvent({ t, op: 'snapshot', id: 's1', name: 'before' });
    s.applyEvent({ t: t + 1, op: 'create', id: 'x-1', kind: 'webgl.texture', context: [...s.contexts.keys()][0]!, frame: [...s.frames.keys()][0]!, stack: 'at leak (http://app.test/leak.js:7:3)' });
    s.applyEvent({ t: t + 1, op: 'size', id: 'x-1', bytes: 1000 });
    s.applyEvent({ t: t + 2, op: 'snapshot', id: 's2', name: 'after' });
    writeFileSync(file('snaps.json.gz'), gzipSync(JSON.stringify(s.toTrace({ userAgent: 'ua', tool: 'test' }))));
    const r = await gpumem(['diff', file('snaps.json.gz'), '--from', 'before', '--to', '2', '--max-growth', '999']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('snapshot "before"');
    expect(r.stdout).toMatch(/\+1000 B\s+\+1 objects\s+\(0 → 1\)\s+at leak \(http:\/\/app\.test\/leak\.js:7:3\)\s+\(1 new, 0 freed\)/);
    const missing = await gpumem(['diff', file('snaps.json.gz'), '--from', 'lunch', '--to', 'end']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('has no snapshot "lunch" (it has 1: "before", 2: "after"; or use "end")');
    const sum = await gpumem(['summary', file('snaps.json.gz')]);
    expect(sum.code).toBe(0);
    expect(sum.stdout).toMatch(/snapshots: 2\n\s+1\. "before" at [\d.]+ s: \d+ objects/);
    expect(sum.stdout).toMatch(/\[error\] outlived-canvas/);
    const json = JSON.parse((await gpumem(['summary', file('leaking.json'), '--json'])).stdout);
    expect(json.live['webgl.texture']).toEqual({ count: 6, bytes: 98304 });
    expect(json.alerts.map((a: { rule: string }) => a.rule)).toContain('outlived-canvas');
  }, 60_000);

  it('refuses malformed and foreign files with the field and why, exit 2', async () => {
    const good = JSON.parse(readFileSync(file('healthy.json'), 'utf8'));
    const cases: [string, string | Buffer, RegExp][] = [
      ['not-json.json', '<html>oops', /not-json\.json: not JSON \(it starts with "<html>oops"\)/],
      ['chrome.json', '{"traceEvents":[]}', /a Chrome trace \(Trace Event Format\), not a gpumem trace/],
      ['future.json', JSON.stringify({ ...good, version: 7 }), /version: trace version 7 is not one this tool reads \(1 to 3\)/],
      ['bad-size.json', JSON.stringify({ ...good, events: [...good.events, { t: 1, op: 'size', id: 'a', bytes: 'many' }] }), new RegExp(`events\\[${good.events.length}\\]\\.bytes: expected integer \\(found "many"\\)`)],
      ['truncated.json.gz', gzipSync(JSON.stringify(good)).subarray(0, 200), /truncated\.json\.gz: a gzip file that does not decompress/],
    ];
    for (const [name, body, why] of cases) {
      writeFileSync(file(name), body);
      const r = await gpumem(['summary', file(name)]);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(why);
      expect(r.stdout).toBe('');
    }
    const none = await gpumem(['diff', file('nope.json'), file('healthy.json')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('nope.json: no such file');
    const usage = await gpumem(['diff', file('healthy.json'), file('healthy.json'), '--max-growth', 'lots']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--max-growth "lots": expected bytes, as 4096, 1.5MiB or 2MB');
  }, 60_000);

  it('opens a trace in the viewer with its totals and alerts (gpumem view)', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [resolve(ROOT, 'bin/gpumem.mjs'), 'view', file('leaking.json'), '--headless', '--browser-arg', `--remote-debugging-port=${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += String(b)));
    child.stderr.on('data', (b) => (out += String(b)));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      await waitFor(async () => out, (o) => o.includes('Opened'), 'the viewer to open');
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      const viewer = browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().includes('/viewer.html'))!;
      expect(viewer).toBeDefined();
      const expected = JSON.parse((await gpumem(['summary', file('leaking.json'), '--json'])).stdout);
      const totals = await waitFor(() => panelTotals(viewer), (t) => t.total === expected.totalBytes, 'the trace totals in the viewer');
      expect(totals.kinds['webgl.texture']).toEqual(expected.live['webgl.texture']);
      const rules = await viewer.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=alert]')].map((a) => a.dataset.rule).sort());
      expect(rules).toEqual(expected.alerts.map((a: { rule: string }) => a.rule).sort());
      await browser.close().catch(() => undefined);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);

  it('says so when there is no display to open the viewer on', async () => {
    const r = await gpumem(['view', file('healthy.json')], { env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' }, timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gpumem: no display to open the viewer on');
  });

  it('gives each command its help', async () => {
    for (const cmd of ['diff', 'summary', 'view']) {
      const r = await gpumem([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: gpumem ${cmd} <`));
    }
  });
});
