// Opens a trace file the user chose or dropped (plain or gzipped JSON) as a recording of its own beside the
// tab's: a worker reads and checks it field by field first (trace-file-worker.ts), so a bad file changes
// nothing and says why; the page replays its events in slices, so it paints and answers meanwhile.
import { pageLeftAt, SessionStore, type TraceEvent } from '../../src/model/model';
import type { PastRecording } from './feed';
import type { TraceFileReply } from './trace-file-worker';

/** A trace file opened in the panel or the viewer. */
export interface OpenedTrace extends PastRecording {
  /** The file's name, as the user's system gives it. */
  name: string;
}

/** Time spent replaying events before the page gets the thread back to paint (as the feed does, feed.ts). */
const SLICE_MS = 50;

/** Resolves in a task of its own, soon (a message to ourselves: nested timeouts wait 4 ms each). */
function nextTask(): Promise<void> {
  return new Promise((done) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      done();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * Reads, checks and replays a trace file; throws with the reason when it is not a readable trace.
 * `progress` hears the share of events replayed.
 */
export async function openTraceFile(file: File, progress: (share: number) => void = () => {}): Promise<OpenedTrace> {
  const worker = new Worker(new URL('./trace-file-worker.ts', import.meta.url), { type: 'module' });
  try {
    const replies: TraceFileReply[] = [];
    let wake: (() => void) | null = null;
    worker.onmessage = (e: MessageEvent<TraceFileReply>) => {
      replies.push(e.data);
      wake?.();
    };
    worker.onerror = (e) => {
      replies.push({ type: 'error', message: `the reader failed: ${e.message}` });
      wake?.();
    };
    const next = async (): Promise<TraceFileReply> => {
      while (replies.length === 0) await new Promise<void>((w) => (wake = w));
      wake = null;
      return replies.shift()!;
    };
    worker.postMessage(file);
    const first = await next();
    if (first.type === 'error') throw new Error(first.message);
    if (first.type !== 'meta') throw new Error('the reader answered out of order');
    const store = SessionStore.fromMeta(first.meta);
    let applied = 0;
    let until = performance.now() + SLICE_MS;
    for (let m = await next(); m.type !== 'done'; m = await next()) {
      if (m.type === 'error') throw new Error(m.message);
      if (m.type !== 'events') continue;
      const events: TraceEvent[] = m.events;
      for (let i = 0; i < events.length; i++) {
        store.applyEvent(events[i]!);
        // The clock every 512 events: reading it costs more than an event.
        if ((i & 511) === 511 && performance.now() > until) {
          progress((applied + i) / first.count);
          await nextTask();
          until = performance.now() + SLICE_MS;
        }
      }
      applied += events.length;
    }
    store.endReplay(first.meta);
    const endedAt = store.lastTime();
    const started = store.startedAt ?? Date.now();
    return { store, name: file.name, endedAt, endedAtEpoch: started + endedAt, heldAt: pageLeftAt(store.events) ?? endedAt };
  } finally {
    worker.terminate();
  }
}
