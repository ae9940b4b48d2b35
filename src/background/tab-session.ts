// One tab's recording in the service worker: its store, the documents whose relays feed it, and the panels
// watching it. Who is talking is the browser's word (the relay port's sender: frame, document, URL), never
// the batch's: a realm belongs to the first document that carried it, replays are dropped by the relay's
// own numbers, and only a new top document (not anything a page sends) starts a new recording.
import type { Runtime } from 'webextension-polyfill';
import { gzipBase64 } from './gzip';
import {
  type BackgroundToPanel,
  type BackgroundToRelay,
  type Batch,
  clip,
  type IgnoreTransitions,
  LIMITS,
  type LossCause,
  parseBatch,
  ProtocolError,
  type RuleSettings,
  SessionStore,
  TOOL,
  type Trace,
  type TraceEvent,
} from '../model/model';

/** How long an export waits for each frame's relay to flush before it goes on without it. */
const FLUSH_TIMEOUT_MS = 2000;
/** Documents (frames, reloads of iframes) one recording takes; the batches of any more are refused. */
export const MAX_DOCUMENTS = 1024;
/** Realms one document may carry (its agent has one). */
export const MAX_REALMS_PER_DOCUMENT = 4;
/** Ended top documents remembered, so that their late batches stay out of the next recording. */
const MAX_RETIRED = 256;
/** Losses are gathered this long before they become one event each, so a flood costs a few events. */
const LOSS_EVENT_MS = 250;
/** Scripts of one recording whose source maps are looked for; stacks through more are attributed without. */
const MAX_SCRIPTS = 64;
/** How long batches wait for source maps being read before they are applied without them. */
const SOURCE_MAP_WAIT_MS = 3000;
/** Characters of batches held for source maps at most: past it they are applied without waiting. */
const MAX_HELD_CHARS = 16 * 1024 * 1024;
/** A script URL in a V8 stack frame: `at f (https://host/app.js:1:2)` or `at https://host/app.js:1:2`. */
const SCRIPT_IN_FRAME = /(?:\(|at )(https?:\/\/[^\s()]+?):\d+:\d+\)?$/gm;

/** A validated batch from a document, waiting to be applied. */
interface HeldBatch {
  doc: DocumentState;
  batch: Batch;
  text: string;
}

/** A document as the browser identifies it, with what its relay has delivered. */
export interface DocumentState {
  /** The browser's documentId (or a key of the port's when the browser gives none). */
  readonly key: string;
  readonly frameId: number;
  url: string;
  /** The relay's number of the last batch applied (relay.iife.ts numbers them). */
  lastN: number;
  readonly realms: Set<string>;
  /** The relay's own count of batches it could not forward (cumulative, per document). */
  relayRejected: number;
  /** Past MAX_DOCUMENTS: everything it sends is refused and counted. */
  refused: boolean;
}

/** What the background knows of a relay port's sender. */
export interface Sender {
  frameId: number;
  documentId?: string;
  url?: string;
}

export class TabSession {
  store: SessionStore;
  readonly relays = new Map<Runtime.Port, DocumentState>();
  readonly panels = new Set<Runtime.Port>();
  private readonly docs = new Map<string, DocumentState>();
  private readonly realmOwner = new Map<string, string>();
  /** Documents of recordings that ended: whatever they send now is not this recording's. */
  private readonly retired = new Set<string>();
  /** The top document's id, to tell a navigation from a late event about it. */
  topDocumentId: string | null = null;
  private nonce = 0;
  private portKeys = 0;
  private readonly waiting = new Map<number, () => void>();
  private readonly pendingLosses = new Map<string, { cause: LossCause; reason?: string; count: number }>();
  private lossTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * The recording's messages to panels, in order, while they fit MAX_LOG_CHARS: a late panel replays them
   * (history-log). Past the bound the log is dropped and panels get the events instead (history).
   */
  private log: BackgroundToPanel[] = [];
  private logChars = 0;
  private logWhole = true;
  /** Panels still receiving a history, with the messages that wait for it to end. */
  private readonly syncing = new Map<Runtime.Port, { generation: number; queue: BackgroundToPanel[] }>();
  private historyGeneration = 0;
  /**
   * Panels DevTools keeps hidden (another panel shown): they are sent nothing, and when shown again get
   * the log from where they left it, or the whole history (null: a message they missed is not in the log).
   */
  private readonly hiddenPanels = new Map<Runtime.Port, { from: number; era: number } | null>();
  /** Counts the recording's restarts: a log position from before one means nothing after it. */
  private era = 0;
  /** Script URLs of this recording's stacks whose source maps were looked for (at most MAX_SCRIPTS). */
  private readonly scripts = new Set<string>();
  /**
   * Batches held while the source maps of scripts their stacks name are read: the sites of their objects
   * are attributed with those maps' ignore lists. Null: none held.
   */
  private gate: { held: HeldBatch[]; chars: number; done: Promise<void> } | null = null;

