// Twice a second, while the page has a GPU context: where each WebGL context's canvas is (in a live
// document, removed from it, in a document that went away, collected), and a Tick op so that the leak
// rules' grace periods run on while the page makes no GPU calls. Canvases are held by WeakRef only.
import { CANVAS_STATES, type CanvasState } from '../model/model';
import { getterOf } from './hook';
import type { Tracker } from './tracker';

/** CANVAS_STATES codes, looked up in an object of ours rather than with the page's Array.prototype.indexOf. */
const CANVAS_CODE = Object.fromEntries(CANVAS_STATES.map((s, i) => [s, i])) as Record<CanvasState, number>;

/**
 * Also the latency of the badge: an alert is computed at the first op at or after its due time, so a tick
 * each second showed it up to 1.1 s after (`bench/badge-latency.mjs`: 10 pages of 12 at 1.1 s; the tick
 * five seconds on fell a few ms short of a canvas's grace).
 */
export const WATCH_MS = 500;

interface Watched {
  ctx: number;
  canvas: WeakRef<object>;
  state: CanvasState;
}

export class CanvasWatch {
  private readonly watched: Watched[] = [];
  private started = false;
  // Natives captured at install: the page may replace them later.
  private readonly setIntervalFn = setInterval;
  private readonly isConnected = getterOf<object>(globalThis.Node?.prototype, 'isConnected');
  private readonly ownerDocument = getterOf<object>(globalThis.Node?.prototype, 'ownerDocument');
  private readonly defaultView = getterOf<object>(globalThis.Document?.prototype, 'defaultView');
  private readonly WR = typeof WeakRef === 'function' ? WeakRef : undefined;

  constructor(
    private readonly tracker: Tracker,
    private readonly fail: (e: unknown) => void,
  ) {}

  /** Follows an HTML canvas's place in the page (OffscreenCanvas has none). */
  watch(ctx: number, canvas: object): void {
    if (!this.WR || !this.isConnected) return;
    this.watched[this.watched.length] = { ctx, canvas: new this.WR(canvas), state: 'attached' };
  }

  /** Starts the ticks; called at the first context or device. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.setIntervalFn.call(globalThis, () => this.now(), WATCH_MS);
  }

  /** Looks now, once the ticks have started (a flush: what the page did just before it is seen). */
  now(): void {
    if (!this.started) return;
    try {
      this.check();
    } catch (e) {
      this.fail(e);
    }
  }

  check(): void {
    for (let i = 0; i < this.watched.length; i++) {
      const w = this.watched[i]!;
      const state = this.stateOf(w.canvas.deref());
      if (state === w.state) continue;
      w.state = state;
      this.tracker.canvasState(w.ctx, CANVAS_CODE[state]);
      if (state === 'collected') {
        // Nothing can bring it back: stop watching it (moved down in place: no Array method of the page's).
        const list = this.watched;
        for (let k = i; k < list.length - 1; k++) list[k] = list[k + 1]!;
        list.length--;
        i--;
      }
    }
    this.tracker.tick();
  }

  private stateOf(canvas: object | undefined): CanvasState {
    if (canvas === undefined) return 'collected';
    if (!this.isConnected!.call(canvas)) return 'removed';
    const doc = this.ownerDocument?.call(canvas) as object | null | undefined;
    if (doc && this.defaultView && this.defaultView.call(doc) === null) return 'document-gone';
    return 'attached';
  }
}

