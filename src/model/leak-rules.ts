// The leak rules of design.md, run on the session store's events, never on the page's thread. An alert is
// a function of the events up to its time (the agent's Tick ops carry time forward while the page is
// idle), so an exported trace yields the same alerts again on import.
import { countOf, countsText, durationText } from './alert-text';
import { formatBytes } from './format-bytes';
import type { Kind } from './kinds';
import type { CanvasState, ReleaseReason } from './protocol';
import { shortSite } from './stack-sites';
import type { AlertSeverity, TraceAlert, TraceContext, TraceObject } from './trace-types';

export interface RuleSettings {
  /** outlived-canvas: how long a canvas may be out of a live document before its objects are reported. */
  canvasGraceMs: number;
  /**
   * outlived-canvas: bytes below which a gone canvas's objects are not reported. A renderer disposed the
   * documented way can keep a few placeholders (three.js keeps four 1x1 textures, 36 bytes; its leaked test scene holds 11 KiB).
   */
  canvasMinBytes: number;
  /** steady-growth: the baseline is the minimum live count of each slot of this length… */
  growthSlotMs: number;
  /** …and it must rise from slot to slot over this many slots in a row… */
  growthSlots: number;
  /** …by at least this many objects in all; or its live bytes' baseline by at least growthMinBytes. */
  growthMinObjects: number;
  growthMinBytes: number;
  /**
   * outlived-frame: frames after its own that an object may stay unused before it is reported. The agent
   * applies it (the page's settings reach it through the relay); it is kept here for the trace.
   */
  frameGrace: number;
  /**
   * outlived-frame: a site is reported once objects it made in this many different frames outlived them:
   * the pattern is re-creating every frame, and a one-time batch of spare objects (three.js uploads a UV
   * buffer that a mesh's material never reads) is not it.
   */
  frameMinFrames: number;
  /** Object ids listed in one alert (its count has them all). */
  maxAlertObjects: number;
  /** Creation-site groups followed for steady growth; objects past it are counted in `droppedGroups`. */
  maxGroups: number;
  /** Resolved alerts kept for the trace; the oldest go first. */
  maxResolved: number;
  /** Alerts kept in all: past it, new ones are counted in `droppedAlerts` (a page can make any number of sites). */
  maxAlerts: number;
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  canvasGraceMs: 5000,
  canvasMinBytes: 1024,
  growthSlotMs: 2000,
  growthSlots: 5,
  growthMinObjects: 8,
  growthMinBytes: 1024 * 1024,
  frameGrace: 120,
  frameMinFrames: 3,
  maxAlertObjects: 1000,
  maxGroups: 10_000,
  maxResolved: 1000,
  maxAlerts: 2000,
};

/** How often (trace time) the outlived-canvas rule looks at the contexts whose canvas is gone. */
const CHECK_MS = 500;

/** The agent makes these itself (drawing buffers, canvas textures): the page cannot delete them. */
const INTERNAL = new Set<Kind>(['webgl.drawingBuffer', 'webgpu.canvasTexture']);

/**
 * Kinds whose reclaiming by the GC is reported: every WebGL kind the page deletes, and the WebGPU kinds
 * that hold memory and have destroy(); the other WebGPU kinds have no destroy() and leave quietly.
 */
const REPORT_COLLECTED = new Set<Kind>([
  'webgl.buffer', 'webgl.texture', 'webgl.renderbuffer', 'webgl.framebuffer', 'webgl.program', 'webgl.shader',
  'webgl.vertexArray', 'webgl.query', 'webgl.sampler', 'webgl.sync', 'webgl.transformFeedback',
  'webgpu.device', 'webgpu.buffer', 'webgpu.texture', 'webgpu.querySet',
]);

const LOST_REASONS = new Set<ReleaseReason>(['context-lost', 'device-destroyed', 'device-lost']);

const CANVAS_GONE_TEXT: Record<Exclude<CanvasState, 'attached'>, string> = {
  removed: 'removed from the page',
  'document-gone': 'whose document went away',
  collected: 'collected by the garbage collector',
};

/** A context's live objects with running totals, so that checking a gone canvas costs no walk over them. */
interface CtxLive {
  objects: Set<TraceObject>;
  bytes: number;
  kinds: Map<Kind, number>;
  sites: Map<string, { bytes: number; count: number }>;
}

