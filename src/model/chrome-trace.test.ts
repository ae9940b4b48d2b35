import { describe, expect, it } from 'vitest';
import { chromeTraceEvents, chromeTracePieces } from './chrome-trace';
import type { Trace } from './trace-types';

// Two contexts in one document; a texture sized twice then deleted, a labelled buffer still live, a
// snapshot, an alert on the first context and a page error.
const trace: Trace = {
  format: 'gpumem-trace',
  version: 3,
  meta: {
    url: 'http://app.test/', startedAt: '2026-12-03T00:00:00.000Z', userAgent: 'ua', tool: 'gpu-memory-inspector 0.1.0',
    frames: [{ id: 'f1', frameId: 0, url: 'http://app.test/', startedAt: 0 }],
    droppedEvents: 0, droppedObjects: 0, agentErrors: 0,
    page: { errors: [{ t: 7, message: 'TypeError: x' }], droppedErrors: 0 },
  },
  events: [
    { t: 1, op: 'context', id: 'c1', api: 'webgl2', canvas: 'canvas#a', offscreen: false, frame: 'f1' },
    { t: 1, op: 'context', id: 'c2', api: 'webgpu', canvas: 'canvas#b', offscreen: true, frame: 'f1' },
    { t: 2, op: 'create', id: 'o1', kind: 'webgl.texture', context: 'c1', frame: 'f1' },
    { t: 2, op: 'size', id: 'o1', bytes: 4096 },
    { t: 3.5, op: 'size', id: 'o1', bytes: 16384 },
    { t: 4, op: 'create', id: 'o2', kind: 'webgpu.buffer', context: 'c2', frame: 'f1' },
    { t: 4, op: 'size', id: 'o2', bytes: 256 },
    { t: 5, op: 'snapshot', id: 's1', name: 'Snapshot 1' },
    { t: 6, op: 'release', id: 'o1', reason: 'deleted' },
    { t: 6, op: 'size', id: 'o9', bytes: 1 },
  ],
  objects: [
    { id: 'o1', kind: 'webgl.texture', bytes: 16384, peakBytes: 16384, createdAt: 2, releasedAt: 6, releaseReason: 'deleted', context: 'c1', frame: 'f1', site: 'app.js:3:1' },
    { id: 'o2', kind: 'webgpu.buffer', bytes: 256, peakBytes: 256, createdAt: 4, releasedAt: null, context: 'c2', frame: 'f1', label: 'uniforms' },
  ],
  contexts: [
    { id: 'c1', api: 'webgl2', canvas: 'canvas#a', offscreen: false, frame: 'f1', createdAt: 1 },
    { id: 'c2', api: 'webgpu', canvas: 'canvas#b', offscreen: true, frame: 'f1', createdAt: 1 },
  ],
  alerts: [
    { key: 'k', rule: 'outlived-canvas', severity: 'error', message: 'm', objects: ['o1'], count: 1, bytes: 16384, site: 'app.js:3:1', context: 'c1', t: 5.5, updatedAt: 5.5, resolvedAt: 6 },
  ],
  summary: { live: { 'webgpu.buffer': { count: 1, bytes: 256 } }, totalBytes: 256 },
};

