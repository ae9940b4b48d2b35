// The facts of the outlived-frame rule, gathered where only the page's thread can see them: a frame clock,
// marks of use on the objects that hold memory, and a verdict per object. An object made during frame N is
// watched; any use in a later frame ends the watch; one still unused and alive at frame N + grace goes out as
// an Unused op, and a Used op follows if it is used after all. Only verdicts travel: the marks stay here.
//
// Frames: each rendering update that runs page rAF callbacks is a frame (its callbacks share one time); a page
// that ran no rAF callback for RAF_IDLE_MS (timer loops, compute-only WebGPU, a hidden tab) gets a frame per
// task that makes GPU calls. Objects made before the first frame (the page's setup) are not watched.
//
// Startup is not a frame loop. An app that starts asynchronously (await requestDevice, pipelines, images)
// makes its one-off objects over several tasks before its first rAF; counting each such task as a frame
// would make "objects made in three different frames" of a startup burst. So task frames begin only once
// the page has made GPU calls for RAF_IDLE_MS without a rAF frame, and the first rAF frame ever ends the
// watch of everything made in task frames before it: they were the setup of a page that draws with rAF.
//
// Cost: nothing is watched on the hot path of healthy pages once their objects are in use, so the use hooks
// test one number (`watching`) and return; see docs/leak-rules.md for the measurements.
import { DEFAULT_RULE_SETTINGS, KIND_CODE, Op, type Kind } from '../model/model';
import type { Emitter } from './emitter';
import { type ObjState, Use } from './obj-state';

/** Without a rAF callback for this long, every task with GPU calls is a frame. */
export const RAF_IDLE_MS = 1000;


/** The kinds that hold memory: the only ones the rule judges. */
const WATCHED_KINDS: readonly Kind[] = ['webgl.buffer', 'webgl.texture', 'webgl.renderbuffer', 'webgpu.buffer', 'webgpu.texture', 'webgpu.querySet'];

/**
 * Holds of a container kept at most (a render bundle can name many objects); past it, entries no longer
 * watched are dropped first, then the oldest.
 */
const MAX_HOLDS = 256;

/**
 * Which watched objects are still bound in a context (WebGL keeps bindings across frames): answers for the
 * objects of frame N once frame N + 1 is over, so that a texture bound once and drawn with every frame counts
 * as used. Undefined for a context it does not know (WebGPU has no bindings that outlive a pass).
 */
export type BoundNow = (ctx: number) => Set<ObjState> | undefined;

export class FrameWatch {
  /** The current frame; 0 until the first frame begins. */
  frame = 0;
  /** Objects watched or flagged: the use hooks do nothing while it is 0. */
  watching = 0;
  /** Inside a page rAF callback (set by the rAF hook). */
  inRaf = false;
  /** Frames come from requestAnimationFrame (not from tasks). */
  rafMode = false;
  grace = DEFAULT_RULE_SETTINGS.frameGrace;
  /** What each API says is bound now in a context (addBoundSource); the first that knows the context answers. */
  private readonly boundSources: BoundNow[] = [];
  readonly watchedCode: boolean[] = [];
  private list: ObjState[] = [];
  private readonly flagged = new Set<ObjState>();
  /** The page made a GPU call in this task (a create, or a use while something is watched). */
  private touched = false;
  private lastTs = -1;
  private lastRafAt = -Infinity;
  /** When the first task with GPU calls ended (-1: none yet): task frames wait RAF_IDLE_MS from there. */
  private firstTaskAt = -1;
  /** A rAF frame has run: from then on the page's frame loop is known. */
  private sawRaf = false;

  constructor(
    private readonly emitter: Emitter,
    private readonly clock: () => number,
    private readonly fail: (e: unknown) => void,
  ) {
    for (const k of WATCHED_KINDS) this.watchedCode[KIND_CODE[k]] = true;
  }

  /**
   * `f` lists the objects bound in a context at the end of a frame (bindings outlive frames in WebGL); it
   * answers undefined for contexts not its own.
   */
  addBoundSource(f: BoundNow): void {
    this.boundSources[this.boundSources.length] = f;
  }

  private boundNow(ctx: number): ReturnType<BoundNow> {
    const sources = this.boundSources;
    for (let i = 0; i < sources.length; i++) {
      const set = sources[i]!(ctx);
      if (set !== undefined) return set;
    }
    return undefined;
  }

  /** A new object (tracker.create): watched when it holds memory and was made during a frame. */
  created(st: ObjState): void {
    this.touched = true;
    if (this.frame === 0 || this.watchedCode[st.code] !== true) return;
    st.frame = this.frame;
    st.use = Use.Watched;
    this.watching++;
  }

  /** A watched object outlived its task: its verdict is due at a frame boundary. */
  survived(st: ObjState): void {
    if (st.use === Use.Watched) this.list[this.list.length] = st;
  }

  /** Released, collected, or freed with its context. */
  released(st: ObjState): void {
    if (st.use === Use.None) return;
    if (st.use === Use.Flagged) this.flagged.delete(st);
    st.use = Use.None;
    this.watching--;
  }

