// Traces in Chrome's Trace Event Format, from `gpumem convert` and the panel's Export for Perfetto, read by
// a real client: Chrome DevTools' own trace engine (the Performance panel's parser, @paulirish/trace_engine)
// takes the file and names its process and threads as written. Beside it, the file's meaning is checked
// against the gpumem trace it came from: a slice per object from its creation to its release, counters
// whose last values are the trace's live totals per kind, an instant per alert.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as DevToolsTrace from '@paulirish/trace_engine/models/trace/trace.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTraceFile } from '../src/cli/read-trace';
import type { ChromeTraceEvent, Trace } from '../src/model/model';
import { gpumem, type GpumemRun, useBrowser } from './helpers';

interface ChromeTrace { traceEvents: ChromeTraceEvent[]; otherData: Record<string, unknown> }

/** What Chrome DevTools' trace engine makes of the events: process and thread names by id. */
async function devToolsReads(events: ChromeTraceEvent[]): Promise<{ processes: Map<number, string>; threads: Map<number, string> }> {
  // The engine reads DOMRect, which Node lacks, for page layout events (none here).
  (globalThis as Record<string, unknown>).DOMRect ??= class { constructor(readonly x = 0, readonly y = 0, readonly width = 0, readonly height = 0) {} };
  const model = DevToolsTrace.TraceModel.Model.createWithAllHandlers();
  await model.parse(events as unknown as DevToolsTrace.Types.Events.Event[]);
  const meta = model.parsedTrace(0)!.data.Meta;
  const processes = new Map([...meta.processNames].map(([pid, e]) => [Number(pid), e.args.name as string]));
  const threads = new Map([...(meta.threadsInProcess.get(1 as DevToolsTrace.Types.Events.ProcessID) ?? new Map())].map(([tid, e]) => [Number(tid), e.args.name as string]));
  return { processes, threads };
}

/** Checks that `doc` says what `trace` says. */
function expectSameMeaning(doc: ChromeTrace, trace: Trace): void {
  const ev = doc.traceEvents;
  const named = new Set(ev.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.tid));
  for (const e of ev) {
    if (e.ph === 'M') continue;
    expect(Number.isInteger(e.ts) && e.ts! >= 0).toBe(true);
    if (e.tid !== undefined && e.tid !== 0) expect(named.has(e.tid)).toBe(true);
  }
  // One slice per object, begun at its creation and ended at its release (or the end).
  const begins = new Map(ev.filter((e) => e.ph === 'b').map((e) => [`${e.cat}/${e.id}`, e]));
  const ends = new Map(ev.filter((e) => e.ph === 'e').map((e) => [`${e.cat}/${e.id}`, e]));
  expect(begins.size).toBe(trace.objects.length);
  expect(ends.size).toBe(trace.objects.length);
  for (const o of trace.objects) {
    const b = begins.get(`gpumem.object/${o.id}`)!;
    const e = ends.get(`gpumem.object/${o.id}`)!;
    expect(b.ts).toBe(Math.round(o.createdAt * 1000));
    expect(e.name).toBe(b.name);
    if (o.releasedAt !== null) expect(e.ts).toBe(Math.round(o.releasedAt * 1000));
    expect(e.ts!).toBeGreaterThanOrEqual(b.ts!);
    expect(b.args).toMatchObject({ bytes: o.bytes, ...(o.site ? { site: o.site } : {}) });
  }
  // The counters' last values, summed over contexts, are the live totals per kind.
  const last = new Map<string, { bytes: number; count: number }>();
  for (const e of ev) if (e.ph === 'C') last.set(e.name, e.args as { bytes: number; count: number });
  const perKind: Record<string, { count: number; bytes: number }> = {};
  for (const [name, v] of last) {
    const kind = name.split(' · ')[0]!;
    const t = (perKind[kind] ??= { count: 0, bytes: 0 });
    t.count += v.count;
    t.bytes += v.bytes;
  }
  for (const [kind, t] of Object.entries(perKind)) if (t.count === 0 && t.bytes === 0) delete perKind[kind];
  expect(perKind).toEqual(trace.summary.live);
  expect(ev.filter((e) => e.cat === 'gpumem.alert').map((e) => e.name).sort()).toEqual(trace.alerts.map((a) => `${a.severity}: ${a.rule}`).sort());
}