interface Group {
  ctx: string;
  site: string;
  kind: Kind;
  live: Set<TraceObject>;
  /** Lowest live count in the current slot. */
  slotMin: number;
  /**
   * Lowest live count of each of the last `growthSlots` slots, oldest first; -1 for slots not yet seen.
   * Fixed length, so closing a slot takes the same path from the first slot on: a path first taken after
   * TurboFan compiled the tick deoptimizes it mid-walk (--trace-deopt showed the arrays' first shift do so).
   */
  mins: number[];
  alert: TraceAlert | null;
  /** The live count the alert's growth started from. */
  baseline: number;
  /** Bytes of `live`, the lowest in the current slot, and the lowest of each of the last slots. */
  liveBytes: number;
  slotMinBytes: number;
  minsBytes: number[];
  /** The active alert is about bytes growing (objects that grow in place), not the count. */
  byBytes: boolean;
  baselineBytes: number;
  /**
   * While its alert is active, its live objects made before the window began (the baseline) and their
   * bytes: the alert's objects are the others. Kept by created/sized/released, so a tick walks nothing.
   */
  before: number;
  beforeBytes: number;
  /** Ids the alert lists (at most maxAlertObjects), kept the same way; null while no alert is active. */
  ids: Set<string> | null;
  /** When the site last made an object of this kind in this context (outlived-frame asks whether it recurs). */
  lastCreatedAt: number;
}

/** Objects of one context, site and kind reported as unused since their frame (outlived-frame). */
interface FrameGroup {
  ctx: string;
  site: string;
  kind: Kind;
  objects: Set<TraceObject>;
  /** Agent frame an object was made in -> how many of `objects` it made. */
  madeIn: Map<number, number>;
  /** Each object's frame, for its removal. */
  frameOf: Map<TraceObject, number>;
  bytes: number;
  /** The largest number of unused frames the agent reported for one of them. */
  frames: number;
  /**
   * The site was still making such objects in the second half of a verdict's window: it re-creates them as
   * frames go by. A burst that stopped (an app's startup, made over several tasks or frames) never is.
   */
  recurs: boolean;
  /**
   * frameMinFrames of its frames lie within frameGrace / 8 frames of each other (at least twice
   * frameMinFrames): made frame after frame,
   * not one now and then (a slow startup's objects, seconds apart, can span half a verdict's window).
   */
  dense: boolean;
  alert: TraceAlert | null;
}

export class LeakRules {
  readonly alerts = new Map<string, TraceAlert>();
  readonly settings: RuleSettings;
  /** Objects that no steady-growth group could take (more groups than maxGroups). */
  droppedGroups = 0;
  /** Alerts not raised because maxAlerts were held already. */
  droppedAlerts = 0;
  private readonly byCtx = new Map<string, CtxLive>();
  private readonly groups = new Map<string, Group>();
  /**
   * Each live object's group, so that a size or release finds it without building and hashing its key
   * (a size follows every create: about a third of the store's time on a big recording went there).
   */
  private readonly groupOf = new Map<TraceObject, Group>();
  private readonly gone = new Map<string, { state: Exclude<CanvasState, 'attached'>; since: number }>();
  /** Per-kind counts of the alerts that add objects one by one (collected, release after loss). */
  private readonly tallies = new Map<string, Map<Kind, number>>();
  private readonly resolved: string[] = [];
  private readonly frameGroups = new Map<string, FrameGroup>();
  private slotEnd: number | null = null;
  private checkAt = 0;
  /**
   * The group the last object went to: objects come in runs from one site, and building and hashing the
   * key (a whole stack line) for each was a fifth of the time a big recording took to load.
   */
  private lastGroup: Group | null = null;

  constructor(
    private readonly contexts: ReadonlyMap<string, TraceContext>,
    settings: Partial<RuleSettings> = {},
  ) {
    this.settings = { ...DEFAULT_RULE_SETTINGS, ...settings };
  }

