// Feeds the panel's store from the background's messages: a recording's history arrives as its meta and
// then its events in pieces, and is applied a slice of time at a time so that the panel stays responsive
// (and paints) while a recording of a million objects loads; live batches queue behind it, in order.
import { type BackgroundToPanel, decodeBatch, SessionStore, type Trace } from '../../src/model/model';

/** Time spent applying events before the panel gets the thread back to paint and handle input. */
const SLICE_MS = 12;

export interface FeedState {
  /** Events of the history applied so far, and how many it has. */
  loaded: number;
  total: number;
  /** The history is applied: the store is the background's as of the subscription, plus what followed. */
  synced: boolean;
  /** The inspected tab was closed: the store holds the whole recording and no more will come. */
  tabClosed: boolean;
  /** Batches the panel could not apply (the background validates them first; this should stay empty). */
  error: string;
}

export class Feed {
  store = new SessionStore();
  readonly state: FeedState = { loaded: 0, total: 0, synced: false, tabClosed: false, error: '' };
  private meta: Trace['meta'] | null = null;
  private readonly queue: BackgroundToPanel[] = [];
  /** Position inside the `events` message at the queue's head. */
  private at = 0;
  private running = false;

  constructor(private readonly changed: () => void) {}

  push(m: BackgroundToPanel): void {
    this.queue.push(m);
    if (!this.running) {
      this.running = true;
      setTimeout(() => this.run(), 0);
    }
  }

  private run(): void {
    const end = performance.now() + SLICE_MS;
    while (this.queue.length > 0 && performance.now() < end) {
      const m = this.queue[0]!;
      try {
        if (this.step(m)) continue;
      } catch (e) {
        // A bug here must not stop the panel: the message is skipped and the footer says so.
        this.state.error = `could not apply a ${m.type} message: ${(e as Error).message}`;
        this.at = 0;
      }
      this.queue.shift();
    }
    this.changed();
    if (this.queue.length > 0) setTimeout(() => this.run(), 0);
    else this.running = false;
  }

  /** Applies (part of) the message at the queue's head; true when part of it is left for the next turn. */
  private step(m: BackgroundToPanel): boolean {
    {
      if (m.type === 'events') {
        const events = m.events;
        // Check the clock every 512 events: reading it costs more than an event.
        const from = this.at;
        const stop = Math.min(events.length, from + 512);
        for (; this.at < stop; this.at++) this.store.applyEvent(events[this.at]!);
        if (!this.state.synced) this.state.loaded += stop - from;
        if (this.at < events.length) return true;
        this.at = 0;
      } else this.apply(m);
      return false;
    }
  }

  private apply(m: BackgroundToPanel): void {
    switch (m.type) {
      case 'reset':
        this.meta = m.meta;
        this.store = SessionStore.fromMeta(m.meta);
        this.state.loaded = 0;
        this.state.total = m.events;
        this.state.synced = false;
        this.state.tabClosed = false;
        break;
      case 'synced':
        if (this.meta) this.store.endReplay(this.meta);
        this.state.loaded = this.state.total;
        this.state.synced = true;
        break;
      case 'batch':
        try {
          this.store.applyBatch(decodeBatch(m.batch), { frameId: m.frameId, url: m.url });
        } catch (e) {
          this.state.error = `ignored a malformed batch: ${(e as Error).message}`;
        }
        break;
      case 'frame-url':
        this.store.setFrameUrl(m.frame, m.url);
        if (m.top) this.store.topUrl = m.url;
        break;
      case 'tab-closed':
        this.state.tabClosed = true;
        break;
      default:
        break;
    }
  }
}