describe('Chrome trace format', () => {
  it('names the tab, contexts and document frames, and writes counters, lifetimes and instants', () => {
    expect([...chromeTraceEvents(trace)]).toEqual([
      { ph: 'M', name: 'process_name', pid: 1, args: { name: 'tab: http://app.test/' } },
      { ph: 'M', name: 'process_labels', pid: 1, args: { labels: 'GPU memory (gpumem)' } },
      { ph: 'M', name: 'thread_name', pid: 1, tid: 1, args: { name: 'context 1: webgl2 on canvas#a in http://app.test/ (id c1)' } },
      { ph: 'M', name: 'thread_sort_index', pid: 1, tid: 1, args: { sort_index: 1 } },
      { ph: 'M', name: 'thread_name', pid: 1, tid: 2, args: { name: 'context 2: webgpu on canvas#b (offscreen) in http://app.test/ (id c2)' } },
      { ph: 'M', name: 'thread_sort_index', pid: 1, tid: 2, args: { sort_index: 2 } },
      { ph: 'M', name: 'thread_name', pid: 1, tid: 10000, args: { name: 'document frame 0: http://app.test/' } },
      { ph: 'M', name: 'thread_sort_index', pid: 1, tid: 10000, args: { sort_index: 10000 } },
      // Counters: count on create, bytes on each size (the whole size, so the change is 4096 then 12288).
      { ph: 'C', name: 'webgl.texture · context 1', cat: 'gpumem.memory', pid: 1, tid: 1, ts: 2000, args: { bytes: 0, count: 1 } },
      { ph: 'C', name: 'webgl.texture · context 1', cat: 'gpumem.memory', pid: 1, tid: 1, ts: 2000, args: { bytes: 4096, count: 1 } },
      { ph: 'C', name: 'webgl.texture · context 1', cat: 'gpumem.memory', pid: 1, tid: 1, ts: 3500, args: { bytes: 16384, count: 1 } },
      { ph: 'C', name: 'webgpu.buffer · context 2', cat: 'gpumem.memory', pid: 1, tid: 2, ts: 4000, args: { bytes: 0, count: 1 } },
      { ph: 'C', name: 'webgpu.buffer · context 2', cat: 'gpumem.memory', pid: 1, tid: 2, ts: 4000, args: { bytes: 256, count: 1 } },
      { ph: 'i', name: 'Snapshot 1', cat: 'gpumem.page', pid: 1, s: 'g', ts: 5000, args: { snapshot: 's1' } },
      { ph: 'C', name: 'webgl.texture · context 1', cat: 'gpumem.memory', pid: 1, tid: 1, ts: 6000, args: { bytes: 0, count: 0 } },
      // Lifetimes: the live buffer's slice ends with the recording (its last event: the page error at 7 ms).
      { ph: 'b', name: 'webgl.texture', cat: 'gpumem.object', id: 'o1', pid: 1, tid: 1, ts: 2000, args: { id: 'o1', bytes: 16384, peakBytes: 16384, context: 'c1', site: 'app.js:3:1' } },
      { ph: 'e', name: 'webgl.texture', cat: 'gpumem.object', id: 'o1', pid: 1, tid: 1, ts: 6000, args: { released: 'deleted' } },
      { ph: 'b', name: 'webgpu.buffer "uniforms"', cat: 'gpumem.object', id: 'o2', pid: 1, tid: 2, ts: 4000, args: { id: 'o2', bytes: 256, peakBytes: 256, context: 'c2' } },
      { ph: 'e', name: 'webgpu.buffer "uniforms"', cat: 'gpumem.object', id: 'o2', pid: 1, tid: 2, ts: 7000, args: { live: true } },
      { ph: 'i', name: 'error: outlived-canvas', cat: 'gpumem.alert', pid: 1, tid: 1, s: 't', ts: 5500, args: { message: 'm', site: 'app.js:3:1', count: 1, bytes: 16384, resolvedAt: 6 } },
      { ph: 'i', name: 'page error', cat: 'gpumem.page', pid: 1, s: 'p', ts: 7000, args: { message: 'TypeError: x' } },
    ]);
  });

  it('writes one JSON document in pieces of about the size asked', () => {
    const pieces = [...chromeTracePieces(trace, 500)];
    expect(pieces.length).toBeGreaterThan(3);
    const text = pieces.join('');
    const doc = JSON.parse(text);
    // Microseconds, as the format's default: Perfetto would read displayTimeUnit "ms" as the unit of ts.
    expect(doc.displayTimeUnit).toBeUndefined();
    expect(text.startsWith('{"traceEvents":[{"ph":"M"')).toBe(true);
    // Every timed event's ts comes first, where Perfetto's tokenizer looks.
    for (const ev of doc.traceEvents) if (ev.ph !== 'M') expect(JSON.stringify(ev).startsWith(`{"ts":${ev.ts},`)).toBe(true);
    expect(doc.otherData).toMatchObject({ source: 'gpumem-trace version 3', url: 'http://app.test/' });
    expect(doc.traceEvents).toEqual([...chromeTraceEvents(trace)]);
  });
});

describe('names from the page', () => {
  it('carry no \\u escape, which Perfetto\'s tokenizer cannot read: control characters are shown, lone surrogates replaced', () => {
    const hostile: Trace = {
      ...trace,
      events: [...trace.events, { t: 6, op: 'snapshot', id: 's2', name: 'bad\u001b[2Jname\ud800' }],
      objects: [{ ...trace.objects[1]!, label: 'lab\u0007el\u202e' }],
    };
    const text = [...chromeTracePieces(hostile)].join('');
    const names = JSON.parse(text).traceEvents.filter((e: { ph: string }) => e.ph !== 'M').map((e: { name: string }) => e.name);
    expect(names).toContain('bad\\x1b[2Jname\ufffd');
    expect(names).toContain('webgpu.buffer "lab\\x07el\\u202e"');
    // As written in the file: with escaped backslashes taken out, no \u escape is left in any name.
    for (const n of names) expect(JSON.stringify(n).replaceAll('\\\\', '')).not.toContain('\\u');
    // Without the care, JSON.stringify would have written one.
    expect(JSON.stringify('bad\u001b').replaceAll('\\\\', '')).toContain('\\u');
  });
});