  created(o: TraceObject): void {
    if (INTERNAL.has(o.kind)) return;
    let c = this.byCtx.get(o.context);
    if (!c) {
      c = { objects: new Set(), bytes: 0, kinds: new Map(), sites: new Map() };
      this.byCtx.set(o.context, c);
    }
    c.objects.add(o);
    c.bytes += o.bytes;
    c.kinds.set(o.kind, (c.kinds.get(o.kind) ?? 0) + 1);
    const site = o.site ?? '';
    const s = c.sites.get(site);
    if (s) {
      s.count++;
      s.bytes += o.bytes;
    } else c.sites.set(site, { bytes: o.bytes, count: 1 });
    const last = this.lastGroup;
    let g = last !== null && last.ctx === o.context && last.site === (o.site ?? '') && last.kind === o.kind ? last : undefined;
    const key = g ? '' : `${o.context}\n${o.site ?? ''}\n${o.kind}`;
    if (!g) g = this.groups.get(key);
    if (!g) {
      if (this.groups.size >= this.settings.maxGroups) {
        this.droppedGroups++;
        return;
      }
      g = { ctx: o.context, site: o.site ?? '', kind: o.kind, live: new Set(), slotMin: 0, mins: emptyWindow(this.settings.growthSlots), alert: null, baseline: 0, liveBytes: 0, slotMinBytes: 0, minsBytes: emptyWindow(this.settings.growthSlots), byBytes: false, baselineBytes: 0, before: 0, beforeBytes: 0, ids: null, lastCreatedAt: o.createdAt };
      this.groups.set(key, g);
    }
    this.lastGroup = g;
    g.lastCreatedAt = o.createdAt;
    this.groupOf.set(o, g);
    g.live.add(o);
    g.liveBytes += o.bytes;
    if (g.ids && g.ids.size < this.settings.maxAlertObjects) g.ids.add(o.id);
  }

  /** A live object's size changes by `delta` (called before the object holds its new size). */
  sized(o: TraceObject, delta: number): void {
    // Most recordings have no outlived-frame verdict: no key to build then (a size follows every create).
    const fg = this.frameGroups.size === 0 ? undefined : this.frameGroups.get(groupKey(o));
    if (fg?.objects.has(o)) {
      fg.bytes += delta;
      if (fg.alert) fg.alert.bytes = fg.bytes;
    }
    const c = this.byCtx.get(o.context);
    if (!c || !c.objects.has(o)) return;
    c.bytes += delta;
    c.sites.get(o.site ?? '')!.bytes += delta;
    const g = this.groupOf.get(o);
    if (!g) return;
    g.liveBytes += delta;
    if (g.liveBytes < g.slotMinBytes) g.slotMinBytes = g.liveBytes;
    if (g.ids && o.createdAt < g.alert!.t) g.beforeBytes += delta;
  }

  released(o: TraceObject, reason: ReleaseReason, t: number): void {
    if (INTERNAL.has(o.kind)) return;
    const c = this.byCtx.get(o.context);
    if (c?.objects.delete(o)) {
      c.bytes -= o.bytes;
      const n = c.kinds.get(o.kind)! - 1;
      if (n === 0) c.kinds.delete(o.kind);
      else c.kinds.set(o.kind, n);
      const site = o.site ?? '';
      const s = c.sites.get(site)!;
      if (--s.count === 0) c.sites.delete(site);
      else s.bytes -= o.bytes;
    }
    const g = this.groupOf.get(o);
    this.groupOf.delete(o);
    if (g?.live.delete(o)) {
      if (g.live.size < g.slotMin) g.slotMin = g.live.size;
      g.liveBytes -= o.bytes;
      if (g.liveBytes < g.slotMinBytes) g.slotMinBytes = g.liveBytes;
      if (g.ids) {
        if (o.createdAt < g.alert!.t) {
          g.before--;
          g.beforeBytes -= o.bytes;
        } else g.ids.delete(o.id);
      }
    }
    if (this.frameGroups.size > 0 && this.frameGroups.get(groupKey(o))?.objects.has(o)) this.used(o, t);
    // Objects collected after their canvas left the page go with their whole context: the outlived-canvas
    // rule judges them, not this one (a renderer disposed and dropped leaves its placeholders to the GC).
    if (reason === 'collected' && REPORT_COLLECTED.has(o.kind) && !this.gone.has(o.context)) this.collected(o, t);
  }

  /** A delete or destroy() of an object its context or device had already freed. */
  releasedAgain(o: TraceObject, t: number): void {
    if (INTERNAL.has(o.kind) || !o.releaseReason || !LOST_REASONS.has(o.releaseReason)) return;
    const key = `release-after-loss|${o.context}`;
    if (this.refuse(key)) return;
    const a = this.tally(key, o, t, 'release-after-loss', 'info');
    const c = this.contexts.get(o.context);
    const owner = c ? ownerText(c) : 'its context';
    const gone = o.releaseReason === 'context-lost' ? 'was lost' : o.releaseReason === 'device-lost' ? 'was lost' : 'was destroyed';
    a.message =
      `${countsText(this.tallies.get(key)!)} released after ${owner} ${gone} (created ${siteText(a.site)}): ` +
      'harmless no-ops, the browser had already freed them';
  }