  /**
   * `rules`: the user's thresholds, and `ignoreList` their library patterns, read when a recording starts;
   * `maxLogChars`: the history log's bound.
   */
  constructor(
    readonly tabId: number,
    private readonly rules: () => Partial<RuleSettings>,
    private readonly maxLogChars = MAX_LOG_CHARS,
    private readonly ignoreList: () => readonly string[] = () => [],
    /** Reads a script's source-map ignore list (source-maps.ts); none: maps are not read. */
    private readonly scriptMaps?: (url: string) => Promise<IgnoreTransitions | null>,
  ) {
    this.store = new SessionStore({}, rules(), ignoreList());
  }

  /**
   * A relay connected: the document it speaks for, from the port's sender. A new top document ends the
   * recording first; a document of an ended recording gets null (its batches are ignored).
   */
  attach(port: Runtime.Port, sender: Sender): DocumentState | null {
    const key = sender.documentId ?? `port-${++this.portKeys}`;
    if (this.retired.has(key)) return null;
    if (sender.frameId === 0 && sender.documentId !== undefined) this.topDocument(sender.documentId, sender.url);
    let doc = this.docs.get(key);
    if (!doc) {
      doc = {
        key, frameId: sender.frameId, url: clip(sender.url ?? '', LIMITS.maxUrlLength), lastN: 0, realms: new Set(),
        relayRejected: 0, refused: this.docs.size >= MAX_DOCUMENTS,
      };
      this.docs.set(key, doc);
    }
    this.relays.set(port, doc);
    return doc;
  }

  /**
   * The tab's top document is `documentId` (its relay connected, or the navigation committed): when it is
   * a new one, the recording of the old one ends and open panels start over.
   */
  topDocument(documentId: string, url?: string): void {
    const previous = this.topDocumentId;
    // Set first: the restart tells panels which page load the new recording is.
    this.topDocumentId = documentId;
    if (previous !== null && previous !== documentId) this.restart();
    if (url !== undefined) this.store.topUrl = clip(url, LIMITS.maxUrlLength);
  }

  /** The relay's log after a (re)connect: batches 1…n, and `upTo`, the last number it had handed out. */
  replay(doc: DocumentState, batches: unknown[], upTo: number): void {
    if (this.docs.get(doc.key) !== doc) return;
    for (let i = 0; i < batches.length; i++) this.batch(doc, i + 1, batches[i]);
    // Batches numbered past the log went only to a worker that is gone.
    if (Number.isInteger(upTo) && upTo > doc.lastN) {
      if (!doc.refused) this.loss('replay', upTo - doc.lastN);
      doc.lastN = upTo;
    }
  }

  /** Batch number `n` of a document's relay (JSON text from the page's world), validated and applied once. */
  batch(doc: DocumentState, n: number, raw: unknown): void {
    // A document of an ended recording (its page navigated away) is not this recording's.
    if (this.docs.get(doc.key) !== doc) return;
    if (!Number.isInteger(n) || n <= doc.lastN) return;
    doc.lastN = n;
    if (doc.refused) {
      this.loss('refused', 1, `more than ${MAX_DOCUMENTS} documents in one recording`);
      return;
    }
    let batch;
    try {
      batch = parseBatch(raw);
    } catch (e) {
      this.loss('rejected', 1, e instanceof ProtocolError ? e.reason : 'invalid batch');
      return;
    }
    const owner = this.realmOwner.get(batch.realm);
    if (owner === undefined) {
      if (doc.realms.size >= MAX_REALMS_PER_DOCUMENT) {
        this.loss('refused', 1, `more than ${MAX_REALMS_PER_DOCUMENT} agent realms in one document`);
        return;
      }
      this.realmOwner.set(batch.realm, doc.key);
      doc.realms.add(batch.realm);
    } else if (owner !== doc.key) {
      this.loss('refused', 1, 'its realm belongs to another document');
      return;
    }
    const held: HeldBatch = { doc, batch, text: raw as string };
    if (!this.gate) return this.admit([held]);
    this.gate.held.push(held);
    this.gate.chars += held.text.length;
    // A page naming script after script must not grow what waits here: past the bound, maps or not, on.
    if (this.gate.chars > MAX_HELD_CHARS) this.release();
  }

