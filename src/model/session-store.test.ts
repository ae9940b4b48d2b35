import { describe, expect, it } from 'vitest';
import { KIND_CODE } from './kinds';
import { type Batch, Op } from './protocol';
import { SessionStore } from './session-store';

const B = KIND_CODE['webgl.buffer'];
const T = KIND_CODE['webgl.texture'];

/**
 * The tests below write each op with its time inline, [op, id, t, ...] (notes: [op, t, ...]), which reads
 * best; this turns them into protocol v4, where a Time op sets the time of the ops after it.
 */
function timed(ops: number[]): number[] {
  const arity: Record<number, number> = { 1: 6, 2: 6, 3: 4, 4: 4, 5: 3, 6: 3, 7: 3, 8: 3, 9: 4, 10: 4 };
  const out: number[] = [];
  let last: number | undefined;
  for (let i = 0; i < ops.length; ) {
    const op = ops[i]!;
    const n = arity[op]!;
    const tAt = op === Op.AgentError || op === Op.Dropped ? 1 : 2;
    const t = ops[i + tAt]!;
    if (t !== last) out.push(Op.Time, t);
    last = t;
    out.push(...ops.slice(i, i + n).filter((_, k) => k !== tAt));
    i += n;
  }
  return out;
}

function batch(seq: number, ops: number[], realm = 'aaaaaaaaaaaa', origin = 1000): Batch {
  return { v: 5, realm, seq, origin, strings: ['webgl2', 'canvas#a', 'oops'], ops: timed(ops) };
}

