// The single source of truth of one tab's recording, fed by agent batches (live) or trace events (import).
// Used by the background (per tab), the panel and the CLI; every number they show comes from here.
import type { Kind } from './kinds';
import { DEFAULT_RULE_SETTINGS, LeakRules, type PendingAlert, type RuleSettings } from './rules/rules';
import { LOSS_CAUSES, LossTally } from './losses';
import { clip } from './page-text';
import { opByCode, type OpReader } from './op-table';
import { type TraceV1, upgradeTrace } from './trace-upgrade';
import { type Batch, LIMITS, type ReleaseReason } from './protocol';
import { IgnoreList, parseIgnoreList } from './ignore-list';
import { type IgnoreTransitions, isIgnoredAt } from './source-map-ignore';
import { MAX_SNAPSHOT_OBJECTS, MAX_SNAPSHOTS, type Snapshot, takeSnapshot } from './snapshots';

/** Scripts with source-map ignore lists a recording keeps: past it, more are not read. */
const MAX_IGNORED_SCRIPTS = 256;
import { TotalsSeries } from './totals-series';
import {
  type KindTotals,
  type Trace,
  type TraceContext,
  type TraceEvent,
  type TraceFrame,
  type TraceObject,
  TRACE_FORMAT,
  TRACE_VERSION,
} from './trace-types';

export interface StoreLimits {
  /** Events kept for the trace; past it, state still updates and droppedEvents counts the rest. */
  maxEvents: number;
  /** Released objects kept for the trace; the oldest go first and droppedObjects counts them. */
  maxReleased: number;
}

/** Object changes kept for views (changedSince): more than a busy page makes in a second. */
const CHANGE_LOG = 65_536;

const DEFAULT_LIMITS: StoreLimits = { maxEvents: 2_000_000, maxReleased: 100_000 };

/** Where a batch came from, as the browser says (the port's sender): the page cannot forge it. */
export interface FrameOrigin {
  frameId: number;
  /** The document's URL (clipped to LIMITS.maxUrlLength with a mark). */
  url: string;
}

export class SessionStore {
  /** Epoch ms of the first agent start seen; event times are ms after it. */
  startedAt: number | null = null;
  readonly frames = new Map<string, TraceFrame>();
  readonly contexts = new Map<string, TraceContext>();
  readonly objects = new Map<string, TraceObject>();
  readonly live = new Map<Kind, KindTotals>();
  /** Objects created and released within one task (never live between tasks), per kind. */
  readonly churned = new Map<Kind, KindTotals>();
  readonly events: TraceEvent[] = [];
  /** The user's snapshots of the live set, in the order taken (MAX_SNAPSHOTS at most). */
  readonly snapshots: Snapshot[] = [];
  /** Snapshot events past the bounds (MAX_SNAPSHOTS, MAX_SNAPSHOT_OBJECTS), not taken. */
  droppedSnapshots = 0;
  private snapshotObjects = 0;
  private readonly totalsSeries = new TotalsSeries();
  /** The time of the events applied last, whose totals the series has not taken yet (null: none). */
  private unsampledT: number | null = null;
  readonly rules: LeakRules;
  /**
   * Counts the events applied but heartbeats (ticks change no object): views compute their rows again
   * only when it moved.
   */
  revision = 0;
  droppedEvents = 0;
  droppedObjects = 0;
  agentErrors = 0;
  /** What did not reach this recording, by cause (loss and dropped events). */
  readonly losses = new LossTally();
  /** The top document's URL as the browser reports it; the first frame's URL until it is known. */
  topUrl: string | null = null;
  /** The last sequence number applied per realm: a gap is counted as missing batches, never as a reason to drop. */
  private readonly lastSeq = new Map<string, number>();
  private readonly released: string[] = [];
  private releasedHead = 0;
  private readonly limits: StoreLimits;

  /**
   * Ids of the objects each event changed (made, resized, relabelled, released, dropped), with the
   * revision it came at, the last CHANGE_LOG of them: a view updates its rows from these (changedSince)
   * instead of walking every object.
   */
  private readonly changeIds: string[] = [];
  private readonly changeRevs: number[] = [];
  private changeHead = 0;
  /** Changes at revisions up to this one are no longer in the log. */
  private changesLostTo = 0;
  /** Only a store a view reads keeps the log (the panel's): the background's and the CLI's do not pay for it. */
  private tracking = false;

