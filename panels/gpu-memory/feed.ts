// Feeds the panel's store from the background's messages: a recording's history arrives as its meta and
// then its events in pieces, and is applied a slice of time at a time so that the panel stays responsive
// (and paints) while a recording of a million objects loads; live batches queue behind it, in order.
import { type BackgroundToPanel, type Batch, pageLeftAt, SessionStore, type Trace, type TraceEvent } from '../../src/model/model';
import { gunzipBase64 } from './gunzip';
import { sliceApplied } from './perf';

/**
 * Time spent applying events before the panel gets the thread back to paint and handle input: 50 ms, the
 * longest pause a user does not read as a freeze; 24 ms slices loaded 130 000 objects 0.2 s later.
 */
const SLICE_MS = 50;

/**
 * Runs `cb` in a task of its own, soon: a message to ourselves, not setTimeout(0), whose nested calls wait
 * at least 4 ms each (a hundred slices of a big history would idle 0.4 s).
 */
function soon(cb: () => void): void {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => {
    ch.port1.close();
    cb();
  };
  ch.port2.postMessage(null);
}

export interface FeedState {
  /** Pieces of the history applied so far, and how many it has. */
  loaded: number;
  total: number;
  /** The history is applied: the store is the background's as of the subscription, plus what followed. */
  synced: boolean;
  /** The inspected tab was closed: the store holds the whole recording and no more will come. */
  tabClosed: boolean;
  /** Batches the panel could not apply (the background validates them first; this should stay empty). */
  error: string;
}

/** An earlier page load's recording, kept when the tab loads a new page (as the Performance panel keeps its recordings). */
export interface PastRecording {
  store: SessionStore;
  /** ms after the recording's start at which the next page load began. */
  endedAt: number;
  /** Epoch ms of that moment, to name it in the list. */
  endedAtEpoch: number;
  /** ms after the start at which the page was left (its unload released everything), else endedAt. */
  heldAt: number;
}

/**
 * Earlier recordings kept: at most this many, and together at most MAX_PAST_EVENTS events, oldest dropped
 * first (a reload loop must not grow the panel without bound).
 */
export const MAX_PAST_RECORDINGS = 5;
export const MAX_PAST_EVENTS = 2_000_000;
/** Characters of messages a hidden panel holds unapplied before it drops them and asks for the history. */
export const MAX_PAUSED_CHARS = 32 * 1024 * 1024;

/** The panel's stores keep the log of changed objects its objects view updates from. */
function tracked(store: SessionStore): SessionStore {
  store.trackChanges();
  return store;
}

export class Feed {
  store = tracked(new SessionStore());
  /** The page load the current store records (the browser's top document id; '' before one is known). */
  private recording = '';
  /** Earlier page loads' recordings, newest first. */
  readonly past: PastRecording[] = [];
  /** Earlier recordings dropped by the bounds above. */
  droppedRecordings = 0;
  /**
   * Snapshots of the current recording this copy had and the background's no longer has: the worker keeps
   * them in memory only, and a restart of it loses them (the relays replay the page's batches, not them).
   */
  lostSnapshots = 0;
  /** The snapshot ids the copy had when the same recording started over on this port. */
  private carried: string[] = [];
  readonly state: FeedState = { loaded: 0, total: 0, synced: false, tabClosed: false, error: '' };
  private meta: Trace['meta'] | null = null;
  private readonly queue: BackgroundToPanel[] = [];
  /** Position inside the `events` or `history` message at the queue's head, and that history's events. */
  private at = 0;
  private parsed: TraceEvent[] | null = null;
  private readonly decoded = new Map<BackgroundToPanel, Promise<TraceEvent[]>>();
  private readonly ready = new Map<BackgroundToPanel, TraceEvent[] | Error>();
  private running = false;
  /** Hidden: messages queue unapplied (see setPaused). */
  private paused = false;
  private pausedChars = 0;
  /** Messages were dropped while paused: on resume the history is asked for again. */
  private stale = false;
  private closedWhileStale = false;
  private syncedNow = false;
  private readonly idlers: (() => void)[] = [];

  /**
   * `changed`: a redraw is due; `now` true when it should not wait (the history just finished loading).
   * `overflow`: messages that came while paused passed MAX_PAUSED_CHARS and were dropped: on resume the
   * recording must be asked for again (a resubscribe sends the whole history, which replaces this copy).
   */
  constructor(
    private readonly changed: (now?: boolean) => void,
    private readonly overflow: () => void = () => {},
  ) {}

