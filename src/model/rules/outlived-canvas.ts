// outlived-canvas (error): a WebGL context's canvas left its live document canvasGraceMs ago and the
// context still holds at least canvasMinBytes in objects the page can delete. Per context it keeps running
// totals of its live objects, so checking a gone canvas costs no walk over them.
import { countsText, durationText } from '../alert-text';
import { formatBytes } from '../format-bytes';
import type { Kind } from '../kinds';
import type { CanvasState } from '../protocol';
import type { TraceContext, TraceObject } from '../trace-types';
import type { AlertBook } from './alert-book';
import { canvasText, INTERNAL, type LeakRule, type PendingAlert, type RuleEvent, siteText } from './rule';
import type { RuleSettings } from './rule-settings';

/** How often (trace time) the rule looks at the contexts whose canvas is gone. */
const CHECK_MS = 500;

type Gone = Exclude<CanvasState, 'attached'>;

const CANVAS_GONE_TEXT: Record<Gone, string> = {
  removed: 'removed from the page',
  'document-gone': 'whose document went away',
  collected: 'collected by the garbage collector',
};

/** A context's live objects with running totals. */
interface CtxLive {
  objects: Set<TraceObject>;
  bytes: number;
  kinds: Map<Kind, number>;
  sites: Map<string, { bytes: number; count: number }>;
}

export class OutlivedCanvasRule implements LeakRule {
  readonly droppedGroups = 0;
  private readonly byCtx = new Map<string, CtxLive>();
  private readonly gone = new Map<string, { state: Gone; since: number }>();
  private checkAt = 0;

  constructor(
    private readonly book: AlertBook,
    private readonly settings: RuleSettings,
    private readonly contexts: ReadonlyMap<string, TraceContext>,
  ) {}

  reset(): void {
    this.byCtx.clear();
    this.gone.clear();
    this.checkAt = 0;
  }

  /** Whether the context's canvas is out of a live document (its objects are this rule's to judge). */
  canvasGone(ctx: string): boolean {
    return this.gone.has(ctx);
  }

  handleEvent(e: RuleEvent): void {
    switch (e.type) {
      case 'created': {
        const o = e.o;
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
        return;
      }
      case 'sized': {
        const c = this.byCtx.get(e.o.context);
        if (!c || !c.objects.has(e.o)) return;
        c.bytes += e.delta;
        c.sites.get(e.o.site ?? '')!.bytes += e.delta;
        return;
      }
      case 'released': {
        const o = e.o;
        if (INTERNAL.has(o.kind)) return;
        const c = this.byCtx.get(o.context);
        if (!c?.objects.delete(o)) return;
        c.bytes -= o.bytes;
        const n = c.kinds.get(o.kind)! - 1;
        if (n === 0) c.kinds.delete(o.kind);
        else c.kinds.set(o.kind, n);
        const site = o.site ?? '';
        const s = c.sites.get(site)!;
        if (--s.count === 0) c.sites.delete(site);
        else s.bytes -= o.bytes;
        return;
      }
      case 'canvas': {
        if (e.state === 'attached') {
          this.gone.delete(e.ctx);
          const a = this.book.alerts.get(`outlived-canvas|${e.ctx}`);
          if (a && a.resolvedAt === null) this.book.resolve(a, e.t);
          return;
        }
        const was = this.gone.get(e.ctx);
        this.gone.set(e.ctx, { state: e.state, since: was?.since ?? e.t });
        this.checkAt = e.t;
        return;
      }
      default:
        return;
    }
  }

  tick(t: number): void {
    if (t >= this.checkAt && this.gone.size > 0) this.checkAt = this.check(t);
  }

  finalize(t: number): void {
    this.tick(t);
  }

  /** Contexts whose canvas is gone, holding enough, whose grace has not run out yet. */
  pending(t: number): PendingAlert[] {
    const out: PendingAlert[] = [];
    for (const [ctx, gone] of this.gone) {
      const a = this.book.alerts.get(`outlived-canvas|${ctx}`);
      if (a && a.resolvedAt === null) continue;
      const live = this.byCtx.get(ctx);
      if (!live || live.objects.size === 0 || live.bytes < this.settings.canvasMinBytes) continue;
      const dueAt = gone.since + this.settings.canvasGraceMs;
      // Due but not checked yet: the next check (at most CHECK_MS on) raises it.
      const c = this.contexts.get(ctx);
      const { site } = topSite(live);
      out.push({
        rule: 'outlived-canvas', severity: 'error', context: ctx, site, dueAt: Math.max(dueAt, t),
        message: `${countsText(live.kinds)}, ${formatBytes(live.bytes)}, created ${siteText(site)}, still live ${durationText(Math.max(0, t - gone.since))} after ${c ? canvasText(c) : 'their canvas'} was ${CANVAS_GONE_TEXT[gone.state]}; due when ${durationText(this.settings.canvasGraceMs)} have passed`,
      });
    }
    return out;
  }

  /** Returns when to check again: in CHECK_MS, or when the first grace period ends if that is sooner. */
  private check(t: number): number {
    let next = t + CHECK_MS;
    for (const [ctx, gone] of this.gone) {
      const key = `outlived-canvas|${ctx}`;
      let a = this.book.alerts.get(key);
      const live = this.byCtx.get(ctx);
      if (!live || live.objects.size === 0 || live.bytes < this.settings.canvasMinBytes) {
        if (a && a.resolvedAt === null) this.book.resolve(a, t);
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
      const { site, best } = topSite(live);
      if (!a) {
        if (this.book.refuse(key)) continue;
        a = this.book.open(key, () => ({ key, rule: 'outlived-canvas', severity: 'error', message: '', objects: [], count: 0, bytes: 0, site, context: ctx, t: gone.since, updatedAt: t, resolvedAt: null }));
      } else {
        this.book.unresolve(a);
      }
      a.objects = ids;
      a.count = live.objects.size;
      a.bytes = live.bytes;
      a.site = site;
      a.t = gone.since;
      a.updatedAt = t;
      const c = this.contexts.get(ctx);
      a.message =
        `${countsText(live.kinds)}, ${formatBytes(live.bytes)}, created ${siteText(site)}${live.sites.size > 1 ? ` (${shareText(best, live)}; ${live.sites.size} sites)` : ''}, ` +
        `outlived ${c ? canvasText(c) : 'their canvas'} ${CANVAS_GONE_TEXT[gone.state]} ${durationText(t - gone.since)} ago`;
    }
    return next;
  }
}

/** The site an alert names: the one holding the most bytes of a context's live objects, then the most objects. */
function topSite(live: CtxLive): { site: string; best: { bytes: number; count: number } } {
  let site = '';
  let best = { bytes: -1, count: 0 };
  for (const [s, b] of live.sites) {
    if (b.bytes > best.bytes || (b.bytes === best.bytes && b.count > best.count)) [site, best] = [s, b];
  }
  return { site, best };
}

/** How much of an alert its named site holds: its share of the bytes (of the objects when none has bytes), rounded down. */
function shareText(site: { bytes: number; count: number }, all: { bytes: number; objects: { size: number } }): string {
  if (all.bytes > 0) return `${Math.floor((100 * site.bytes) / all.bytes)}% of the bytes`;
  return `${site.count} of ${all.objects.size} objects`;
}