  /** Applies batches in order; one naming scripts not looked at yet waits, with those after it, for their maps. */
  private admit(list: HeldBatch[]): void {
    for (let i = 0; i < list.length; i++) {
      const urls = this.scriptMaps ? this.newScripts(list[i]!.batch) : [];
      if (urls.length > 0) {
        this.hold(urls, list.slice(i));
        return;
      }
      this.apply(list[i]!);
    }
  }

  private apply({ doc, batch, text }: HeldBatch): void {
    this.store.applyBatch(batch, { frameId: doc.frameId, url: doc.url });
    // parseBatch took it whole, so the text is what the panel needs to rebuild the same batch.
    this.toPanels(this.logged({ type: 'batch', frameId: doc.frameId, url: doc.url, text }, text.length));
  }

  /** http(s) scripts in the batch's strings (its stacks) that this recording has not looked at. */
  private newScripts(batch: Batch): string[] {
    const found: string[] = [];
    for (const s of batch.strings) {
      if (!s.includes('http')) continue;
      for (const m of s.matchAll(SCRIPT_IN_FRAME)) {
        const url = m[1]!;
        if (this.scripts.has(url) || this.scripts.size >= MAX_SCRIPTS) continue;
        this.scripts.add(url);
        found.push(url);
      }
    }
    return found;
  }

  private hold(urls: string[], held: HeldBatch[]): void {
    const reads = Promise.all(urls.map((u) => this.scriptMaps!(u).catch(() => null)));
    const limit = new Promise<null>((ok) => setTimeout(() => ok(null), SOURCE_MAP_WAIT_MS));
    const gate = {
      held,
      chars: 0,
      done: Promise.race([reads, limit]).then((found) => {
        if (this.gate !== gate) return;
        // The ignore lists go first, in the log too: a panel attributes the batches after them the same way.
        if (found) {
          const t = this.store.lastTime();
          for (let i = 0; i < urls.length; i++) {
            const transitions = found[i];
            if (!transitions || transitions.length === 0) continue;
            const ev: TraceEvent = { t, op: 'ignore-source', url: urls[i]!, transitions };
            this.store.applyEvent(ev);
            this.toPanels(this.logged({ type: 'events', events: [ev] }, 64 + transitions.length * 8));
          }
        }
        this.release();
      }),
    };
    this.gate = gate;
  }

  /** Applies the held batches now (without the maps not read yet, when they are still being read). */
  private release(): void {
    const gate = this.gate;
    if (!gate) return;
    this.gate = null;
    this.admit(gate.held);
  }

  /** The relay's running count of batches it could not forward from this document. */
  relayRejects(doc: DocumentState, count: number, reason: string): void {
    if (!Number.isInteger(count) || count <= doc.relayRejected) return;
    this.loss('rejected', count - doc.relayRejected, reason === 'batch too large' ? 'batch too large' : 'batch is not a string');
    doc.relayRejected = count;
  }

  /** A document's URL changed without a new document (history.pushState, a fragment). */
  documentUrl(documentId: string, url: string): void {
    const doc = this.docs.get(documentId);
    if (!doc) return;
    doc.url = clip(url, LIMITS.maxUrlLength);
    if (doc.frameId === 0) this.store.topUrl = doc.url;
    for (const realm of doc.realms) {
      const frame = `f${doc.frameId}:${realm}`;
      this.store.setFrameUrl(frame, doc.url);
      this.toPanels(this.logged({ type: 'frame-url', frame, url: doc.url, top: doc.frameId === 0 }, doc.url.length + 64));
    }
  }

  detach(port: Runtime.Port): void {
    this.relays.delete(port);
  }

  /** A new top document: the old recording ends and open panels start over. */
  restart(): void {
    // What the old page sent goes to the old recording, maps read or not.
    while (this.gate) {
      const gate = this.gate;
      this.gate = null;
      for (const h of gate.held) this.apply(h);
    }
    this.scripts.clear();
    for (const key of this.docs.keys()) {
      if (this.retired.size >= MAX_RETIRED) this.retired.delete(this.retired.values().next().value!);
      this.retired.add(key);
    }
    this.docs.clear();
    this.realmOwner.clear();
    this.relays.clear();
    this.pendingLosses.clear();
    this.log = [];
    this.logChars = 0;
    this.logWhole = true;
    this.store = new SessionStore({}, this.rules(), this.ignoreList());
    this.era++;
    // Hidden panels take the new recording when shown.
    void this.sendHistory([...this.panels].filter((p) => !this.hiddenPanels.has(p)));
  }

