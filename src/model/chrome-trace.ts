// A gpumem trace as Chrome's Trace Event Format (the JSON that Perfetto UI, chrome://tracing and the
// DevTools Performance panel open): one process for the tab, a thread per document frame and per context,
// counter tracks of bytes and count per kind per context, each object's lifetime as an async slice, and
// alerts, snapshots and page errors as instant events. Written in pieces, like the trace itself, so a
// million objects never make one string.
import { terminalSafe } from './page-text';
import { TRACE_PIECE_CHARS } from './trace-json';
import type { Trace, TraceEvent } from './trace-types';

/** One Trace Event Format event (the fields this writer uses). */
export interface ChromeTraceEvent {
  ph: 'M' | 'C' | 'b' | 'e' | 'i';
  name: string;
  pid: number;
  tid?: number;
  ts?: number;
  cat?: string;
  id?: string;
  s?: 'g' | 'p' | 't';
  args?: Record<string, unknown>;
}

/** The tab's process id: one tab per trace. */
export const TAB_PID = 1;
/** Threads of document frames come after the contexts'. */
const FRAME_TID_BASE = 10_000;

const CAT = { object: 'gpumem.object', memory: 'gpumem.memory', alert: 'gpumem.alert', page: 'gpumem.page' } as const;

/** Microseconds, whole: trace times are milliseconds. */
const us = (ms: number): number => Math.round(ms * 1000);

/**
 * A name from the page, as Perfetto's JSON tokenizer can read it: it scans an event's top-level strings
 * itself and gives up on the whole file at a \u escape, which JSON.stringify writes for control
 * characters and lone surrogates. Those become visible escapes and U+FFFD.
 */