  /** The context's canvas moved; `attached` ends an outlived-canvas alert. */
  canvas(ctx: string, state: CanvasState, t: number): void {
    if (state === 'attached') {
      this.gone.delete(ctx);
      const a = this.alerts.get(`outlived-canvas|${ctx}`);
      if (a && a.resolvedAt === null) this.resolve(a, t);
      return;
    }
    const was = this.gone.get(ctx);
    this.gone.set(ctx, { state, since: was?.since ?? t });
    this.checkAt = t;
  }

  /** Moves trace time to `t`: closes growth slots and checks gone canvases when they are due. */
  advance(t: number): void {
    const slot = this.settings.growthSlotMs;
    if (this.slotEnd === null) this.slotEnd = t + slot;
    if (t >= this.slotEnd) {
      const n = Math.floor((t - this.slotEnd) / slot) + 1;
      this.slotEnd += n * slot;
      this.closeSlots(Math.min(n, this.settings.growthSlots), t);
    }
    if (t >= this.checkAt && this.gone.size > 0) this.checkAt = this.checkCanvases(t);
  }

  /** The agent reports `o`, made during a frame, unused in the `frames` frames after it (outlived-frame). */
  unused(o: TraceObject, frame: number, frames: number, t: number): void {
    if (o.releasedAt !== null || INTERNAL.has(o.kind)) return;
    const key = groupKey(o);
    let g = this.frameGroups.get(key);
    if (!g) {
      if (this.frameGroups.size >= this.settings.maxGroups) {
        this.droppedGroups++;
        return;
      }
      g = { ctx: o.context, site: o.site ?? '', kind: o.kind, objects: new Set(), madeIn: new Map(), frameOf: new Map(), bytes: 0, frames: 0, recurs: false, dense: false, alert: null };
      this.frameGroups.set(key, g);
    }
    if (g.objects.has(o)) return;
    if (!g.recurs) {
      // The verdict's window runs from the object's creation to now; a site that made another of these in
      // its second half is re-creating them. Unknown (no creation group): judged as before, by frames alone.
      const made = this.groups.get(key)?.lastCreatedAt;
      g.recurs = made === undefined || made >= t - (t - o.createdAt) / 2;
    }
    g.objects.add(o);
    g.frameOf.set(o, frame);
    const seen = g.madeIn.get(frame);
    g.madeIn.set(frame, (seen ?? 0) + 1);
    if (seen === undefined && !g.dense) g.dense = this.denseAround(g, frame);
    g.bytes += o.bytes;
    g.frames = Math.max(g.frames, frames);
    if (g.alert && g.alert.objects.length < this.settings.maxAlertObjects) g.alert.objects.push(o.id);
    this.judgeFrame(g, t);
  }

  /**
   * Whether frameMinFrames of the group's frames, `frame` among them, lie within a span of frameGrace / 8
   * frames (at least twice frameMinFrames, so that a short grace still lets them fit).
   */
  private denseAround(g: FrameGroup, frame: number): boolean {
    const need = this.settings.frameMinFrames;
    const span = Math.max(Math.ceil(this.settings.frameGrace / 8), 2 * need);
    // Distinct frames in each window [start, start + span] that holds `frame`: a slide over 2 * span + 1.
    for (let start = frame - span; start <= frame; start++) {
      let n = 0;
      for (let f = start; f <= start + span; f++) if (g.madeIn.has(f)) n++;
      if (n >= need) return true;
    }
    return false;
  }

  /** An object reported unused was used after all, or released. */
  used(o: TraceObject, t: number): void {
    const key = groupKey(o);
    const g = this.frameGroups.get(key);
    if (!g?.objects.delete(o)) return;
    const frame = g.frameOf.get(o)!;
    g.frameOf.delete(o);
    const left = g.madeIn.get(frame)! - 1;
    if (left === 0) g.madeIn.delete(frame);
    else g.madeIn.set(frame, left);
    g.bytes -= o.bytes;
    if (g.alert) g.alert.objects = g.alert.objects.filter((id) => id !== o.id);
    this.judgeFrame(g, t);
    if (g.objects.size === 0 && (g.alert === null || g.alert.resolvedAt !== null)) this.frameGroups.delete(key);
  }