  /**
   * A panel was hidden or shown in DevTools. Hidden, it is sent nothing (a hidden panel does no work, not
   * even receiving); shown, it gets what it missed from the log, in order, or the whole history again.
   */
  setPanelShown(port: Runtime.Port, shown: boolean): void {
    if (!this.panels.has(port)) return;
    if (!shown) {
      // A panel still receiving its history keeps receiving: it holds what comes until shown.
      if (this.hiddenPanels.has(port) || this.syncing.has(port)) return;
      this.hiddenPanels.set(port, this.logWhole ? { from: this.log.length, era: this.era } : null);
      return;
    }
    if (!this.hiddenPanels.has(port)) return;
    const mark = this.hiddenPanels.get(port)!;
    this.hiddenPanels.delete(port);
    if (mark === null || mark.era !== this.era || !this.logWhole) {
      void this.sendHistory([port]);
      return;
    }
    for (const m of this.log.slice(mark.from)) {
      try {
        port.postMessage(m);
      } catch {
        this.dropPanel(port);
        return;
      }
    }
  }

  /** The panel's port closed. */
  dropPanel(port: Runtime.Port): void {
    this.panels.delete(port);
    this.hiddenPanels.delete(port);
  }

  /** Counts a loss; losses become events a moment later, merged per cause and reason. */
  loss(cause: LossCause, count: number, reason?: string): void {
    const key = `${cause}\n${reason ?? ''}`;
    const p = this.pendingLosses.get(key);
    if (p) p.count += count;
    else this.pendingLosses.set(key, reason === undefined ? { cause, count } : { cause, reason, count });
    this.lossTimer ??= setTimeout(() => this.applyLosses(), LOSS_EVENT_MS);
  }

  private applyLosses(): void {
    if (this.lossTimer !== null) clearTimeout(this.lossTimer);
    this.lossTimer = null;
    if (this.pendingLosses.size === 0) return;
    const t = this.store.startedAt === null ? 0 : Math.max(0, Date.now() - this.store.startedAt);
    for (const p of this.pendingLosses.values()) {
      const ev: TraceEvent = { t, op: 'loss', ...p };
      this.store.applyEvent(ev);
      this.toPanels(this.logged({ type: 'events', events: [ev] }, 128));
    }
    this.pendingLosses.clear();
  }

  trace(): Trace {
    this.applyLosses();
    return this.store.toTrace({ userAgent: userAgent(), tool: TOOL });
  }

  meta(): Trace['meta'] {
    this.applyLosses();
    return this.store.toMeta({ userAgent: userAgent(), tool: TOOL });
  }

  /**
   * Sends a panel the recording so far: its meta, then its events in pieces of HISTORY_PIECE, each gzipped
   * (an extension message carries about 7 MB/s here), then `synced`. Messages for the panel that come
   * meanwhile wait and follow, in order. A later call for the same port (a new recording) supersedes it.
   */
  async sendHistory(ports: Runtime.Port[], piece = HISTORY_PIECE): Promise<void> {
    if (ports.length === 0) return;
    const generation = ++this.historyGeneration;
    for (const p of ports) this.syncing.set(p, { generation, queue: [] });
    const live = (): Runtime.Port[] => ports.filter((p) => this.panels.has(p) && this.syncing.get(p)?.generation === generation);
    const send = (m: BackgroundToPanel): void => {
      for (const p of live()) {
        try {
          p.postMessage(m);
        } catch {
          this.panels.delete(p);
        }
      }
    };
    const meta = this.meta();
    if (this.logWhole) {
      // The log as it is now (it only grows); a message's text is about its size.
      const log = this.log.slice();
      const groups: BackgroundToPanel[][] = [];
      let group: BackgroundToPanel[] = [];
      let chars = 0;
      for (const m of log) {
        group.push(m);
        chars += m.type === 'batch' ? m.text.length : 128;
        if (chars >= LOG_PIECE_CHARS) {
          groups.push(group);
          group = [];
          chars = 0;
        }
      }
      if (group.length > 0) groups.push(group);
      send({ type: 'reset', meta, pieces: groups.length, recording: this.topDocumentId ?? '' });
      for (const items of groups) send({ type: 'history-log', items });
    } else {
      // The events array only grows (and stops at its bound): its first `total` stay as they are.
      const events = this.store.events;
      const total = events.length;
      send({ type: 'reset', meta, pieces: Math.ceil(total / piece), recording: this.topDocumentId ?? '' });
      for (let i = 0; i < total && live().length > 0; i += piece) {
        const gzip = await gzipBase64(JSON.stringify(events.slice(i, Math.min(i + piece, total))));
        send({ type: 'history', gzip });
      }
    }
    send({ type: 'synced' });
    for (const p of live()) {
      const { queue } = this.syncing.get(p)!;
      this.syncing.delete(p);
      for (const m of queue) {
        try {
          p.postMessage(m);
        } catch {
          this.panels.delete(p);
        }
      }
    }
  }

