// outlived-frame (warning): objects made during an animation frame and not used in the frameGrace frames
// after it are still alive, made frame after frame by one creation site that goes on making them; and a
// getCurrentTexture() texture used in a frame after its own (docs/leak-rules.md, "how it knows"). The agent
// judges use on the page; this rule groups its verdicts by site and decides what is a pattern.
import { countOf, durationText } from '../alert-text';
import { formatBytes } from '../format-bytes';
import type { Kind } from '../kinds';
import type { TraceAlert, TraceContext, TraceObject } from '../trace-types';
import type { AlertBook } from './alert-book';
import { groupKey, INTERNAL, type LeakRule, ownerText, type RuleEvent, siteText } from './rule';
import type { RuleSettings } from './rule-settings';

/** Objects of one context, site and kind reported as unused since their frame. */
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
   * frameMinFrames): made frame after frame, not one now and then (a slow startup's objects, seconds
   * apart, can span half a verdict's window).
   */
  dense: boolean;
  alert: TraceAlert | null;
}

export class OutlivedFrameRule implements LeakRule {
  /** Verdicts that no group could take (more groups than maxGroups). */
  droppedGroups = 0;
  private readonly groups = new Map<string, FrameGroup>();

  constructor(
    private readonly book: AlertBook,
    private readonly settings: RuleSettings,
    private readonly contexts: ReadonlyMap<string, TraceContext>,
    /** When the site of a group key last made such an object (steady-growth follows every creation). */
    private readonly lastCreatedAt: (key: string) => number | undefined,
  ) {}

  reset(): void {
    this.groups.clear();
    this.droppedGroups = 0;
  }

  handleEvent(e: RuleEvent): void {
    switch (e.type) {
      case 'unused':
        return this.unused(e.o, e.animationFrame, e.animationFrames, e.t);
      case 'used':
        return this.used(e.o, e.t);
      case 'lateTexture':
        return this.lateTexture(e.o, e.animationFrames, e.site, e.t);
      case 'sized': {
        // Most recordings have no verdict: no key to build then (a size follows every create).
        const g = this.groups.size === 0 ? undefined : this.groups.get(groupKey(e.o));
        if (g?.objects.has(e.o)) {
          g.bytes += e.delta;
          if (g.alert) g.alert.bytes = g.bytes;
        }
        return;
      }
      case 'released':
        if (!INTERNAL.has(e.o.kind) && this.groups.size > 0 && this.groups.get(groupKey(e.o))?.objects.has(e.o)) this.used(e.o, e.t);
        return;
      default:
        return;
    }
  }

  /** Verdicts come from the agent with their time: nothing falls due on a tick. */
  tick(): void {}

  finalize(): void {}

  private unused(o: TraceObject, frame: number, frames: number, t: number): void {
    if (o.releasedAt !== null || INTERNAL.has(o.kind)) return;
    const key = groupKey(o);
    let g = this.groups.get(key);
    if (!g) {
      if (this.groups.size >= this.settings.maxGroups) {
        this.droppedGroups++;
        return;
      }
      g = { ctx: o.context, site: o.site ?? '', kind: o.kind, objects: new Set(), madeIn: new Map(), frameOf: new Map(), bytes: 0, frames: 0, recurs: false, dense: false, alert: null };
      this.groups.set(key, g);
    }
    if (g.objects.has(o)) return;
    if (!g.recurs) {
      // The verdict's window runs from the object's creation to now; a site that made another of these in
      // its second half is re-creating them. Unknown (no creation group): judged by frames alone.
      const made = this.lastCreatedAt(key);
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
    this.judge(g, t);
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
  private used(o: TraceObject, t: number): void {
    const key = groupKey(o);
    const g = this.groups.get(key);
    if (!g?.objects.delete(o)) return;
    const frame = g.frameOf.get(o)!;
    g.frameOf.delete(o);
    const left = g.madeIn.get(frame)! - 1;
    if (left === 0) g.madeIn.delete(frame);
    else g.madeIn.set(frame, left);
    g.bytes -= o.bytes;
    if (g.alert) g.alert.objects = g.alert.objects.filter((id) => id !== o.id);
    this.judge(g, t);
    if (g.objects.size === 0 && (g.alert === null || g.alert.resolvedAt !== null)) this.groups.delete(key);
  }

  private lateTexture(o: TraceObject, frames: number, site: string, t: number): void {
    const key = `outlived-frame|current|${o.context}`;
    if (this.book.refuse(key)) return;
    const a = this.book.open(key, () => ({ key, rule: 'outlived-frame', severity: 'warning', message: '', objects: [o.id], count: 0, bytes: 0, site, context: o.context, t, updatedAt: t, resolvedAt: null }));
    a.count++;
    if (site) a.site = site;
    a.updatedAt = t;
    if (!a.objects.includes(o.id) && a.objects.length < this.settings.maxAlertObjects) a.objects.push(o.id);
    a.message =
      `the texture getCurrentTexture() returned was used ${frames} animation frame${frames === 1 ? '' : 's'} after the one it ` +
      `belonged to, when it had been presented and destroyed (${a.count === 1 ? 'once' : `${a.count} times`}, last ${siteText(a.site)})`;
  }

  private judge(g: FrameGroup, t: number): void {
    const n = g.objects.size;
    let a = g.alert;
    if (g.madeIn.size < this.settings.frameMinFrames || !g.recurs || !g.dense) {
      if (a && a.resolvedAt === null) this.book.resolve(a, t);
      return;
    }
    if (!a) {
      const key = `outlived-frame|${g.ctx}|${g.site}|${g.kind}`;
      if (!this.book.alerts.has(key) && this.book.refuse(key)) return;
      a = this.book.open(key, () => ({ key, rule: 'outlived-frame', severity: 'warning', message: '', objects: [], count: 0, bytes: 0, site: g.site, context: g.ctx, t, updatedAt: t, resolvedAt: null }));
      g.alert = a;
      a.objects = [];
      for (const o of g.objects) {
        if (a.objects.length === this.settings.maxAlertObjects) break;
        a.objects.push(o.id);
      }
    }
    if (a.resolvedAt !== null) {
      this.book.unresolve(a);
      a.t = t;
    }
    a.count = n;
    a.bytes = g.bytes;
    a.updatedAt = t;
    const c = this.contexts.get(g.ctx);
    a.message =
      `${countOf(g.kind, n)}, ${formatBytes(g.bytes)}, created ${siteText(g.site)}${c ? ` on ${ownerText(c)}` : ''}, ` +
      `outlived their animation frame: made in ${g.madeIn.size} different animation frames, each was not used in the ${g.frames} animation frames ` +
      `after its own and is still alive ` +
      `(first at ${durationText(a.t)} into the recording)`;
  }
}
