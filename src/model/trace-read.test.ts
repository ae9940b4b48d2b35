import { describe, expect, it } from 'vitest';
import { make, SCENE, store } from './rules/test-store';
import { checkTrace, parseTraceText, TraceReadError } from './trace-read';

function trace() {
  const s = store();
  make(s, 10, 'A', 'webgl.texture', 4096, SCENE);
  s.applyEvent({ t: 20, op: 'snapshot', id: 's1', name: 'Snapshot 1' });
  return JSON.parse(JSON.stringify(s.toTrace({ userAgent: 'ua', tool: 'test' })));
}

const reason = (text: string): string => {
  try {
    parseTraceText(text);
  } catch (e) {
    expect(e).toBeInstanceOf(TraceReadError);
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('reading a trace file', () => {
  it('accepts what the store writes, and a version 2 trace as version 3', () => {
    expect(checkTrace(trace()).events.map((e) => e.op)).toEqual(['context', 'create', 'size', 'snapshot']);
    expect(checkTrace({ ...trace(), version: 2 }).version).toBe(3);
  });

  it('names the field and what is wrong with it', () => {
    const t = trace();
    t.events[2].bytes = -1;
    expect(reason(JSON.stringify(t))).toBe('events[2].bytes: expected integer to be greater or equal to 0 (found -1)');
    const u = trace();
    u.events[1].op = 'teleport';
    expect(reason(JSON.stringify(u))).toBe('events[1].op: not an event this tool knows (found "teleport")');
    const v = trace();
    v.objects[0].kind = 'webgl.teapot';
    expect(reason(JSON.stringify(v))).toMatch(/^objects\[0\]\.kind: .* \(found "webgl\.teapot"\)$/);
    const w = trace();
    delete w.summary;
    expect(reason(JSON.stringify(w))).toMatch(/^summary: .* \(found nothing\)$/);
    expect(reason('{"format":"gpumem-trace","version":3,"events":[{"t":-1}]}')).toBe('meta: expected object (found nothing)');
    expect(reason('{"format":"gpumem-trace","version":4}')).toBe('version: trace version 4 is not one this tool reads (1 to 3)');
    const x = trace();
    x.meta.frames = 'none';
    expect(reason(JSON.stringify(x))).toBe('meta.frames: expected array (found "none")');
  });

  it('tells a foreign or broken file apart', () => {
    expect(reason('{"traceEvents":[]}')).toBe('a Chrome trace (Trace Event Format), not a gpumem trace: open it in Perfetto or chrome://tracing');
    expect(reason('[1,2]')).toBe('not a gpumem trace: the file holds a JSON array, not an object');
    expect(reason('{"format":"other"}')).toBe('format: not a gpumem trace, expected "gpumem-trace" (found "other")');
    expect(reason(JSON.stringify({ ...trace(), version: 9 }))).toBe('version: trace version 9 is not one this tool reads (1 to 3)');
    expect(reason('<html>')).toMatch(/^not JSON \(it starts with "<html>"\): /);
    expect(reason(JSON.stringify(trace()).slice(0, 100))).toMatch(/^not JSON: /);
  });
});
