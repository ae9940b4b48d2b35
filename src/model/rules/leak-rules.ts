// The leak rules together, as the session store drives them: each store change becomes one RuleEvent
// handed to every rule in turn, and trace time moving on is a tick for each. The alerts they raise live in
// one AlertBook, which the store exports and the panel, the badge and the CLI read.
import type { CanvasState, ReleaseReason } from '../protocol';
import type { TraceAlert, TraceContext, TraceObject } from '../trace-types';
import { AlertBook } from './alert-book';
import { CollectedUndeletedRule } from './collected-undeleted';
import { OutlivedCanvasRule } from './outlived-canvas';
import { OutlivedFrameRule } from './outlived-frame';
import { ReleaseAfterLossRule } from './release-after-loss';
import type { LeakRule, PendingAlert, RuleEvent } from './rule';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from './rule-settings';
import { SteadyGrowthRule } from './steady-growth';

export class LeakRules {
  readonly settings: RuleSettings;
  private readonly book: AlertBook;
  /**
   * In the order they are run: steady-growth closes its slots before outlived-canvas checks canvases at
   * the same tick, so alerts due together are listed in that order.
   */
  private readonly rules: readonly LeakRule[];

  constructor(contexts: ReadonlyMap<string, TraceContext>, settings: Partial<RuleSettings> = {}) {
    this.settings = { ...DEFAULT_RULE_SETTINGS, ...settings };
    this.book = new AlertBook(this.settings);
    const growth = new SteadyGrowthRule(this.book, this.settings, contexts);
    const canvas = new OutlivedCanvasRule(this.book, this.settings, contexts);
    this.rules = [
      growth,
      canvas,
      new OutlivedFrameRule(this.book, this.settings, contexts, (key) => growth.lastCreatedAt(key)),
      new CollectedUndeletedRule(this.book, (ctx) => canvas.canvasGone(ctx)),
      new ReleaseAfterLossRule(this.book, contexts),
    ];
  }

  /** Every alert by key, active and resolved (the newest maxResolved of those). */
  get alerts(): ReadonlyMap<string, TraceAlert> {
    return this.book.alerts;
  }

  /** Alerts not raised because maxAlerts were held already. */
  get droppedAlerts(): number {
    return this.book.droppedAlerts;
  }

  /** Objects or verdicts that no rule's group could take. */
  get droppedGroups(): number {
    let n = 0;
    for (const r of this.rules) n += r.droppedGroups;
    return n;
  }

  active(): TraceAlert[] {
    return this.book.active();
  }

  /** Alerts whose condition holds at trace time `t` but whose grace or window has not run out, soonest first. */
  pending(t: number): PendingAlert[] {
    const out: PendingAlert[] = [];
    for (const r of this.rules) if (r.pending) out.push(...r.pending(t));
    return out.sort((a, b) => a.dueAt - b.dueAt);
  }

  reset(): void {
    this.book.reset();
    for (const r of this.rules) r.reset();
  }

  handleEvent(e: RuleEvent): void {
    for (const r of this.rules) r.handleEvent(e);
  }

  /** Moves trace time to `t`: every rule judges what fell due. */
  advance(t: number): void {
    for (const r of this.rules) r.tick(t);
  }

  finalize(t: number): void {
    for (const r of this.rules) r.finalize(t);
  }

  created(o: TraceObject): void {
    this.handleEvent({ type: 'created', o });
  }

  /** A live object's size changes by `delta` (called before the object holds its new size). */
  sized(o: TraceObject, delta: number): void {
    this.handleEvent({ type: 'sized', o, delta });
  }

  released(o: TraceObject, reason: ReleaseReason, t: number): void {
    this.handleEvent({ type: 'released', o, reason, t });
  }

  releasedAgain(o: TraceObject, t: number): void {
    this.handleEvent({ type: 'releasedAgain', o, t });
  }

  canvas(ctx: string, state: CanvasState, t: number): void {
    this.handleEvent({ type: 'canvas', ctx, state, t });
  }

  unused(o: TraceObject, frame: number, frames: number, t: number): void {
    this.handleEvent({ type: 'unused', o, animationFrame: frame, animationFrames: frames, t });
  }

  used(o: TraceObject, t: number): void {
    this.handleEvent({ type: 'used', o, t });
  }

  lateTexture(o: TraceObject, frames: number, site: string, t: number): void {
    this.handleEvent({ type: 'lateTexture', o, animationFrames: frames, site, t });
  }
}