  /** The texture getCurrentTexture() gave for canvas texture `o` was used `frames` frames after its own. */
  lateTexture(o: TraceObject, frames: number, site: string, t: number): void {
    const key = `outlived-frame|current|${o.context}`;
    if (this.refuse(key)) return;
    let a = this.alerts.get(key);
    if (!a) {
      a = { key, rule: 'outlived-frame', severity: 'warning', message: '', objects: [o.id], count: 0, bytes: 0, site, context: o.context, t, updatedAt: t, resolvedAt: null };
      this.alerts.set(key, a);
    }
    a.count++;
    if (site) a.site = site;
    a.updatedAt = t;
    if (!a.objects.includes(o.id) && a.objects.length < this.settings.maxAlertObjects) a.objects.push(o.id);
    a.message =
      `the texture getCurrentTexture() returned was used ${frames} frame${frames === 1 ? '' : 's'} after the one it ` +
      `belonged to, when it had been presented and destroyed (${a.count === 1 ? 'once' : `${a.count} times`}, last ${siteText(a.site)})`;
  }

  private judgeFrame(g: FrameGroup, t: number): void {
    const n = g.objects.size;
    let a = g.alert;
    if (g.madeIn.size < this.settings.frameMinFrames || !g.recurs || !g.dense) {
      if (a && a.resolvedAt === null) this.resolve(a, t);
      return;
    }
    if (!a) {
      const key = `outlived-frame|${g.ctx}|${g.site}|${g.kind}`;
      a = this.alerts.get(key) ?? null;
      if (!a) {
        if (this.refuse(key)) return;
        a = { key, rule: 'outlived-frame', severity: 'warning', message: '', objects: [], count: 0, bytes: 0, site: g.site, context: g.ctx, t, updatedAt: t, resolvedAt: null };
        this.alerts.set(key, a);
      }
      g.alert = a;
      a.objects = [];
      for (const o of g.objects) {
        if (a.objects.length === this.settings.maxAlertObjects) break;
        a.objects.push(o.id);
      }
    }
    if (a.resolvedAt !== null) {
      this.unresolve(a);
      a.t = t;
    }
    a.count = n;
    a.bytes = g.bytes;
    a.updatedAt = t;
    const c = this.contexts.get(g.ctx);
    a.message =
      `${countOf(g.kind, n)}, ${formatBytes(g.bytes)}, created ${siteText(g.site)}${c ? ` on ${ownerText(c)}` : ''}, ` +
      `outlived their frame: made in ${g.madeIn.size} different frames, each was not used in the ${g.frames} frames ` +
      `after its own and is still alive ` +
      `(first at ${durationText(a.t)} into the recording)`;
  }

  active(): TraceAlert[] {
    return [...this.alerts.values()].filter((a) => a.resolvedAt === null);
  }

  private collected(o: TraceObject, t: number): void {
    const key = `collected-undeleted|${o.site ?? ''}`;
    if (this.refuse(key)) return;
    const a = this.tally(key, o, t, 'collected-undeleted', 'warning');
    const verb = o.kind.startsWith('webgpu.') ? 'destroy()' : 'delete';
    a.message =
      `${countsText(this.tallies.get(key)!)}, ${formatBytes(a.bytes)}, created ${siteText(a.site)}, were reclaimed by ` +
      `the garbage collector without ${verb} (first at ${durationText(a.t)} into the recording)`;
  }

  /** True when `key` would be a new alert past maxAlerts: it is counted in droppedAlerts instead. */
  private refuse(key: string): boolean {
    if (this.alerts.has(key) || this.alerts.size < this.settings.maxAlerts) return false;
    this.droppedAlerts++;
    return true;
  }

  /** Adds one object to an alert that grows object by object; returns it for its message. */
  private tally(key: string, o: TraceObject, t: number, rule: TraceAlert['rule'], severity: AlertSeverity): TraceAlert {
    let a = this.alerts.get(key);
    if (!a) {
      a = { key, rule, severity, message: '', objects: [], count: 0, bytes: 0, site: o.site ?? '', t, updatedAt: t, resolvedAt: null };
      if (rule === 'release-after-loss') a.context = o.context;
      this.alerts.set(key, a);
      this.tallies.set(key, new Map());
    }
    const kinds = this.tallies.get(key)!;
    kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
    a.count++;
    a.bytes += o.bytes;
    if (a.objects.length < this.settings.maxAlertObjects) a.objects.push(o.id);
    a.updatedAt = t;
    return a;
  }