  /**
   * Paused (the panel is hidden), messages wait unapplied, so a hidden panel does no work; past
   * MAX_PAUSED_CHARS of them they are dropped, and more with them, and on resume `overflow` asks for the
   * history again. Resumed, the queue is applied in slices as a history is.
   */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) return;
    this.pausedChars = 0;
    if (this.stale) {
      this.stale = false;
      if (this.closedWhileStale) this.state.error = 'the tab was closed while the panel was hidden: the end of its recording is missing here';
      else this.overflow();
    }
    if (this.queue.length > 0 && !this.running) {
      this.running = true;
      soon(() => this.run());
    }
  }

  /** Resolves once every message pushed so far is applied. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((done) => this.idlers.push(done));
  }

  push(m: BackgroundToPanel): void {
    // History pieces start decoding as they arrive (off the main thread, in the browser's zlib); the queue
    // applies them in order once ready.
    if (m.type === 'history') this.decoded.set(m, gunzipBase64(m.gzip).then((text) => JSON.parse(text) as TraceEvent[]));
    if (this.stale) {
      if (m.type === 'tab-closed') this.closedWhileStale = true;
      return;
    }
    this.queue.push(m);
    if (this.paused) {
      this.pausedChars += m.type === 'batch' ? m.text.length : 128;
      if (this.pausedChars > MAX_PAUSED_CHARS && !this.running) {
        // Too much to hold: drop it all and take the whole recording again when shown.
        this.queue.length = 0;
        this.decoded.clear();
        this.ready.clear();
        this.pausedChars = 0;
        this.stale = true;
      }
      return;
    }
    if (!this.running) {
      this.running = true;
      soon(() => this.run());
    }
  }

  private run(): void {
    const start = performance.now();
    const end = start + SLICE_MS;
    while (this.queue.length > 0 && performance.now() < end) {
      const m = this.queue[0]!;
      if (m.type === 'history' && this.parsed === null) {
        const ready = this.ready.get(m);
        if (ready === undefined) {
          // Not decoded yet: come back when it is.
          void this.decoded.get(m)!.then(
            (events) => this.ready.set(m, events),
            (e: unknown) => this.ready.set(m, e instanceof Error ? e : new Error(String(e))),
          ).then(() => this.run());
          this.changed();
          return;
        }
        this.decoded.delete(m);
        this.ready.delete(m);
        if (ready instanceof Error) {
          this.state.error = `could not read a piece of the history: ${ready.message}`;
          this.queue.shift();
          continue;
        }
        this.parsed = ready;
      }
      try {
        if (this.step(m)) continue;
      } catch (e) {
        // A bug here must not stop the panel: the message is skipped and the footer says so.
        this.state.error = `could not apply a ${m.type} message: ${(e as Error).message}`;
        this.at = 0;
        this.parsed = null;
      }
      this.queue.shift();
    }
    sliceApplied(performance.now() - start);
    this.changed(this.syncedNow);
    this.syncedNow = false;
    if (this.queue.length > 0 && !this.paused) soon(() => this.run());
    else {
      this.running = false;
      if (this.queue.length === 0) for (const done of this.idlers.splice(0)) done();
    }
  }

  /** Applies (part of) the message at the queue's head; true when part of it is left for the next turn. */
  private step(m: BackgroundToPanel): boolean {
    if (m.type === 'history-log') {
      // The recording's own messages, a few at a time: a batch holds up to 256 K numbers.
      const stop = Math.min(m.items.length, this.at + 8);
      for (; this.at < stop; this.at++) this.step(m.items[this.at]!);
      if (this.at < m.items.length) return true;
      this.at = 0;
      this.state.loaded++;
      return false;
    }
    if (m.type !== 'events' && m.type !== 'history') {
      this.apply(m);
      return false;
    }
    const events = m.type === 'history' ? this.parsed! : m.events;
    if (m.type === 'events') {
      for (const ev of events) this.store.applyEvent(ev);
      return false;
    }
    // Check the clock every 512 events: reading it costs more than an event.
    const stop = Math.min(events.length, this.at + 512);
    for (; this.at < stop; this.at++) this.store.applyEvent(events[this.at]!);
    if (this.at < events.length) return true;
    this.at = 0;
    this.parsed = null;
    this.state.loaded++;
    return false;
  }

  private keepPast(): void {
    const now = Date.now();
    const store = this.store;
    const endedAt = store.startedAt === null ? 0 : Math.max(0, now - store.startedAt);
    this.past.unshift({ store, endedAt, endedAtEpoch: now, heldAt: pageLeftAt(store.events) ?? endedAt });
    let events = 0;
    for (let i = 0; i < this.past.length; i++) {
      events += this.past[i]!.store.events.length;
      // The newest is always kept, whatever its size.
      if (i > 0 && (i >= MAX_PAST_RECORDINGS || events > MAX_PAST_EVENTS)) {
        this.droppedRecordings += this.past.length - i;
        this.past.length = i;
        break;
      }
    }
  }

  private apply(m: BackgroundToPanel): void {
    switch (m.type) {
      case 'reset':
        // A new page load: the current recording becomes an earlier one. The same one again (a worker
        // restart, or '' while the worker has no page load yet) replaces this copy.
        if (m.recording !== '' && m.recording !== this.recording && (this.store.frames.size > 0 || this.store.events.length > 0)) {
          this.keepPast();
          this.lostSnapshots = 0;
          this.carried = [];
        } else {
          // The same recording again (a worker restart, a resubscribe): its snapshots should come back.
          for (const snap of this.store.snapshots) if (!this.carried.includes(snap.id)) this.carried.push(snap.id);
        }
        if (m.recording !== '') this.recording = m.recording;
        this.meta = m.meta;
        this.store = tracked(SessionStore.fromMeta(m.meta));
        this.state.loaded = 0;
        this.state.total = m.pieces;
        this.state.synced = false;
        this.state.tabClosed = false;
        break;
      case 'synced':
        if (this.meta) this.store.endReplay(this.meta);
        for (const id of this.carried) if (!this.store.snapshots.some((x) => x.id === id)) this.lostSnapshots++;
        this.carried = [];
        this.state.loaded = this.state.total;
        this.state.synced = true;
        this.syncedNow = true;
        break;
      case 'batch':
        try {
          // The background forwards only batches its parseBatch accepted: parsing is enough here (a
          // recording's history is mostly batches, and validating them again cost a tenth of its load).
          this.store.applyBatch(JSON.parse(m.text) as Batch, { frameId: m.frameId, url: m.url });
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