  /** Asks every frame to flush its agent, then resolves: every op made before the call has arrived. */
  async flushFrames(): Promise<void> {
    const waits = [...this.relays.keys()].map((port) => {
      const nonce = ++this.nonce;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.waiting.delete(nonce);
          this.loss('flush', 1);
          resolve();
        }, FLUSH_TIMEOUT_MS);
        this.waiting.set(nonce, () => {
          clearTimeout(timer);
          this.waiting.delete(nonce);
          resolve();
        });
        try {
          port.postMessage({ type: 'flush', nonce } satisfies BackgroundToRelay);
        } catch {
          this.waiting.get(nonce)?.();
        }
      });
    });
    await Promise.all(waits);
    // Frames that did not answer are counted now, so that the count reaches panels before the answer.
    this.applyLosses();
  }

  /** The trace with everything sent before the call (what the panel's Export and gpumem record write). */
  async exportTrace(): Promise<Trace> {
    await this.flushFrames();
    // Batches held for source maps are part of what was sent: their maps get their usual time, no more.
    while (this.gate) await this.gate.done;
    return this.trace();
  }

  /**
   * Marks a snapshot of the live set after everything the page did before the call (its frames flushed,
   * batches held for source maps applied), in the store and every panel's copy alike; or why the
   * recording keeps no more (SessionStore.snapshotRoom).
   */
  async snapshot(name?: string): Promise<{ id: string; name: string } | { refused: string }> {
    await this.flushFrames();
    while (this.gate) await this.gate.done;
    const refused = this.store.snapshotRoom();
    if (refused !== null) return { refused };
    const n = this.store.snapshots.length;
    const now = this.store.startedAt === null ? 0 : Date.now() - this.store.startedAt;
    const ev: TraceEvent = { t: Math.max(this.store.lastTime(), Math.round(now)), op: 'snapshot', id: `s${n + 1}`, name: name?.slice(0, 200) || `Snapshot ${n + 1}` };
    this.store.applyEvent(ev);
    this.toPanels(this.logged({ type: 'events', events: [ev] }, 96));
    return { id: ev.id, name: ev.name };
  }

  flushed(nonce: number): void {
    this.waiting.get(nonce)?.();
  }

  /** Keeps `msg` in the log while it fits (`chars`: about its size), and gives it back. */
  private logged(msg: BackgroundToPanel, chars: number): BackgroundToPanel {
    if (this.logWhole) {
      if (this.logChars + chars <= this.maxLogChars) {
        this.log.push(msg);
        this.logChars += chars;
      } else {
        this.logWhole = false;
        this.log = [];
        this.logChars = 0;
      }
    }
    return msg;
  }

  toPanels(msg: BackgroundToPanel): void {
    for (const p of this.panels) {
      if (this.hiddenPanels.has(p)) {
        // A message the log does not keep cannot be replayed: that panel takes the whole history when shown.
        if (!this.logWhole || this.log[this.log.length - 1] !== msg) this.hiddenPanels.set(p, null);
        continue;
      }
      const waiting = this.syncing.get(p);
      if (waiting) {
        waiting.queue.push(msg);
        continue;
      }
      try {
        p.postMessage(msg);
      } catch {
        this.panels.delete(p);
      }
    }
  }
}

function userAgent(): string {
  return globalThis.navigator?.userAgent ?? '';
}

/** Events per history message: about 2 MB of JSON before gzip, far below the 64 MiB cap of one message. */
export const HISTORY_PIECE = 20_000;
/**
 * Characters of the recording's messages kept for late panels (history-log): up to 128 MiB in the worker,
 * a million objects' worth (about 28 M). Past it, panels get the events, which stop at the store's bound.
 */
const MAX_LOG_CHARS = 64 * 1024 * 1024;
/** Characters of logged messages per history-log message: small, so that the panel applies the first while the next are on their way. */
const LOG_PIECE_CHARS = 256 * 1024;