  /** Every object of a context went at once (context loss, device destroyed or lost). */
  releasedAll(ctx: number): void {
    const list = this.list;
    for (let i = 0; i < list.length; i++) if (list[i]!.ctx === ctx) this.released(list[i]!);
    const flagged: ObjState[] = [];
    for (const st of this.flagged) if (st.ctx === ctx) flagged[flagged.length] = st;
    for (let i = 0; i < flagged.length; i++) this.released(flagged[i]!);
  }

  /** `st` was bound, attached, written, read or drawn with now. */
  use(st: ObjState): void {
    this.touched = true;
    if (st.holds !== undefined) this.useHolds(st);
    if (st.use === Use.None || st.frame === this.frame || st.released) return;
    if (st.use === Use.Flagged) {
      this.flagged.delete(st);
      this.emitter.op2(Op.Used, st.id);
    }
    st.use = Use.None;
    this.watching--;
  }

  private useHolds(container: ObjState): void {
    const holds = container.holds!;
    for (let i = 0; i < holds.length; i++) {
      const h = holds[i]!;
      if (h.use !== Use.None) this.use(h);
    }
  }

  /** `container` (a vertex array, framebuffer, bind group, render bundle) now refers to watched `st`. */
  hold(container: ObjState, st: ObjState): void {
    if (st.use === Use.None || container === st) return;
    // Indexed loops and stores: the page may have replaced Array's methods.
    let holds = container.holds;
    if (holds === undefined) holds = container.holds = [];
    else {
      for (let i = 0; i < holds.length; i++) if (holds[i] === st) return;
      if (holds.length >= MAX_HOLDS) {
        let keep = 0;
        for (let i = 0; i < holds.length; i++) if (holds[i]!.use !== Use.None) holds[keep++] = holds[i]!;
        if (keep >= MAX_HOLDS) {
          for (let i = 1; i < keep; i++) holds[i - 1] = holds[i]!;
          keep--;
        }
        holds.length = keep;
      }
    }
    holds[holds.length] = st;
  }

  /**
   * The rAF hook: a page callback starts; the first of a new rendering update begins a frame. A callback
   * requested during the current frame runs in a later update than that frame's, whatever its time: Chromium
   * has passed two updates in a row the same time (seen at a page's first frames, in e2e/options.e2e.ts),
   * so the time alone would merge them.
   */
  rafStart(ts: number, requestedIn: number): void {
    this.inRaf = true;
    if (ts === this.lastTs && requestedIn !== this.frame) return;
    this.lastTs = ts;
    this.lastRafAt = this.clock();
    this.rafMode = true;
    if (!this.sawRaf) {
      this.sawRaf = true;
      this.endStartup();
    }
    this.boundary();
  }

  /** The first rAF frame: objects made in task frames before it were the page's setup, not per-frame work. */
  private endStartup(): void {
    const list = this.list;
    for (let i = 0; i < list.length; i++) {
      const st = list[i]!;
      if (st.use === Use.Watched) {
        st.use = Use.None;
        this.watching--;
      }
    }
    this.list = [];
  }

  /**
   * The end of a task (the emitter's flush): in pages without rAF frames, a task that made GPU calls is a
   * frame; the agent's own tasks (ticks, flushes for an export) are not.
   */
  taskEnd(): void {
    if (!this.touched) return;
    this.touched = false;
    const now = this.clock();
    if (this.firstTaskAt < 0) this.firstTaskAt = now;
    if (now - this.lastRafAt < RAF_IDLE_MS || now - this.firstTaskAt < RAF_IDLE_MS) return;
    this.rafMode = false;
    this.boundary();
  }

  /** Frame `frame` ended: judges the objects whose check or grace is due. */
  private boundary(): void {
    this.frame++;
    if (this.list.length === 0) return;
    try {
      this.judge();
    } catch (e) {
      this.fail(e);
    }
  }

  private judge(): void {
    const ended = this.frame - 1;
    const list = this.list;
    let bound: Map<number, Set<ObjState> | undefined> | null = null;
    let keep = 0;
    for (let i = 0; i < list.length; i++) {
      const st = list[i]!;
      if (st.use !== Use.Watched || st.released) continue;
      if (ended - st.frame >= this.grace) {
        st.use = Use.Flagged;
        this.flagged.add(st);
        this.emitter.op4(Op.Unused, st.id, st.frame, ended - st.frame);
        continue;
      }
      // Frame N + 1 is over: an object still bound (or held by a bound container) was in use through it.
      if (ended - st.frame === 1 && this.boundSources.length !== 0) {
        bound ??= new Map();
        let set = bound.get(st.ctx);
        if (set === undefined && !bound.has(st.ctx)) {
          set = this.boundNow(st.ctx);
          bound.set(st.ctx, set);
        }
        if (set?.has(st)) {
          st.use = Use.None;
          this.watching--;
          continue;
        }
      }
      list[keep++] = st;
    }
    list.length = keep;
  }
}