  private closeSlots(n: number, t: number): void {
    for (const [key, g] of this.groups) {
      for (let k = 0; k < n; k++) {
        slide(g.mins, k === 0 ? g.slotMin : g.live.size);
        slide(g.minsBytes, k === 0 ? g.slotMinBytes : g.liveBytes);
      }
      g.slotMin = g.live.size;
      g.slotMinBytes = g.liveBytes;
      this.judgeGrowth(g, t);
      if (g.live.size === 0 && g.alert === null && atMost(g.mins, 0)) {
        this.groups.delete(key);
        if (this.lastGroup === g) this.lastGroup = null;
      }
    }
  }

  private judgeGrowth(g: Group, t: number): void {
    const { growthSlots, growthSlotMs, growthMinObjects, growthMinBytes } = this.settings;
    if (g.alert && g.alert.resolvedAt === null) {
      if (g.byBytes ? g.liveBytes <= g.baselineBytes : g.live.size <= g.baseline) {
        this.resolve(g.alert, t);
        g.ids = null;
      } else this.describeGrowth(g, t);
      return;
    }
    const byCount = rising(g.mins, growthSlots, growthMinObjects);
    if (!byCount && !rising(g.minsBytes, growthSlots, growthMinBytes)) return;
    const m = g.mins;
    const key = `steady-growth|${g.ctx}|${g.site}|${g.kind}`;
    if (this.refuse(key)) return;
    const since = t - growthSlots * growthSlotMs;
    let a = this.alerts.get(key);
    if (!a) {
      a = { key, rule: 'steady-growth', severity: 'warning', message: '', objects: [], count: 0, bytes: 0, site: g.site, context: g.ctx, t: since, updatedAt: t, resolvedAt: null };
      this.alerts.set(key, a);
    } else {
      this.unresolve(a);
      a.t = since;
    }
    g.alert = a;
    g.baseline = m[0]!;
    g.byBytes = !byCount;
    g.baselineBytes = g.minsBytes[0]!;
    // One walk when the alert starts, up to its first maxAlertObjects objects (live holds objects in the
    // order they were made, so the baseline comes first); created/sized/released keep the rest.
    g.before = 0;
    g.beforeBytes = 0;
    g.ids = new Set();
    for (const o of g.live) {
      if (o.createdAt < since) {
        g.before++;
        g.beforeBytes += o.bytes;
      } else if (g.ids.size < this.settings.maxAlertObjects) g.ids.add(o.id);
      else break;
    }
    this.describeGrowth(g, t);
  }

  private describeGrowth(g: Group, t: number): void {
    const a = g.alert!;
    const c = this.contexts.get(g.ctx);
    const where = `created ${siteText(g.site)}${c ? ` on ${ownerText(c)}` : ''}`;
    if (g.byBytes) {
      // Objects growing in place: all of the site's live objects, and all their bytes.
      const ids: string[] = [];
      for (const o of g.live) {
        if (ids.length === this.settings.maxAlertObjects) break;
        ids.push(o.id);
      }
      a.objects = ids;
      a.count = g.live.size;
      a.bytes = g.liveBytes;
      a.updatedAt = t;
      a.message =
        `${countOf(g.kind, g.live.size)}, ${formatBytes(g.liveBytes)}, ${where}: their bytes' baseline keeps rising ` +
        `(${formatBytes(g.baselineBytes)} → ${formatBytes(g.liveBytes)} over ${durationText(t - a.t)})`;
      return;
    }
    const count = g.live.size - g.before;
    const bytes = g.liveBytes - g.beforeBytes;
    a.objects = [...g.ids!];
    a.count = count;
    a.bytes = bytes;
    a.updatedAt = t;
    a.message =
      `${countOf(g.kind, count)}, ${formatBytes(bytes)}, ${where}: ` +
      `their baseline keeps rising (${g.baseline} → ${g.live.size} live over ${durationText(t - a.t)})`;
  }