  /** Library code: an object's site is its first creation frame outside it. */
  readonly ignore: IgnoreList;
  /** The latest event time applied: where an event the background adds goes without moving time back. */
  private latest = 0;
  /** Scripts whose source maps name library code ('ignore-source' events), by URL. */
  private readonly ignoredScripts = new Map<string, IgnoreTransitions>();

  /** `ignoreList`: the user's patterns of library code, beside the defaults (ignore-list.ts). */
  constructor(limits: Partial<StoreLimits> = {}, rules: Partial<RuleSettings> = {}, ignoreList: readonly string[] = []) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.rules = new LeakRules(this.contexts, rules);
    this.ignore = new IgnoreList(ignoreList);
  }

  /** URL of the top document (frame 0), or of the first document seen. */
  get url(): string {
    if (this.topUrl !== null) return this.topUrl;
    for (const f of this.frames.values()) if (f.frameId === 0) return f.url;
    return this.frames.values().next().value?.url ?? '';
  }

  /**
   * Applies a validated batch. The caller (the background) has dropped replays it had already: batches are
   * applied as they come, and a gap in a realm's sequence numbers is recorded as missing batches.
   */
  applyBatch(batch: Batch, from: FrameOrigin): void {
    if (this.startedAt === null) this.startedAt = batch.origin;
    const frame = `f${from.frameId}:${batch.realm}`;
    const base = batch.origin - this.startedAt;
    if (!this.frames.has(frame)) {
      this.frames.set(frame, { id: frame, frameId: from.frameId, url: clip(from.url, LIMITS.maxUrlLength), startedAt: round(Math.max(0, base)) });
    }
    const last = this.lastSeq.get(batch.realm) ?? 0;
    if (batch.seq > last) this.lastSeq.set(batch.realm, batch.seq);
    if (batch.seq > last + 1) {
      this.applyEvent({ t: round(Math.max(0, base)), op: 'loss', cause: 'missing', count: batch.seq - last - 1 });
    }
    const strings = batch.strings;
    // One reader for the whole batch (no object per op). A size, label or release mostly follows its
    // object's create: its id string is reused, so the store's maps hash one string per object, not one per
    // event. Contexts take their own cache: a create names its context between its id and its size.
    const r: OpReader = {
      ops: batch.ops,
      i: 0,
      t: round(Math.max(0, base)),
      frame,
      s: (n) => (n === 0 ? '' : (strings[n - 1] ?? '')),
      id: idCache(batch.realm),
      ctx: idCache(batch.realm),
    };
    const ops = batch.ops;
    while (r.i < ops.length) {
      const op = ops[r.i]!;
      const spec = opByCode(op);
      // decodeBatch rejects unknown ops; reaching here means an unvalidated batch.
      if (spec === undefined) throw new Error(`unknown op ${op}`);
      // Ops take the time of the last Time op before them.
      if (spec.event === null) r.t = round(Math.max(0, base + ops[r.i + 1]!));
      else this.applyEvent(spec.event(r));
      r.i += spec.operands.length + 1;
    }
  }

  /** A document's URL changed (history.pushState, a fragment): its frames show the new one. */
  setFrameUrl(frame: string, url: string): void {
    const f = this.frames.get(frame);
    if (f) {
      f.url = clip(url, LIMITS.maxUrlLength);
    }
  }

  /** The reducer: one trace event changes the state. Events about unknown objects are kept but change nothing. */
  applyEvent(ev: TraceEvent): void {
    if (ev.op !== 'tick') this.revision++;
    if (ev.t > this.latest) this.latest = ev.t;
    // Rules see the state from before the events of time t: a slot ending at t holds what came before it.
    this.rules.advance(ev.t);
    // A snapshot is kept past the bound: it is the user's own mark, and few.
    if (this.events.length < this.limits.maxEvents || ev.op === 'snapshot') this.events.push(ev);
    else this.droppedEvents++;
    switch (ev.op) {
      case 'context':
        if (!this.contexts.has(ev.id)) {
          this.contexts.set(ev.id, {
            id: ev.id, api: ev.api, canvas: ev.canvas, offscreen: ev.offscreen, frame: ev.frame, createdAt: ev.t,
            ...(ev.transferred ? { transferred: true } : {}),
            ...(ev.worker ? { worker: true } : {}),
          });
        }
        break;
      case 'label':
      case 'shape': {
        const o = this.objects.get(ev.id);
        if (o) {
          if (ev.op === 'label') o.label = ev.label;
          else o.shape = ev.shape;
          this.touch(o.id);
        }
        break;
      }
      case 'ignore-source':
        this.ignoreScript(ev.url, ev.transitions);
        break;
      case 'snapshot':
        if (this.snapshots.some((s) => s.id === ev.id)) break;
        if (this.snapshotRoom() !== null) this.droppedSnapshots++;
        else {
          const snap = takeSnapshot(ev.id, ev.name, ev.t, this.objects.values());
          this.snapshots.push(snap);
          this.snapshotObjects += snap.objects.length;
        }
        break;
      case 'cascade': {
        const c = this.contexts.get(ev.id);
        if (c) c.lostAt = ev.t;
        for (const o of this.objects.values()) {
          if (o.context === ev.id && o.releasedAt === null) this.releaseObject(o, ev.t, ev.reason);
        }
        break;
      }
      case 'context-lost': {
        const c = this.contexts.get(ev.id);
        if (c) c.lostAt = ev.t;
        // The browser frees every object of a lost context at once, the drawing buffer included.
        for (const o of this.objects.values()) {
          if (o.context === ev.id && o.releasedAt === null) this.releaseObject(o, ev.t, 'context-lost');
        }
        break;
      }
      case 'context-restored': {
        const c = this.contexts.get(ev.id);
        if (c) c.lostAt = null;
        break;
      }
      case 'create': {
        if (this.objects.has(ev.id)) break;
        const o: TraceObject = {
          id: ev.id, kind: ev.kind, bytes: 0, peakBytes: 0, createdAt: ev.t, releasedAt: null,
          context: ev.context, frame: ev.frame,
        };
        if (ev.stack) {
          o.stack = ev.stack;
          const { site, via } = this.ignore.attribute(ev.stack);
          o.site = site;
          if (via) o.via = via;
        }
        this.objects.set(ev.id, o);
        this.touch(o.id);
        this.totals(ev.kind).count++;
        this.rules.created(o);
        break;
      }
      case 'canvas': {
        const c = this.contexts.get(ev.id);
        if (!c) break;
        if (ev.state === 'attached') {
          delete c.canvasState;
          delete c.canvasSince;
        } else {
          if (!c.canvasState) c.canvasSince = ev.t;
          c.canvasState = ev.state;
        }
        this.rules.canvas(ev.id, ev.state, ev.t);
        break;
      }
      case 'tick':
        break;
      case 'unused': {
        const o = this.objects.get(ev.id);
        if (o) this.rules.unused(o, ev.animationFrame, ev.animationFrames, ev.t);
        break;
      }
      case 'used': {
        const o = this.objects.get(ev.id);
        if (o) this.rules.used(o, ev.t);
        break;
      }
      case 'late-texture': {
        const o = this.objects.get(ev.id);
        if (o) this.rules.lateTexture(o, ev.animationFrames, this.ignore.attribute(ev.stack).site, ev.t);
        break;
      }
      case 'size': {
        const o = this.objects.get(ev.id);
        if (!o || o.releasedAt !== null) break;
        this.totals(o.kind).bytes += ev.bytes - o.bytes;
        this.rules.sized(o, ev.bytes - o.bytes);
        o.bytes = ev.bytes;
        if (ev.bytes > o.peakBytes) o.peakBytes = ev.bytes;
        this.touch(o.id);
        break;
      }
      case 'release': {
        const o = this.objects.get(ev.id);
        if (!o) break;
        if (o.releasedAt !== null) this.rules.releasedAgain(o, ev.t);
        else this.releaseObject(o, ev.t, ev.reason);
        break;
      }
      case 'churn': {
        let c = this.churned.get(ev.kind);
        if (!c) {
          c = { count: 0, bytes: 0 };
          this.churned.set(ev.kind, c);
        }
        c.count += ev.count;
        c.bytes += ev.bytes * ev.count;
        break;
      }
      case 'agent-error':
        this.agentErrors++;
        break;
      case 'dropped':
        this.losses.add('agent-dropped', ev.count);
        break;
      case 'loss':
        if (LOSS_CAUSES.includes(ev.cause)) this.losses.add(ev.cause, ev.count, ev.reason);
        break;
    }
    // The series takes the totals once per time, when the events of that time are all in: a batch's
    // events mostly share one time, and sampling each cost a walk of the kinds per event.
    if (this.unsampledT !== null && this.unsampledT !== ev.t) this.totalsSeries.sample(this.unsampledT, this.live);
    this.unsampledT = ev.t;
  }

  /** Live counts and bytes per kind over time, up to the last event applied. */
  get series(): TotalsSeries {
    if (this.unsampledT !== null) {
      this.totalsSeries.sample(this.unsampledT, this.live);
      this.unsampledT = null;
    }
    return this.totalsSeries;
  }

  totalBytes(): number {
    let sum = 0;
    for (const t of this.live.values()) sum += t.bytes;
    return sum;
  }

  /**
   * The ids of objects changed by the events after revision `rev`, or null when the log no longer reaches
   * back that far (the view must then take every object again).
   */
  changedSince(rev: number): Set<string> | null {
    if (!this.tracking || rev < this.changesLostTo) return null;
    const out = new Set<string>();
    for (let i = this.changeIds.length - 1; i >= this.changeHead && this.changeRevs[i]! > rev; i--) out.add(this.changeIds[i]!);
    return out;
  }

  /** Starts the log of changed objects (changedSince answers for revisions from now on). */
  trackChanges(): void {
    if (this.tracking) return;
    this.tracking = true;
    this.changesLostTo = this.revision;
  }

  /** Why another snapshot would not be kept now, or null when it would. */
  snapshotRoom(): string | null {
    if (this.snapshots.length >= MAX_SNAPSHOTS) return `the recording has ${MAX_SNAPSHOTS} snapshots, the most it keeps`;
    let live = 0;
    for (const t of this.live.values()) live += t.count;
    if (this.snapshotObjects + live > MAX_SNAPSHOT_OBJECTS) {
      return `its snapshots hold ${this.snapshotObjects} objects, and one more would pass the ${MAX_SNAPSHOT_OBJECTS} they may hold together`;
    }
    return null;
  }

  /** Alerts whose condition holds now (the last event's time) but whose grace has not run out. */
  pendingAlerts(): PendingAlert[] {
    return this.rules.pending(this.latest);
  }

  lastTime(): number {
    return this.latest;
  }

  /** Frames inside `url` are library code where its source map says (source-map-ignore.ts). */
  private ignoreScript(url: string, transitions: IgnoreTransitions): void {
    const scripts = this.ignoredScripts;
    if (scripts.size >= MAX_IGNORED_SCRIPTS && !scripts.has(url)) return;
    scripts.set(url, transitions);
    // Set again each time: the attributions remembered so far were made without this script's map.
    this.ignore.setScriptIgnores((u, line, col) => {
      const t = scripts.get(u);
      return t !== undefined && isIgnoredAt(t, line - 1, col - 1);
    });
  }

  private touch(id: string): void {
    if (!this.tracking) return;
    this.changeIds.push(id);
    this.changeRevs.push(this.revision);
    if (this.changeIds.length - this.changeHead > CHANGE_LOG) {
      this.changesLostTo = this.changeRevs[this.changeHead]!;
      this.changeHead++;
      // Compact now and then instead of shifting on every change.
      if (this.changeHead > 4096 && this.changeHead * 2 > this.changeIds.length) {
        this.changeIds.splice(0, this.changeHead);
        this.changeRevs.splice(0, this.changeHead);
        this.changeHead = 0;
      }
    }
  }

  liveObjects(): TraceObject[] {
    const out: TraceObject[] = [];
    for (const o of this.objects.values()) if (o.releasedAt === null) out.push(o);
    return out;
  }

  summary(): Trace['summary'] {
    const live: Trace['summary']['live'] = {};
    for (const [k, t] of this.live) live[k] = { count: t.count, bytes: t.bytes };
    const out: Trace['summary'] = { live, totalBytes: this.totalBytes() };
    if (this.churned.size > 0) {
      const churned: NonNullable<Trace['summary']['churned']> = {};
      for (const [k, t] of this.churned) churned[k] = { count: t.count, bytes: t.bytes };
      out.churned = churned;
    }
    return out;
  }

  /** The trace's meta as of now: what a reader needs besides the events to rebuild this store (fromMeta). */
  toMeta(meta: { userAgent: string; tool: string }): Trace['meta'] {
    return {
        url: this.url,
        startedAt: new Date(this.startedAt ?? 0).toISOString(),
        userAgent: meta.userAgent,
        tool: meta.tool,
        frames: [...this.frames.values()].map((f) => ({ ...f })),
        droppedEvents: this.droppedEvents,
        droppedObjects: this.droppedObjects,
        agentErrors: this.agentErrors,
        /** The thresholds the alerts were computed with; an import computes them again with these. */
        rules: { ...this.rules.settings },
        droppedAlerts: this.rules.droppedAlerts,
        /** The user's library patterns the sites were attributed with (the defaults apply too). */
        ignoreList: this.ignore.user.slice(),
        /** Batches (and flush answers) that did not reach this recording, by cause: see losses.ts. */
        losses: this.losses.list(),
        rejectedBatches: this.losses.total('rejected'),
    };
  }

  toTrace(meta: { userAgent: string; tool: string }): Trace {
    return {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      meta: this.toMeta(meta),
      events: this.events.slice(),
      objects: [...this.objects.values()].map((o) => ({ ...o })),
      contexts: [...this.contexts.values()].map((c) => ({ ...c })),
      alerts: [...this.rules.alerts.values()].map((a) => ({ ...a, objects: a.objects.slice() })),
      summary: this.summary(),
    };
  }

  /** Rebuilds a store from a trace's events (what the panel receives on connect, and trace import). */
  static fromTrace(input: Trace | TraceV1, limits: Partial<StoreLimits> = {}, rules: Partial<RuleSettings> = {}): SessionStore {
    const trace = upgradeTrace(input);
    const store = SessionStore.fromMeta(trace.meta, limits, rules);
    for (const ev of trace.events) store.applyEvent(ev);
    store.endReplay(trace.meta);
    return store;
  }

  /**
   * A store for a trace's meta, to which its events are then applied in order (applyEvent), as many at a
   * time as the reader likes (the panel takes a recording's history in pieces), then endReplay.
   */
  static fromMeta(meta: Trace['meta'], limits: Partial<StoreLimits> = {}, rules: Partial<RuleSettings> = {}): SessionStore {
    const store = new SessionStore(limits, { ...rulesOf(meta.rules), ...rules }, parseIgnoreList(meta.ignoreList).patterns);
    // A recording no document has fed yet has no start: the first batch gives it, as it does live.
    store.startedAt = meta.frames.length === 0 ? null : Date.parse(meta.startedAt);
    if (typeof meta.url === 'string' && meta.url) store.topUrl = clip(meta.url, LIMITS.maxUrlLength);
    for (const f of meta.frames) store.frames.set(f.id, { ...f });
    return store;
  }

  /** The replay of a trace's events is over: the meta's own bound counters include what the events say. */
  endReplay(meta: Trace['meta']): void {
    this.droppedEvents = Math.max(this.droppedEvents, meta.droppedEvents);
    this.droppedObjects = Math.max(this.droppedObjects, meta.droppedObjects);
    this.agentErrors = Math.max(this.agentErrors, meta.agentErrors);
  }

  private releaseObject(o: TraceObject, t: number, reason: ReleaseReason): void {
    const tot = this.totals(o.kind);
    tot.count--;
    tot.bytes -= o.bytes;
    o.releasedAt = t;
    o.releaseReason = reason;
    this.touch(o.id);
    this.rules.released(o, reason, t);
    this.rememberReleased(o.id);
  }

  private totals(kind: Kind): KindTotals {
    let t = this.live.get(kind);
    if (!t) {
      t = { count: 0, bytes: 0 };
      this.live.set(kind, t);
    }
    return t;
  }

  private rememberReleased(id: string): void {
    this.released.push(id);
    if (this.released.length - this.releasedHead > this.limits.maxReleased) {
      this.touch(this.released[this.releasedHead]!);
      this.objects.delete(this.released[this.releasedHead]!);
      this.releasedHead++;
      this.droppedObjects++;
      // Compact the queue now and then instead of shifting on every release.
      if (this.releasedHead > 4096 && this.releasedHead * 2 > this.released.length) {
        this.released.splice(0, this.releasedHead);
        this.releasedHead = 0;
      }
    }
  }
}

/** The rule settings a trace was recorded with, as far as they are numbers (a trace file is untrusted). */
function rulesOf(raw: unknown): Partial<RuleSettings> {
  const out: Partial<RuleSettings> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const k of Object.keys(DEFAULT_RULE_SETTINGS) as (keyof RuleSettings)[]) {
    const v = (raw as Record<string, unknown>)[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = v;
  }
  return out;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** `${realm}-${n}`, made again only when n differs from the last call's. */
function idCache(realm: string): (n: number) => string {
  let lastN = -1;
  let last = '';
  return (n) => {
    if (n !== lastN) {
      lastN = n;
      last = `${realm}-${n}`;
    }
    return last;
  };
}