describe('SessionStore', () => {
  it('keeps live counts and bytes per kind through create, size, release', () => {
    const s = new SessionStore();
    s.applyBatch(batch(1, [
      Op.Context, 1, 0, 1, 2, 0,
      Op.Create, 2, 1, B, 1, 0, Op.Size, 2, 1, 1024,
      Op.Create, 3, 2, T, 1, 0, Op.Size, 3, 2, 4096, Op.Size, 3, 3, 256,
      Op.Create, 4, 4, B, 1, 0, Op.Size, 4, 4, 100, Op.Release, 4, 5, 0,
    ]), { frameId: 0, url: 'http://x/' });
    expect(s.summary()).toEqual({
      live: { 'webgl.buffer': { count: 1, bytes: 1024 }, 'webgl.texture': { count: 1, bytes: 256 } },
      totalBytes: 1280,
    });
    const tex = s.objects.get('aaaaaaaaaaaa-3')!;
    expect(tex).toMatchObject({ kind: 'webgl.texture', bytes: 256, peakBytes: 4096, createdAt: 2, releasedAt: null });
    expect(tex.context).toBe('aaaaaaaaaaaa-1');
    expect(tex.frame).toBe('f0:aaaaaaaaaaaa');
    expect(s.objects.get('aaaaaaaaaaaa-4')).toMatchObject({ releasedAt: 5, releaseReason: 'deleted' });
    expect(s.contexts.get('aaaaaaaaaaaa-1')).toMatchObject({ api: 'webgl2', canvas: 'canvas#a' });
  });

  it('a lost context releases all of its live objects at once; a later delete changes nothing', () => {
    const s = new SessionStore();
    const D = KIND_CODE['webgl.drawingBuffer'];
    s.applyBatch(batch(1, [
      Op.Context, 1, 0, 1, 2, 0, Op.Create, 2, 0, D, 1, 0, Op.Size, 2, 0, 800,
      Op.Create, 3, 1, B, 1, 0, Op.Size, 3, 1, 700,
      Op.Context, 4, 1, 1, 2, 0, Op.Create, 5, 1, B, 4, 0, Op.Size, 5, 1, 40,
      Op.ContextLost, 1, 2,
      Op.Release, 3, 3, 0,
    ]), { frameId: 0, url: 'http://x/' });
    expect(s.summary().live).toEqual({ 'webgl.drawingBuffer': { count: 0, bytes: 0 }, 'webgl.buffer': { count: 1, bytes: 40 } });
    expect(s.objects.get('aaaaaaaaaaaa-3')).toMatchObject({ releasedAt: 2, releaseReason: 'context-lost' });
    expect(s.contexts.get('aaaaaaaaaaaa-1')!.lostAt).toBe(2);
    s.applyBatch(batch(2, [Op.ContextRestored, 1, 5]), { frameId: 0, url: 'http://x/' });
    expect(s.contexts.get('aaaaaaaaaaaa-1')!.lostAt).toBeNull();
    expect(s.events.map((e) => e.op)).toContain('context-restored');
  });

  it('counts churned objects apart from the live ones', () => {
    const s = new SessionStore();
    s.applyBatch({ v: 5, realm: 'aaaaaaaaaaaa', seq: 1, origin: 1000, strings: [], ops: [Op.Time, 3, Op.Churn, B, 1, 256, 4, Op.Churn, B, 1, 16, 1] }, { frameId: 0, url: 'http://x/' });
    expect(s.summary()).toEqual({ live: {}, totalBytes: 0, churned: { 'webgl.buffer': { count: 5, bytes: 4 * 256 + 16 } } });
    expect(s.events[0]).toEqual({ t: 3, op: 'churn', kind: 'webgl.buffer', context: 'aaaaaaaaaaaa-1', bytes: 256, count: 4, frame: 'f0:aaaaaaaaaaaa' });
  });

  it('marks a canvas transferred to a worker', () => {
    const s = new SessionStore();
    s.applyBatch(batch(1, [Op.Context, 1, 0, 1, 2, 2]), { frameId: 0, url: 'http://x/' });
    expect(s.contexts.get('aaaaaaaaaaaa-1')).toMatchObject({ transferred: true, offscreen: false });
  });

  it('applies batches as they come and counts a gap in a realm\'s sequence as missing batches', () => {
    const s = new SessionStore();
    s.applyBatch(batch(1, [Op.Create, 2, 1, B, 1, 0, Op.Size, 2, 1, 10]), { frameId: 0, url: 'http://x/' });
    // Batches 2 to 4 never came: counted, and batch 5 still applies.
    s.applyBatch(batch(5, [Op.Size, 2, 9, 30]), { frameId: 0, url: 'http://x/' });
    // A sequence number that goes back (a page cannot send one; the background drops replays) still applies:
    // a jump must never silence the batches after it.
    s.applyBatch(batch(2, [Op.Size, 2, 10, 40]), { frameId: 0, url: 'http://x/' });
    expect(s.summary().live['webgl.buffer']).toEqual({ count: 1, bytes: 40 });
    expect(s.losses.list()).toEqual([{ cause: 'missing', count: 3 }]);
    expect(s.events.find((e) => e.op === 'loss')).toEqual({ t: 0, op: 'loss', cause: 'missing', count: 3 });
    expect(s.toTrace({ userAgent: 'ua', tool: 't' }).meta.losses).toEqual([{ cause: 'missing', count: 3 }]);
  });

  it('takes URLs from the browser, clipped with a mark, and follows a document\'s URL changes', () => {
    const s = new SessionStore();
    const long = `http://x/?q=${'a'.repeat(5000)}`;
    s.applyBatch(batch(1, [Op.Create, 1, 5, B, 0]), { frameId: 0, url: long });
    const f = s.frames.get('f0:aaaaaaaaaaaa')!;
    expect(f.url).toHaveLength(4096);
    expect(f.url.endsWith('a…')).toBe(true);
    expect(s.url).toBe(f.url);
    s.setFrameUrl('f0:aaaaaaaaaaaa', 'http://x/route-b');
    expect(s.url).toBe('http://x/route-b');
  });

  it('keeps ids of two realms apart and times them from the first origin', () => {
    const s = new SessionStore();
    s.applyBatch(batch(1, [Op.Create, 1, 5, B, 0], 'aaaaaaaaaaaa', 1000), { frameId: 0, url: 'http://x/' });
    s.applyBatch(batch(1, [Op.Create, 1, 5, B, 0], 'bbbbbbbbbbbb', 1500), { frameId: 3, url: 'http://x/' });
    expect(s.objects.get('aaaaaaaaaaaa-1')!.createdAt).toBe(5);
    expect(s.objects.get('bbbbbbbbbbbb-1')!.createdAt).toBe(505);
    expect(s.objects.get('bbbbbbbbbbbb-1')!.frame).toBe('f3:bbbbbbbbbbbb');
    expect(s.frames.size).toBe(2);
  });

  it('ignores size and release of unknown or released objects', () => {
    const s = new SessionStore();
    s.applyBatch(batch(1, [Op.Size, 9, 1, 100, Op.Release, 9, 1, 0, Op.Create, 1, 1, B, 0, 0, Op.Release, 1, 2, 0, Op.Release, 1, 3, 1, Op.Size, 1, 4, 50]), { frameId: 0, url: 'http://x/' });
    expect(s.summary()).toEqual({ live: { 'webgl.buffer': { count: 0, bytes: 0 } }, totalBytes: 0 });
    expect(s.objects.get('aaaaaaaaaaaa-1')!.releaseReason).toBe('deleted');
  });

  it('counts agent errors and the batches the agent dropped', () => {
    const s = new SessionStore();
    s.applyBatch(batch(1, [Op.AgentError, 1, 3, Op.Dropped, 2, 4]), { frameId: 0, url: 'http://x/' });
    expect(s.agentErrors).toBe(1);
    expect(s.droppedEvents).toBe(0);
    expect(s.losses.list()).toEqual([{ cause: 'agent-dropped', count: 4 }]);
    expect(s.events[0]).toEqual({ t: 1, op: 'agent-error', frame: 'f0:aaaaaaaaaaaa', message: 'oops' });
  });

  it('round-trips through a trace to the same numbers', () => {
    const s = new SessionStore();
    s.applyBatch(batch(1, [Op.Context, 1, 0, 1, 2, 0, Op.Create, 2, 1, B, 1, 0, Op.Size, 2, 1, 64, Op.Create, 3, 2, T, 1, 0, Op.Size, 3, 2, 32, Op.Release, 3, 3, 1]), { frameId: 0, url: 'http://x/' });
    const trace = s.toTrace({ userAgent: 'ua', tool: 't' });
    expect(trace.format).toBe('gpumem-trace');
    expect(trace.meta.startedAt).toBe(new Date(1000).toISOString());
    const back = SessionStore.fromTrace(JSON.parse(JSON.stringify(trace)));
    expect(back.summary()).toEqual(s.summary());
    expect([...back.objects.values()]).toEqual([...s.objects.values()]);
    expect(back.toTrace({ userAgent: 'ua', tool: 't' })).toEqual(trace);
  });

  it('gives a recording rebuilt from an empty meta its start from its first batch, not from 1970', () => {
    // What a panel gets when it subscribes before the page has made anything (DevTools opened first, a reload).
    const empty = new SessionStore().toMeta({ userAgent: 'ua', tool: 't' });
    const s = SessionStore.fromMeta(JSON.parse(JSON.stringify(empty)));
    expect(s.startedAt).toBeNull();
    s.applyBatch(batch(1, [Op.Create, 1, 250, B, 0, 0]), { frameId: 0, url: 'http://x/' });
    expect(s.startedAt).toBe(1000);
    expect(s.objects.get('aaaaaaaaaaaa-1')!.createdAt).toBe(250);
  });

  it('bounds released objects, oldest first, and says how many it dropped', () => {
    const s = new SessionStore({ maxReleased: 2 });
    const ops: number[] = [];
    for (let id = 1; id <= 5; id++) ops.push(Op.Create, id, id, B, 0, 0, Op.Release, id, id, 0);
    s.applyBatch(batch(1, ops), { frameId: 0, url: 'http://x/' });
    expect([...s.objects.keys()]).toEqual(['aaaaaaaaaaaa-4', 'aaaaaaaaaaaa-5']);
    expect(s.droppedObjects).toBe(3);
  });

  it('bounds events and counts the rest, while totals stay right', () => {
    const s = new SessionStore({ maxEvents: 3 });
    s.applyBatch(batch(1, [Op.Create, 1, 1, B, 0, 0, Op.Size, 1, 1, 5, Op.Create, 2, 1, B, 0, 0, Op.Size, 2, 1, 7]), { frameId: 0, url: 'http://x/' });
    expect(s.events).toHaveLength(3);
    expect(s.droppedEvents).toBe(1);
    expect(s.totalBytes()).toBe(12);
  });
});