  /** Returns when to check again: in CHECK_MS, or when the first grace period ends if that is sooner. */
  private checkCanvases(t: number): number {
    let next = t + CHECK_MS;
    for (const [ctx, gone] of this.gone) {
      const key = `outlived-canvas|${ctx}`;
      let a = this.alerts.get(key);
      const live = this.byCtx.get(ctx);
      if (!live || live.objects.size === 0 || live.bytes < this.settings.canvasMinBytes) {
        if (a && a.resolvedAt === null) this.resolve(a, t);
        continue;
      }
      const due = gone.since + this.settings.canvasGraceMs;
      if (t < due) {
        next = Math.min(next, due);
        continue;
      }
      const ids: string[] = [];
      for (const o of live.objects) {
        if (ids.length === this.settings.maxAlertObjects) break;
        ids.push(o.id);
      }
      // The site named is the one holding the most bytes, then the most objects.
      let site = '';
      let best = { bytes: -1, count: 0 };
      for (const [s, b] of live.sites) {
        if (b.bytes > best.bytes || (b.bytes === best.bytes && b.count > best.count)) [site, best] = [s, b];
      }
      if (!a) {
        if (this.refuse(key)) continue;
        a = { key, rule: 'outlived-canvas', severity: 'error', message: '', objects: [], count: 0, bytes: 0, site, context: ctx, t: gone.since, updatedAt: t, resolvedAt: null };
        this.alerts.set(key, a);
      } else {
        this.unresolve(a);
      }
      a.objects = ids;
      a.count = live.objects.size;
      a.bytes = live.bytes;
      a.site = site;
      a.t = gone.since;
      a.updatedAt = t;
      const c = this.contexts.get(ctx);
      a.message =
        `${countsText(live.kinds)}, ${formatBytes(live.bytes)}, created ${live.sites.size > 1 ? 'mostly ' : ''}${siteText(site)}, ` +
        `outlived ${c ? canvasText(c) : 'their canvas'} ${CANVAS_GONE_TEXT[gone.state]} ${durationText(t - gone.since)} ago`;
    }
    return next;
  }

  private resolve(a: TraceAlert, t: number): void {
    a.resolvedAt = t;
    a.updatedAt = t;
    this.resolved.push(a.key);
    while (this.resolved.length > this.settings.maxResolved) {
      const old = this.resolved.shift()!;
      const o = this.alerts.get(old);
      if (o && o.resolvedAt !== null) this.alerts.delete(old);
    }
  }

  private unresolve(a: TraceAlert): void {
    if (a.resolvedAt === null) return;
    a.resolvedAt = null;
    const i = this.resolved.indexOf(a.key);
    if (i >= 0) this.resolved.splice(i, 1);
  }
}

/** A window of slot minima, none of them seen yet. */
function emptyWindow(slots: number): number[] {
  return new Array<number>(slots).fill(-1);
}

/** Drops the window's oldest minimum and appends `v`. */
function slide(m: number[], v: number): void {
  for (let i = 1; i < m.length; i++) m[i - 1] = m[i]!;
  m[m.length - 1] = v;
}

function atMost(m: readonly number[], v: number): boolean {
  for (const x of m) if (x > v) return false;
  return true;
}

/** A full window of slot minima, each above the one before, rising by at least `least` in all. */
function rising(m: readonly number[], slots: number, least: number): boolean {
  if (m.length < slots || m[0]! < 0 || m[m.length - 1]! - m[0]! < least) return false;
  for (let i = 1; i < m.length; i++) if (m[i]! <= m[i - 1]!) return false;
  return true;
}

function groupKey(o: TraceObject): string {
  return `${o.context}\n${o.site ?? ''}\n${o.kind}`;
}

function siteText(site: string): string {
  return site ? `at ${shortSite(site)}` : 'at an unknown site';
}

function canvasText(c: TraceContext): string {
  return c.canvas.startsWith('canvas') ? c.canvas : `the canvas of ${c.canvas}`;
}

function ownerText(c: TraceContext): string {
  return c.api === 'webgpu' ? c.canvas : `${c.api} context on ${c.canvas}`;
}

/** Active alerts the toolbar badge counts (warnings and errors; info alerts show in the panel only). */
export function badgeAlerts(alerts: Iterable<TraceAlert>): { count: number; error: boolean; worst: TraceAlert | null } {
  let count = 0;
  let error = false;
  let worst: TraceAlert | null = null;
  for (const a of alerts) {
    if (a.resolvedAt !== null || a.severity === 'info') continue;
    count++;
    if (a.severity === 'error') error = true;
    if (!worst || rank(a) > rank(worst)) worst = a;
  }
  return { count, error, worst };
}

function rank(a: TraceAlert): number {
  return (a.severity === 'error' ? 1e15 : 0) + a.bytes;
}