describe('Chrome trace format', () => {
  const env = useBrowser();
  const dir = mkdtempSync(join(tmpdir(), 'gpumem-chrome-'));
  let trace: Trace;
  let convert: GpumemRun;
  let converted: ChromeTrace;

  beforeAll(async () => {
    // three.js removes its canvas 0.5 s after load: the recording settles until the outlived-canvas alert is due.
    const rec = await gpumem(['record', `${env.server.url}leaks/three-route.html?auto&after=500`, '--quiet', '--out', join(dir, 'route.json')]);
    expect(rec.code).toBe(0);
    trace = readTraceFile(join(dir, 'route.json'));
    convert = await gpumem(['convert', join(dir, 'route.json'), '--to', 'chrome-trace']);
    converted = JSON.parse(readFileSync(join(dir, 'route.chrome-trace.json'), 'utf8')) as ChromeTrace;
  }, 120_000);

  it('converts a recording, which Chrome DevTools\' trace engine reads with its process and thread names', async () => {
    expect(convert.code).toBe(0);
    expect(convert.stdout).toMatch(/route\.chrome-trace\.json: \d+ object lifetimes, 1 alerts; open it in ui\.perfetto\.dev or chrome:\/\/tracing/);
    expect(trace.alerts.map((a) => a.rule)).toEqual(['outlived-canvas']);
    const read = await devToolsReads(converted.traceEvents);
    expect(read.processes.get(1)).toBe(`tab: ${trace.meta.url}`);
    expect(read.threads.get(1)).toMatch(/^context 1: webgl2 on canvas#three in .*three-route\.html/);
    expect(read.threads.get(10_000)).toMatch(/^document frame 0: .*three-route\.html/);
    expectSameMeaning(converted, trace);
    expect(converted.traceEvents.some((e) => e.ph === 'C' && e.name === 'webgl.texture · context 1')).toBe(true);
  });

  it('writes it gzipped when the name ends in .gz, and refuses a file that is not a trace', async () => {
    const gz = await gpumem(['convert', join(dir, 'route.json'), '--to', 'chrome-trace', '--out', join(dir, 'route.trace.json.gz')]);
    expect(gz.code).toBe(0);
    expect(JSON.parse(gunzipSync(readFileSync(join(dir, 'route.trace.json.gz'))).toString('utf8'))).toEqual(converted);
    const foreign = await gpumem(['convert', join(dir, 'route.chrome-trace.json'), '--to', 'chrome-trace']);
    expect(foreign.stderr).toMatch(/a Chrome trace \(Trace Event Format\), not a gpumem trace/);
    expect(foreign.code).toBe(2);
    const noFormat = await gpumem(['convert', join(dir, 'route.json')]);
    expect(noFormat.stderr).toMatch(/convert needs --to chrome-trace/);
    expect(noFormat.code).toBe(2);
  });

  it('exports the same from the trace viewer with Export for Perfetto', async () => {
    const { h } = env;
    const viewer = await h.context.newPage();
    await viewer.goto(`chrome-extension://${h.extensionId}/panels/gpu-memory/viewer.html`);
    await viewer.setInputFiles('[data-testid=open-trace-file]', { name: 'route.json', mimeType: 'application/json', buffer: readFileSync(join(dir, 'route.json')) });
    await viewer.locator('[data-testid=state]').filter({ hasText: 'the trace file route.json' }).waitFor();
    const download = viewer.waitForEvent('download');
    await viewer.locator('[data-testid=export-chrome]').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^gpumem-127\.0\.0\.1_\d+-.*\.chrome-trace\.json$/);
    const doc = JSON.parse(readFileSync((await file.path())!, 'utf8')) as ChromeTrace;
    // The viewer replays the file's events: its export means what the file means.
    expectSameMeaning(doc, trace);
    const read = await devToolsReads(doc.traceEvents);
    expect(read.processes.get(1)).toBe(`tab: ${trace.meta.url}`);
    expect(await viewer.locator('[data-testid=status]').textContent()).toMatch(/in Chrome trace format \(open it in ui\.perfetto\.dev or chrome:\/\/tracing\)/);
    await viewer.close();
  });
});
