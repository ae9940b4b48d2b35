import { describe, expect, it } from 'vitest';
import { KIND_CODE } from './kinds';
import { Op } from './protocol';
import { SessionStore } from './session-store';
import { digestOf, traceJsonPieces } from './trace-json';

function bigTrace(objects: number) {
  const s = new SessionStore();
  const ops: number[] = [Op.Time, 1, Op.Context, 1, 1, 2, 0];
  for (let id = 2; id < objects + 2; id++) ops.push(Op.Create, id, KIND_CODE['webgl.buffer'], 1, 0, Op.Size, id, 64);
  s.applyBatch({ v: 5, realm: 'abcdefabcdef', seq: 1, origin: 0, strings: ['webgl2', 'canvas#"quoted"\n'], ops }, { frameId: 0, url: 'http://x/é' });
  return s.toTrace({ userAgent: 'ua', tool: 't' });
}

describe('traceJsonPieces', () => {
  it('joins to exactly the text JSON.stringify gives', () => {
    const trace = bigTrace(50);
    expect([...traceJsonPieces(trace)].join('')).toBe(JSON.stringify(trace));
    expect([...traceJsonPieces(trace, 100)].join('')).toBe(JSON.stringify(trace));
  });
  it('makes pieces of about the size asked for: a piece passes it by one element at most', () => {
    const trace = bigTrace(2000);
    const pieces = [...traceJsonPieces(trace, 10_000)];
    expect(pieces.length).toBeGreaterThan(10);
    const longest = Math.max(...trace.objects.map((o) => JSON.stringify(o).length), ...trace.events.map((e) => JSON.stringify(e).length));
    for (const p of pieces) expect(p.length).toBeLessThan(10_000 + longest + 200);
    expect(JSON.parse(pieces.join(''))).toEqual(JSON.parse(JSON.stringify(trace)));
  });
  it('writes empty arrays', () => {
    const trace = new SessionStore().toTrace({ userAgent: 'ua', tool: 't' });
    expect([...traceJsonPieces(trace)].join('')).toBe(JSON.stringify(trace));
  });
});

describe('digestOf', () => {
  it('counts what the trace holds without its events and objects', () => {
    const trace = bigTrace(3);
    const d = digestOf(trace);
    expect(d.counts).toEqual({ events: trace.events.length, objects: 3, contexts: 1, notInstrumented: 0 });
    expect(d.meta.url).toBe('http://x/é');
    expect(d.summary.live['webgl.buffer']).toEqual({ count: 3, bytes: 192 });
  });
});
