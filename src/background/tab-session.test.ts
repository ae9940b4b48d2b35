import { gunzipSync } from 'node:zlib';
import type { Runtime } from 'webextension-polyfill';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BackgroundToPanel, KIND_CODE, Op, PROTOCOL_VERSION } from '../model/model';
import { MAX_DOCUMENTS, MAX_REALMS_PER_DOCUMENT, TabSession } from './tab-session';

const B = KIND_CODE['webgl.buffer'];

function port(): Runtime.Port & { sent: unknown[] } {
  const sent: unknown[] = [];
  return { sent, postMessage: (m: unknown) => sent.push(m) } as unknown as Runtime.Port & { sent: unknown[] };
}

/** A batch's JSON as an agent sends it: one buffer `id` of `bytes` made at time 1. */
function json(realm: string, seq: number, ops: number[], strings: string[] = []): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, realm, seq, origin: 1000, strings, ops: [Op.Time, 1, ...ops] });
}
const made = (id: number, bytes: number): number[] => [Op.Create, id, B, 1, 0, Op.Size, id, bytes];

const A = 'aaaaaaaaaaaa';
const E = 'eeeeeeeeeeee';

afterEach(() => vi.useRealTimers());

describe('TabSession', () => {
  it('sends a hidden panel nothing, and what it missed, in order, when shown', async () => {
    const s = new TabSession(1, () => ({}));
    const top = s.attach(port(), { frameId: 0, documentId: 'DOC-1', url: 'http://x/' })!;
    const panel = port();
    s.panels.add(panel);
    s.batch(top, 1, json(A, 1, made(1, 10)));
    s.setPanelShown(panel, false);
    s.batch(top, 2, json(A, 2, made(2, 20)));
    s.batch(top, 3, json(A, 3, made(3, 30)));
    expect(panel.sent).toHaveLength(1);
    s.setPanelShown(panel, true);
    const seqs = panel.sent.map((m) => JSON.parse((m as { text: string }).text).seq);
    expect(seqs).toEqual([1, 2, 3]);
    // A message the log does not keep (the tab closed) means the whole history when shown again.
    s.setPanelShown(panel, false);
    s.toPanels({ type: 'tab-closed' });
    expect(panel.sent).toHaveLength(3);
    s.setPanelShown(panel, true);
    await vi.waitFor(() => expect(panel.sent.at(-1)).toEqual({ type: 'synced' }));
    expect((panel.sent[3] as BackgroundToPanel).type).toBe('reset');
    // A new page load while hidden: the new recording, whole, when shown.
    s.setPanelShown(panel, false);
    const before = panel.sent.length;
    s.attach(port(), { frameId: 0, documentId: 'DOC-2', url: 'http://x/' });
    expect(panel.sent).toHaveLength(before);
    s.setPanelShown(panel, true);
    await vi.waitFor(() => expect(panel.sent.at(-1)).toEqual({ type: 'synced' }));
    expect(panel.sent[before]).toMatchObject({ type: 'reset', recording: 'DOC-2' });
  });

  it('holds batches whose stacks name a script not looked at until its source map is read, and attributes by it', async () => {
    let answer!: (t: number[] | null) => void;
    const asked: string[] = [];
    const maps = (url: string) => {
      asked.push(url);
      return new Promise<number[] | null>((ok) => (answer = ok));
    };
    const s = new TabSession(1, () => ({}), undefined, () => [], maps);
    const panel = port();
    s.panels.add(panel);
    const top = s.attach(port(), { frameId: 0, documentId: 'DOC-1', url: 'https://h/' })!;
    // Line 2 of bundle.js is library code from column 1 on; line 3 is the app's.
    const stack = 'at makeBuffer (https://h/bundle.js:2:5)\nat main (https://h/bundle.js:3:3)';
    s.batch(top, 1, json(A, 1, [Op.Create, 1, B, 1, 1, Op.Size, 1, 64], [stack]));
    s.batch(top, 2, json(A, 2, made(2, 32)));
    expect(asked).toEqual(['https://h/bundle.js']);
    expect(s.store.objects.size).toBe(0);
    answer([1, 0, 1, 2, 0, 0]);
    await vi.waitFor(() => expect(s.store.objects.size).toBe(2));
    const o = s.store.objects.get(`${A}-1`)!;
    expect(o.site).toBe('at main (https://h/bundle.js:3:3)');
    expect(o.via).toBe('at makeBuffer (https://h/bundle.js:2:5)');
    // The panel gets the ignore list before the batches it applies to.
    const types = panel.sent.map((m) => (m as BackgroundToPanel).type);
    expect(types).toEqual(['events', 'batch', 'batch']);
    expect(s.trace().events[0]).toMatchObject({ op: 'ignore-source', url: 'https://h/bundle.js', transitions: [1, 0, 1, 2, 0, 0] });
    // A script looked at once is not looked at again in this recording.
    s.batch(top, 3, json(A, 3, [Op.Create, 3, B, 1, 1], [stack]));
    expect(asked).toHaveLength(1);
    expect(s.store.objects.size).toBe(3);
  });

  it('takes a snapshot after the batches held for a source map, in the store and the panels alike', async () => {
    let answer!: (t: number[] | null) => void;
    const s = new TabSession(1, () => ({}), undefined, () => [], () => new Promise<number[] | null>((ok) => (answer = ok)));
    const panel = port();
    s.panels.add(panel);
    const relay = port();
    const top = s.attach(relay, { frameId: 0, documentId: 'DOC-1', url: 'https://h/' })!;
    s.batch(top, 1, json(A, 1, made(1, 10)));
    s.batch(top, 2, json(A, 2, [Op.Create, 2, B, 1, 1, Op.Size, 2, 64], ['at f (https://h/app.js:1:1)']));
    const taken = s.snapshot();
    // The frame is asked to flush first; then the snapshot waits for the held batch.
    const flush = relay.sent.find((m) => (m as { type: string }).type === 'flush') as { nonce: number };
    s.flushed(flush.nonce);
    await new Promise((r) => setTimeout(r, 0));
    expect(s.store.snapshots).toHaveLength(0);
    answer(null);
    expect(await taken).toEqual({ id: 's1', name: 'Snapshot 1' });
    expect(s.store.snapshots[0]!.objects.map((o) => o.id)).toEqual([`${A}-1`, `${A}-2`]);
    expect(s.store.snapshots[0]!.totalBytes).toBe(74);
    expect(panel.sent.map((m) => (m as BackgroundToPanel).type)).toEqual(['batch', 'batch', 'events']);
    expect((panel.sent[2] as { events: unknown[] }).events[0]).toMatchObject({ op: 'snapshot', id: 's1', name: 'Snapshot 1' });
    const second = s.snapshot();
    s.flushed((relay.sent.at(-1) as { nonce: number }).nonce);
    expect(await second).toEqual({ id: 's2', name: 'Snapshot 2' });
  });

  it('applies held batches without the map when the page goes, or after the wait', async () => {
    vi.useFakeTimers();
    const s = new TabSession(1, () => ({}), undefined, () => [], () => new Promise(() => {}));
    const top = s.attach(port(), { frameId: 0, documentId: 'DOC-1', url: 'https://h/' })!;
    s.batch(top, 1, json(A, 1, [Op.Create, 1, B, 1, 1], ['at f (https://h/a.js:1:1)']));
    expect(s.store.objects.size).toBe(0);
    await vi.advanceTimersByTimeAsync(3000);
    expect(s.store.objects.get(`${A}-1`)?.site).toBe('at f (https://h/a.js:1:1)');
    s.batch(top, 2, json(A, 2, [Op.Create, 2, B, 1, 1], ['at g (https://h/b.js:1:1)']));
    const old = s.store;
    s.attach(port(), { frameId: 0, documentId: 'DOC-2', url: 'https://h/' });
    expect(old.objects.size).toBe(2);
    // Past 16 MiB of held batches, they are applied without waiting.
    const next = s.attach(port(), { frameId: 0, documentId: 'DOC-2', url: 'https://h/' })!;
    s.batch(next, 1, json(E, 1, [Op.Create, 1, B, 1, 1], ['at f (https://h/c.js:1:1)']));
    s.batch(next, 2, json(E, 2, made(2, 8), Array.from({ length: 4200 }, () => 'x'.repeat(4000))));
    expect(s.store.objects.size).toBe(2);
  });

  it('binds a realm to the first document that carried it: another document using it is refused and counted', () => {
    const s = new TabSession(1, () => ({}));
    const top = s.attach(port(), { frameId: 0, documentId: 'DOC-TOP', url: 'http://x/' })!;
    const child = s.attach(port(), { frameId: 5, documentId: 'DOC-EVIL', url: 'http://evil/' })!;
    s.batch(top, 1, json(A, 1, made(1, 100)));
    // The cross-origin iframe learned the top document's realm: it may not release or resize its objects.
    s.batch(child, 1, json(A, 2, [Op.Size, 1, 9e15, Op.Release, 1, 0]));
    s.batch(top, 2, json(A, 2, made(2, 50)));
    expect(s.store.summary().live['webgl.buffer']).toEqual({ count: 2, bytes: 150 });
    expect(s.trace().meta.losses).toEqual([{ cause: 'refused', reason: 'its realm belongs to another document', count: 1 }]);
  });

  it('starts a new recording only for a new top document, never for a new realm', () => {
    const s = new TabSession(1, () => ({}));
    const panel = port();
    s.panels.add(panel);
    const top = s.attach(port(), { frameId: 0, documentId: 'DOC-1', url: 'http://x/' })!;
    s.batch(top, 1, json(A, 1, made(1, 100)));
    // A forged realm on the top document: its own objects, never a reset.
    s.batch(top, 2, JSON.stringify({ v: PROTOCOL_VERSION, realm: 'bbbbbbbbbbbb', seq: 1, origin: 1, strings: [], ops: [Op.Tick] }));
    expect(s.store.summary().live['webgl.buffer']).toEqual({ count: 1, bytes: 100 });
    expect(panel.sent.some((m) => (m as BackgroundToPanel).type === 'reset')).toBe(false);
    // The tab's next top document (a reload) does end it.
    const next = s.attach(port(), { frameId: 0, documentId: 'DOC-2', url: 'http://x/' })!;
    expect(s.store.objects.size).toBe(0);
    expect(panel.sent.slice(-2).map((m) => (m as BackgroundToPanel).type)).toEqual(['reset', 'synced']);
    // The panel learns which page load the new recording is, so that it keeps the old one apart.
    expect(panel.sent.at(-2)).toMatchObject({ type: 'reset', recording: 'DOC-2' });
    // A late batch of the old document stays out of the new recording.
    s.batch(top, 3, json(A, 3, made(3, 7)));
    s.batch(next, 1, json(E, 1, made(1, 8)));
    expect(s.store.summary().live['webgl.buffer']).toEqual({ count: 1, bytes: 8 });
    expect(s.attach(port(), { frameId: 0, documentId: 'DOC-1', url: 'http://x/' })).toBeNull();
  });

  it('drops replayed batches by the relay\'s numbers; a seq jump in a batch silences nothing', () => {
    const s = new TabSession(1, () => ({}));
    const doc = s.attach(port(), { frameId: 0, documentId: 'D', url: 'http://x/' })!;
    const log = [json(A, 1, made(1, 10)), json(A, 9_000_000, [Op.Size, 1, 20]), json(A, 3, [Op.Size, 1, 30])];
    log.forEach((b, i) => s.batch(doc, i + 1, b));
    // The worker's port dropped and the relay replays its whole log: nothing is applied twice.
    s.replay(doc, log, 3);
    s.batch(doc, 4, json(A, 4, made(2, 5)));
    expect(s.store.summary().live['webgl.buffer']).toEqual({ count: 2, bytes: 35 });
    expect(s.store.events.filter((e) => e.op === 'create')).toHaveLength(2);
  });

  it('counts the batches a restarted worker never got when the relay\'s log was full', () => {
    const s = new TabSession(1, () => ({}));
    const doc = s.attach(port(), { frameId: 0, documentId: 'D', url: 'http://x/' })!;
    // The new worker gets the log (batches 1 and 2) and learns that 5 were handed out.
    s.replay(doc, [json(A, 1, made(1, 10)), json(A, 2, made(2, 10))], 5);
    s.batch(doc, 6, json(A, 6, made(6, 10)));
    // Batches 3 to 5 went to the old worker only; the agent's sequence shows the same gap (3 to 5).
    const losses = s.trace().meta.losses as unknown[];
    expect(losses).toHaveLength(2);
    expect(losses).toContainEqual({ cause: 'replay', count: 3 });
    expect(losses).toContainEqual({ cause: 'missing', count: 3 });
  });

  it('bounds realms per document and documents per recording, counting what it refused', () => {
    const s = new TabSession(1, () => ({}));
    const doc = s.attach(port(), { frameId: 3, documentId: 'D', url: 'http://f/' })!;
    for (let i = 0; i < MAX_REALMS_PER_DOCUMENT + 10; i++) {
      s.batch(doc, i + 1, json(i.toString(16).padStart(12, '0'), 1, [Op.Tick]));
    }
    expect(s.store.frames.size).toBe(MAX_REALMS_PER_DOCUMENT);
    for (let i = 0; i < MAX_DOCUMENTS + 5; i++) {
      const d = s.attach(port(), { frameId: 9, documentId: `N${i}`, url: 'http://f/' })!;
      s.batch(d, 1, json((i + 100).toString(16).padStart(12, '0'), 1, [Op.Tick]));
    }
    expect(s.trace().meta.losses).toEqual([
      { cause: 'refused', reason: `more than ${MAX_REALMS_PER_DOCUMENT} agent realms in one document`, count: 10 },
      { cause: 'refused', reason: `more than ${MAX_DOCUMENTS} documents in one recording`, count: 6 },
    ]);
  });

  it('counts rejected batches by reason, and the relay\'s running count once', () => {
    const s = new TabSession(1, () => ({}));
    const doc = s.attach(port(), { frameId: 0, documentId: 'D', url: 'http://x/' })!;
    s.batch(doc, 1, json(A, 1, [Op.Tick], Array.from({ length: 20_001 }, (_, i) => `s${i}`)));
    s.batch(doc, 2, '{nope');
    s.relayRejects(doc, 3, 'batch too large');
    s.relayRejects(doc, 3, 'batch too large');
    s.relayRejects(doc, 5, 'batch too large');
    expect(s.trace().meta.losses).toEqual([
      { cause: 'rejected', reason: 'too many strings', count: 1 },
      { cause: 'rejected', reason: 'batch is not JSON', count: 1 },
      { cause: 'rejected', reason: 'batch too large', count: 5 },
    ]);
  });

  it('takes URLs from the browser and follows pushState', () => {
    const s = new TabSession(1, () => ({}));
    const panel = port();
    s.panels.add(panel);
    const doc = s.attach(port(), { frameId: 0, documentId: 'D', url: 'http://x/a' })!;
    s.batch(doc, 1, json(A, 1, made(1, 10)));
    s.documentUrl('D', `http://x/${'q'.repeat(5000)}`);
    expect(s.store.url).toHaveLength(4096);
    expect(s.store.frames.get(`f0:${A}`)!.url).toBe(s.store.url);
    expect(panel.sent.at(-1)).toEqual({ type: 'frame-url', frame: `f0:${A}`, url: s.store.url, top: true });
  });

  it('sends a panel the recording\'s own messages as its history, then synced, then what came meanwhile', async () => {
    const s = new TabSession(1, () => ({}));
    const doc = s.attach(port(), { frameId: 0, documentId: 'D', url: 'http://x/' })!;
    s.batch(doc, 1, json(A, 1, made(1, 1)));
    s.loss('flush', 1);
    s.trace();
    s.documentUrl('D', 'http://x/b');
    const panel = port();
    s.panels.add(panel);
    const sending = s.sendHistory([panel]);
    s.batch(doc, 2, json(A, 2, made(2, 2)));
    await sending;
    expect(panel.sent.map((m) => (m as BackgroundToPanel).type)).toEqual(['reset', 'history-log', 'synced', 'batch']);
    const items = (panel.sent[1] as { items: BackgroundToPanel[] }).items;
    expect(items.map((m) => m.type)).toEqual(['batch', 'events', 'frame-url']);
    expect((panel.sent[0] as { pieces: number }).pieces).toBe(1);
  });

  it('sends the events, gzipped in pieces, once the recording outgrew the log', async () => {
    const s = new TabSession(1, () => ({}), 100);
    const doc = s.attach(port(), { frameId: 0, documentId: 'D', url: 'http://x/' })!;
    const ops: number[] = [];
    for (let id = 1; id <= 10; id++) ops.push(...made(id, id));
    s.batch(doc, 1, json(A, 1, ops));
    const panel = port();
    s.panels.add(panel);
    const sending = s.sendHistory([panel], 8);
    // A batch that comes while the history goes out waits for it, and follows it.
    s.batch(doc, 2, json(A, 2, made(11, 11)));
    await sending;
    const types = panel.sent.map((m) => (m as BackgroundToPanel).type);
    expect(types).toEqual(['reset', 'history', 'history', 'history', 'synced', 'batch']);
    const events: unknown[] = [];
    for (const m of panel.sent) {
      if ((m as BackgroundToPanel).type !== 'history') continue;
      const gz = Buffer.from((m as { gzip: string }).gzip, 'base64');
      events.push(...(JSON.parse(gunzipSync(gz).toString('utf8')) as unknown[]));
    }
    expect(events).toEqual(s.store.events.slice(0, 20));
    expect((panel.sent[0] as { pieces: number }).pieces).toBe(3);
  });

  it('an export goes on without a frame that does not answer its flush, and says so', async () => {
    vi.useFakeTimers();
    const s = new TabSession(1, () => ({}));
    s.attach(port(), { frameId: 0, documentId: 'D', url: 'http://x/' });
    const done = s.exportTrace();
    await vi.advanceTimersByTimeAsync(2000);
    const trace = await done;
    expect(trace.meta.losses).toEqual([{ cause: 'flush', count: 1 }]);
  });
});
