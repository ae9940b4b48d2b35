// steady-growth (warning): the live count of one kind at one creation site in one context has a baseline
// (each slot's minimum) that rose in each of growthSlots slots of growthSlotMs, by growthMinObjects in all;
// or, for objects that grow in place, their live bytes' baseline rose the same way by growthMinBytes.
// Running totals per group are kept as events arrive, so a tick walks groups, never objects.
import { countOf, durationText } from '../alert-text';
import { formatBytes } from '../format-bytes';
import type { Kind } from '../kinds';
import type { TraceAlert, TraceContext, TraceObject } from '../trace-types';
import type { AlertBook } from './alert-book';
import { INTERNAL, type LeakRule, ownerText, type PendingAlert, type RuleEvent, siteText } from './rule';
import type { RuleSettings } from './rule-settings';

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
   * bytes: the alert's objects are the others. Kept by the events, so a tick walks nothing.
   */
  before: number;
  beforeBytes: number;
  /** Ids the alert lists (at most maxAlertObjects), kept the same way; null while no alert is active. */
  ids: Set<string> | null;
  /** When the site last made an object of this kind in this context (outlived-frame asks whether it recurs). */
  lastCreatedAt: number;
}

export class SteadyGrowthRule implements LeakRule {
  /** Objects that no group could take (more groups than maxGroups). */
  droppedGroups = 0;
  private readonly groups = new Map<string, Group>();
  /**
   * Each live object's group, so that a size or release finds it without building and hashing its key
   * (a size follows every create: about a third of the store's time on a big recording went there).
   */
  private readonly groupOf = new Map<TraceObject, Group>();
  /**
   * The group the last object went to: objects come in runs from one site, and building and hashing the
   * key (a whole stack line) for each was a fifth of the time a big recording took to load.
   */
  private lastGroup: Group | null = null;
  private slotEnd: number | null = null;

  constructor(
    private readonly book: AlertBook,
    private readonly settings: RuleSettings,
    private readonly contexts: ReadonlyMap<string, TraceContext>,
  ) {}

  reset(): void {
    this.groups.clear();
    this.groupOf.clear();
    this.lastGroup = null;
    this.slotEnd = null;
    this.droppedGroups = 0;
  }

  /** When the group of `key` (groupKey) last made an object; undefined when no group follows it. */
  lastCreatedAt(key: string): number | undefined {
    return this.groups.get(key)?.lastCreatedAt;
  }

  handleEvent(e: RuleEvent): void {
    switch (e.type) {
      case 'created':
        return this.created(e.o);
      case 'sized': {
        const g = this.groupOf.get(e.o);
        if (!g) return;
        g.liveBytes += e.delta;
        if (g.liveBytes < g.slotMinBytes) g.slotMinBytes = g.liveBytes;
        if (g.ids && e.o.createdAt < g.alert!.t) g.beforeBytes += e.delta;
        return;
      }
      case 'released': {
        const o = e.o;
        if (INTERNAL.has(o.kind)) return;
        const g = this.groupOf.get(o);
        this.groupOf.delete(o);
        if (!g?.live.delete(o)) return;
        if (g.live.size < g.slotMin) g.slotMin = g.live.size;
        g.liveBytes -= o.bytes;
        if (g.liveBytes < g.slotMinBytes) g.slotMinBytes = g.liveBytes;
        if (g.ids) {
          if (o.createdAt < g.alert!.t) {
            g.before--;
            g.beforeBytes -= o.bytes;
          } else g.ids.delete(o.id);
        }
        return;
      }
      default:
        return;
    }
  }

  private created(o: TraceObject): void {
    if (INTERNAL.has(o.kind)) return;
    const site = o.site ?? '';
    const last = this.lastGroup;
    let g = last !== null && last.ctx === o.context && last.site === site && last.kind === o.kind ? last : undefined;
    const key = g ? '' : `${o.context}\n${site}\n${o.kind}`;
    if (!g) g = this.groups.get(key);
    if (!g) {
      if (this.groups.size >= this.settings.maxGroups) {
        this.droppedGroups++;
        return;
      }
      const slots = this.settings.growthSlots;
      g = { ctx: o.context, site, kind: o.kind, live: new Set(), slotMin: 0, mins: emptyWindow(slots), alert: null, baseline: 0, liveBytes: 0, slotMinBytes: 0, minsBytes: emptyWindow(slots), byBytes: false, baselineBytes: 0, before: 0, beforeBytes: 0, ids: null, lastCreatedAt: o.createdAt };
      this.groups.set(key, g);
    }
    this.lastGroup = g;
    g.lastCreatedAt = o.createdAt;
    this.groupOf.set(o, g);
    g.live.add(o);
    g.liveBytes += o.bytes;
    if (g.ids && g.ids.size < this.settings.maxAlertObjects) g.ids.add(o.id);
  }

  /** Closes the slots that ended by `t`. */
  tick(t: number): void {
    const slot = this.settings.growthSlotMs;
    if (this.slotEnd === null) this.slotEnd = t + slot;
    if (t >= this.slotEnd) {
      const n = Math.floor((t - this.slotEnd) / slot) + 1;
      this.slotEnd += n * slot;
      this.closeSlots(Math.min(n, this.settings.growthSlots), t);
    }
  }