const plain = (s: string): string => terminalSafe(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** The events of `trace` in Trace Event Format, metadata first, then in time order within each part. */
export function* chromeTraceEvents(trace: Trace): Generator<ChromeTraceEvent, void, undefined> {
  const pid = TAB_PID;
  const contextTid = new Map<string, number>();
  trace.contexts.forEach((c, i) => contextTid.set(c.id, i + 1));
  const frameTid = new Map<string, number>();
  trace.meta.frames.forEach((f, i) => frameTid.set(f.id, FRAME_TID_BASE + i));
  const frameUrl = new Map(trace.meta.frames.map((f) => [f.id, f.url]));

  yield { ph: 'M', name: 'process_name', pid, args: { name: `tab: ${trace.meta.url || '(no page)'}` } };
  yield { ph: 'M', name: 'process_labels', pid, args: { labels: 'GPU memory (gpumem)' } };
  for (const c of trace.contexts) {
    const where = frameUrl.get(c.frame);
    const name = `context ${contextTid.get(c.id)!}: ${c.api} on ${c.canvas}${c.offscreen ? ' (offscreen)' : ''}${where ? ` in ${where}` : ''} (id ${c.id})`;
    yield { ph: 'M', name: 'thread_name', pid, tid: contextTid.get(c.id)!, args: { name } };
    yield { ph: 'M', name: 'thread_sort_index', pid, tid: contextTid.get(c.id)!, args: { sort_index: contextTid.get(c.id)! } };
  }
  for (const f of trace.meta.frames) {
    yield { ph: 'M', name: 'thread_name', pid, tid: frameTid.get(f.id)!, args: { name: `document frame ${f.frameId}: ${f.url}` } };
    yield { ph: 'M', name: 'thread_sort_index', pid, tid: frameTid.get(f.id)!, args: { sort_index: frameTid.get(f.id)! } };
  }

  // Counters: each object's kind and context from its create, its bytes from its size events.
  const objects = new Map<string, { kind: string; context: string; bytes: number }>();
  const totals = new Map<string, { count: number; bytes: number }>();
  const counter = (t: number, kind: string, context: string, dCount: number, dBytes: number): ChromeTraceEvent => {
    const key = `${kind}\u0000${context}`;
    const now = totals.get(key) ?? { count: 0, bytes: 0 };
    now.count += dCount;
    now.bytes += dBytes;
    totals.set(key, now);
    return { ph: 'C', name: `${kind} · context ${contextTid.get(context) ?? '?'}`, cat: CAT.memory, pid, tid: contextTid.get(context) ?? 0, ts: us(t), args: { bytes: now.bytes, count: now.count } };
  };
  let end = 0;
  for (const ev of trace.events) {
    end = Math.max(end, ev.t);
    const out = eventToChrome(ev, objects, counter, contextTid, frameTid);
    if (out) yield out;
  }
  for (const o of trace.objects) end = Math.max(end, o.createdAt, o.releasedAt ?? 0);
  for (const a of trace.alerts) end = Math.max(end, a.t);
  for (const e of trace.meta.page?.errors ?? []) end = Math.max(end, e.t);
  end = Math.max(end, trace.meta.page?.crashedAt ?? 0);

  // Lifetimes: an async slice per object, to its release or the end of the recording.
  for (const o of trace.objects) {
    const name = o.label ? `${o.kind} "${plain(o.label)}"` : o.kind;
    const tid = contextTid.get(o.context) ?? 0;
    const args: Record<string, unknown> = { id: o.id, bytes: o.bytes, peakBytes: o.peakBytes, context: o.context };
    if (o.site) args.site = o.site;
    if (o.via) args.via = o.via;
    if (o.shape) args.shape = o.shape;
    yield { ph: 'b', name, cat: CAT.object, id: o.id, pid, tid, ts: us(o.createdAt), args };
    const endArgs = o.releasedAt === null ? { live: true } : { released: o.releaseReason ?? 'released' };
    yield { ph: 'e', name, cat: CAT.object, id: o.id, pid, tid, ts: us(o.releasedAt ?? end), args: endArgs };
  }

  for (const a of trace.alerts) {
    const tid = a.context === undefined ? undefined : contextTid.get(a.context);
    yield {
      ph: 'i', name: `${a.severity}: ${a.rule}`, cat: CAT.alert, pid, ...(tid === undefined ? { s: 'p' as const } : { tid, s: 't' as const }), ts: us(a.t),
      args: { message: a.message, site: a.site, count: a.count, bytes: a.bytes, resolvedAt: a.resolvedAt },
    };
  }
  const page = trace.meta.page;
  if (page) {
    for (const e of page.errors) yield { ph: 'i', name: 'page error', cat: CAT.page, pid, s: 'p', ts: us(e.t), args: { message: e.message } };
    if (page.crashedAt !== undefined) yield { ph: 'i', name: 'page crashed', cat: CAT.page, pid, s: 'p', ts: us(page.crashedAt) };
  }
}

type Counter = (t: number, kind: string, context: string, dCount: number, dBytes: number) => ChromeTraceEvent;

/** The Trace Event Format event one gpumem event makes, if any (objects' slices come from `objects`). */
function eventToChrome(
  ev: TraceEvent,
  objects: Map<string, { kind: string; context: string; bytes: number }>,
  counter: Counter,
  contextTid: ReadonlyMap<string, number>,
  frameTid: ReadonlyMap<string, number>,
): ChromeTraceEvent | null {
  const pid = TAB_PID;
  switch (ev.op) {
    case 'create': {
      objects.set(ev.id, { kind: ev.kind, context: ev.context, bytes: 0 });
      return counter(ev.t, ev.kind, ev.context, 1, 0);
    }
    case 'size': {
      const o = objects.get(ev.id);
      if (!o) return null;
      const d = ev.bytes - o.bytes;
      o.bytes = ev.bytes;
      return d === 0 ? null : counter(ev.t, o.kind, o.context, 0, d);
    }
    case 'release': {
      const o = objects.get(ev.id);
      if (!o) return null;
      objects.delete(ev.id);
      return counter(ev.t, o.kind, o.context, -1, -o.bytes);
    }
    case 'snapshot':
      return { ph: 'i', name: plain(ev.name), cat: CAT.page, pid, s: 'g', ts: us(ev.t), args: { snapshot: ev.id } };
    case 'context-lost':
    case 'context-restored':
      return { ph: 'i', name: ev.op, cat: CAT.page, pid, tid: contextTid.get(ev.id) ?? 0, s: 't', ts: us(ev.t) };
    case 'canvas':
      return { ph: 'i', name: `canvas ${ev.state}`, cat: CAT.page, pid, tid: contextTid.get(ev.id) ?? 0, s: 't', ts: us(ev.t) };
    case 'agent-error':
      return { ph: 'i', name: 'agent error', cat: CAT.page, pid, tid: frameTid.get(ev.frame) ?? 0, s: 't', ts: us(ev.t), args: { message: ev.message } };
    case 'loss':
      return { ph: 'i', name: `lost: ${ev.cause}`, cat: CAT.page, pid, s: 'p', ts: us(ev.t), args: { count: ev.count, reason: ev.reason ?? '' } };
    default:
      return null;
  }
}

/** The Chrome trace's JSON text, in pieces of about `pieceChars` characters. */
export function* chromeTracePieces(trace: Trace, pieceChars = TRACE_PIECE_CHARS): Generator<string, void, undefined> {
  const other = {
    source: `${trace.format} version ${trace.version}`,
    tool: trace.meta.tool,
    url: trace.meta.url,
    startedAt: trace.meta.startedAt,
    userAgent: trace.meta.userAgent,
    droppedEvents: trace.meta.droppedEvents,
    droppedObjects: trace.meta.droppedObjects,
  };
  // No displayTimeUnit: Perfetto takes "ms" there as the unit of ts (microseconds by the format's spec).
  // traceEvents first, and each event's ts first: Perfetto's tokenizer reads the file as it streams, and
  // finds ts by scanning an event's keys in order.
  let piece = '{"traceEvents":[';
  let first = true;
  for (const ev of chromeTraceEvents(trace)) {
    piece += (first ? '' : ',') + JSON.stringify(ev.ts === undefined ? ev : { ts: ev.ts, ...ev });
    first = false;
    if (piece.length >= pieceChars) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}],"otherData":${JSON.stringify(other)}}`;
}