describe('SessionStore.changedSince', () => {
  it('names the objects changed after a revision, and none for the heartbeat', () => {
    const s = new SessionStore();
    // Without a view asking for it the store keeps no log.
    expect(s.changedSince(0)).toBeNull();
    s.trackChanges();
    s.applyBatch(batch(1, [Op.Create, 1, 1, B, 0, 0, Op.Size, 1, 1, 64, Op.Create, 2, 1, B, 0, 0]), { frameId: 0, url: 'http://x/' });
    const rev = s.revision;
    expect(s.changedSince(rev)).toEqual(new Set());
    s.applyBatch(batch(2, [Op.Size, 2, 2, 32, Op.Release, 1, 3, 0]), { frameId: 0, url: 'http://x/' });
    expect(s.changedSince(rev)).toEqual(new Set(['aaaaaaaaaaaa-2', 'aaaaaaaaaaaa-1']));
    const after = s.revision;
    s.applyEvent({ t: 9, op: 'tick', frame: 'f0:aaaaaaaaaaaa' });
    expect(s.revision).toBe(after);
    expect(s.changedSince(0)).toEqual(new Set(['aaaaaaaaaaaa-1', 'aaaaaaaaaaaa-2']));
  });

  it('says when its log no longer reaches back to a revision', () => {
    const s = new SessionStore();
    s.trackChanges();
    const ops: number[] = [];
    for (let id = 1; id <= 70_000; id++) ops.push(Op.Create, id, 1, B, 0, 0);
    s.applyBatch(batch(1, ops), { frameId: 0, url: 'http://x/' });
    expect(s.changedSince(0)).toBeNull();
    expect(s.changedSince(s.revision - 10)!.size).toBe(10);
  });
});