  /**
   * Groups whose live count has risen in every slot seen so far (the open one included), over two closed
   * slots at least, while their window is not full yet: the alert would be judged once it is, if the rise
   * goes on and reaches growthMinObjects. One closed slot is not enough: every page that loads rises in
   * its first. Groups that were flat before are not pending: their window is full.
   */
  pending(t: number): PendingAlert[] {
    const { growthSlots, growthSlotMs } = this.settings;
    const out: PendingAlert[] = [];
    if (this.slotEnd === null) return out;
    for (const g of this.groups.values()) {
      if (g.alert && g.alert.resolvedAt === null) continue;
      const unseen = g.mins.filter((m) => m < 0).length;
      if (unseen === 0) continue;
      const seen = [...g.mins.slice(unseen), g.live.size];
      let risingSoFar = seen.length >= 3;
      for (let i = 1; i < seen.length && risingSoFar; i++) if (seen[i]! <= seen[i - 1]!) risingSoFar = false;
      if (!risingSoFar) continue;
      // The window is full once `unseen` more slots close; the open one closes at slotEnd.
      const dueAt = this.slotEnd + (unseen - 1) * growthSlotMs;
      const c = this.contexts.get(g.ctx);
      out.push({
        rule: 'steady-growth', severity: 'warning', context: g.ctx, site: g.site, dueAt: Math.max(dueAt, t),
        message: `${countOf(g.kind, g.live.size)} created ${siteText(g.site)}${c ? ` on ${ownerText(c)}` : ''}, rising in each of the ${seen.length - 1} slots seen (${seen[0]} → ${g.live.size}); judged once ${growthSlots} slots of ${durationText(growthSlotMs)} have passed`,
      });
    }
    return out;
  }

  /** A slot still open at the end is not judged: its minimum is not known yet. */
  finalize(t: number): void {
    this.tick(t);
  }

  private closeSlots(n: number, t: number): void {
    for (const [key, g] of this.groups) {
      for (let k = 0; k < n; k++) {
        slide(g.mins, k === 0 ? g.slotMin : g.live.size);
        slide(g.minsBytes, k === 0 ? g.slotMinBytes : g.liveBytes);
      }
      g.slotMin = g.live.size;
      g.slotMinBytes = g.liveBytes;
      this.judge(g, t);
      if (g.live.size === 0 && g.alert === null && atMost(g.mins, 0)) {
        this.groups.delete(key);
        if (this.lastGroup === g) this.lastGroup = null;
      }
    }
  }

  private judge(g: Group, t: number): void {
    const { growthSlots, growthSlotMs, growthMinObjects, growthMinBytes } = this.settings;
    if (g.alert && g.alert.resolvedAt === null) {
      if (g.byBytes ? g.liveBytes <= g.baselineBytes : g.live.size <= g.baseline) {
        this.book.resolve(g.alert, t);
        g.ids = null;
      } else this.describe(g, t);
      return;
    }
    const byCount = rising(g.mins, growthSlots, growthMinObjects);
    if (!byCount && !rising(g.minsBytes, growthSlots, growthMinBytes)) return;
    const key = `steady-growth|${g.ctx}|${g.site}|${g.kind}`;
    if (this.book.refuse(key)) return;
    const since = t - growthSlots * growthSlotMs;
    const fresh = !this.book.alerts.has(key);
    const a = this.book.open(key, () => ({ key, rule: 'steady-growth', severity: 'warning', message: '', objects: [], count: 0, bytes: 0, site: g.site, context: g.ctx, t: since, updatedAt: t, resolvedAt: null }));
    if (!fresh) {
      this.book.unresolve(a);
      a.t = since;
    }
    g.alert = a;
    g.baseline = g.mins[0]!;
    g.byBytes = !byCount;
    g.baselineBytes = g.minsBytes[0]!;
    // One walk when the alert starts, up to its first maxAlertObjects objects (live holds objects in the
    // order they were made, so the baseline comes first); the events keep the rest.
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
    this.describe(g, t);
  }

  private describe(g: Group, t: number): void {
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
}

/** A window of slot minima, none of them seen yet. */
export function emptyWindow(slots: number): number[] {
  return new Array<number>(slots).fill(-1);
}

/** Drops the window's oldest minimum and appends `v`. */
export function slide(m: number[], v: number): void {
  for (let i = 1; i < m.length; i++) m[i - 1] = m[i]!;
  m[m.length - 1] = v;
}

function atMost(m: readonly number[], v: number): boolean {
  for (const x of m) if (x > v) return false;
  return true;
}

/** A full window of slot minima, each above the one before, rising by at least `least` in all. */
export function rising(m: readonly number[], slots: number, least: number): boolean {
  if (m.length < slots || m[0]! < 0 || m[m.length - 1]! - m[0]! < least) return false;
  for (let i = 1; i < m.length; i++) if (m[i]! <= m[i - 1]!) return false;
  return true;
}
