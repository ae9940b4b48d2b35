// The agent's live-object registry: ids, owners and bytes of every tracked object, held weakly, with a
// FinalizationRegistry that reports objects the garbage collector took before they were deleted.
//
// A new object's ops wait until the end of the task that made it (the emitter's flush). Objects deleted
// within that task were never live between two tasks: nothing can show them but a count, and sending three
// ops each costs the page's thread more than the GL or GPU calls themselves (extension messaging serializes
// every character), so they go out as one Churn op per kind, context and size. Objects that outlive the
// task go out one by one: Create, Size and Label, then their FinalizationRegistry registration.
//
// A pending object is found by its place in the pending list, not by a stamp: stamping a field onto a
// browser object makes its wrapper "modified", which the young-generation GC can no longer drop, and that
// cost 0.4-0.5 µs per object (measured with a build that switched the stamp off, on the loop of
// bench/overhead.mjs churn), more than the GL call. Only objects that survive their task are stamped.
// Churn deletes the object it just made, so the list's tail is checked first; an index is built only when
// a task looks up objects away from the tail.
import { type Kind, KIND_CODE, Op, RELEASE_REASONS, type ReleaseReason } from '../model/model';
import type { Emitter } from './emitter';
import type { FrameWatch } from './frame-watch';
import { CHURN_CAPTURE_LIMIT, type StackCapture } from './stack-capture';
import type { ObjState } from './obj-state';
import { makeStamps } from './stamp';

/** Objects of one kind churned in a row with the same context and peak size: counted without a lookup. */
interface ChurnRun {
  ctx: number;
  peak: number;
  count: number;
}

const REASON_CODE = Object.fromEntries(RELEASE_REASONS.map((r, i) => [r, i])) as Record<ReleaseReason, number>;

export class Tracker {
  private nextId = 0;
  private readonly objects = makeStamps<ObjState>();
  private readonly finalizer: FinalizationRegistry<ObjState> | undefined;
  // Cleared slot by slot as pending objects die: holding a dead object to the end of the task would keep
  // it alive through the young-generation collections it should die in (measured: +0.2x on WebGL churn).
  private pending: (ObjState | undefined)[] = [];
  /** The pending list's length (0: this task holds no object it made), kept apart from the array's. */
  pendingN = 0;
  /** Pending object -> slot, built on the first lookup that misses the tail; dropped at each flush. */
  private pendingIndex: Map<object, number> | null = null;
  /** Churned objects of this task: kindCode + 64 × ctx → peak bytes → count. */
  private churn = new Map<number, Map<number, number>>();
  /** The current run of churned objects per kind code, added to `churn` when the run ends. */
  private runs: (ChurnRun | undefined)[] = [];
  /** Objects churned in this task per kind code: past CHURN_CAPTURE_LIMIT, that kind's stacks pause. */
  private churned: number[] = [];
  private materializing = false;
  /** Read a surviving object's label when its Create goes out: the first answer wins (addLabelReader). */
  private readonly labelReaders: ((obj: object) => string | undefined)[] = [];
  /** Read a surviving object's shape when its Create goes out, and after reshaped() (addShapeReader). */
  private readonly shapeReaders: ((st: ObjState, obj: object | undefined) => string | undefined)[] = [];
  /** Sent objects whose shape may have changed in this task. */
  private reshapedList: ObjState[] = [];
  /** The shape text last sent per object that can change shape, so that an upload of the same shape sends nothing. */
  private readonly sentShape = new WeakMap<ObjState, string>();
  /** Creation stacks; null: none captured. */
  stacks: StackCapture | null = null;
  /** The outlived-frame rule's watch; null: off. */
  frames: FrameWatch | null = null;
  /** Run at the end of each task that made objects, after their ops (addTaskEndObserver). */
  private readonly taskEndObservers: (() => void)[] = [];
  /** Run once, at the first context or device (addFirstContextObserver); null once run. */
  private firstContextObservers: (() => void)[] | null = [];

  constructor(readonly emitter: Emitter) {
    // No unregister token: a deleted object stays registered and its callback finds it released. That
    // saves a token table insert and delete per object on the page's hot path.
    this.finalizer =
      typeof FinalizationRegistry === 'function'
        ? new FinalizationRegistry<ObjState>((st) => this.collected(st))
        : undefined;
    emitter.addBeforeFlush(() => {
      if (this.materializing) return;
      this.materialize();
      if (this.reshapedList.length !== 0) this.sendShapes();
      this.frames?.taskEnd();
      const observers = this.taskEndObservers;
      for (let i = 0; i < observers.length; i++) observers[i]!();
    });
  }

  /** `f` runs at the end of each task that made objects, after their ops (webgl-fresh-binds.ts). */
  addTaskEndObserver(f: () => void): void {
    this.taskEndObservers[this.taskEndObservers.length] = f;
  }

  /** `f` reads an object's label (WebGPU's `label`); it answers undefined for objects not its own. */
  addLabelReader(f: (obj: object) => string | undefined): void {
    this.labelReaders[this.labelReaders.length] = f;
  }

  /**
   * `f` describes an object's shape in Shape op words (src/model/object-shape.ts), from the page object
   * while it is pending and from its state after; it answers undefined for objects not its own. A state
   * whose `extra` is a string needs no reader: that string is its shape.
   */
  addShapeReader(f: (st: ObjState, obj: object | undefined) => string | undefined): void {
    this.shapeReaders[this.shapeReaders.length] = f;
  }

  /** The object's shape may have changed: it is read again and sent, if different, at the end of the task. */
  reshaped(st: ObjState): void {
    if (st.pending || st.released) return;
    this.reshapedList[this.reshapedList.length] = st;
    this.emitter.schedule();
  }

  /** `f` runs once, at the first context or device: the agent starts its clock ticks and canvas checks. */
  addFirstContextObserver(f: () => void): void {
    const list = this.firstContextObservers;
    if (list === null) f();
    else list[list.length] = f;
  }

  newId(): number {
    return ++this.nextId;
  }

  stateOf(obj: unknown): ObjState | undefined {
    if (obj === null || typeof obj !== 'object') return undefined;
    // The object made last comes first: churn looks up the object it just made.
    const list = this.pending;
    const n = this.pendingN;
    if (n !== 0) {
      const last = list[n - 1];
      if (last !== undefined && last.obj === obj) return last;
    }
    return this.objects.get(obj) ?? (n > 1 ? this.pendingStateOf(obj) : undefined);
  }

  private pendingStateOf(obj: object): ObjState | undefined {
    const list = this.pending;
    const n = this.pendingN;
    if (n <= 8) {
      for (let i = n - 2; i >= 0; i--) if (list[i]?.obj === obj) return list[i];
      return undefined;
    }
    let index = this.pendingIndex;
    if (!index) {
      index = new Map();
      for (let i = 0; i < n; i++) {
        const o = list[i]?.obj;
        if (o !== undefined) index.set(o, i);
      }
      this.pendingIndex = index;
    }
    const slot = index.get(obj);
    return slot === undefined ? undefined : list[slot];
  }

  context(id: number, api: string, canvas: string, flags: number): void {
    const first = this.firstContextObservers;
    if (first !== null) {
      this.firstContextObservers = null;
      for (let i = 0; i < first.length; i++) first[i]!();
    }
    const e = this.emitter;
    e.op5(Op.Context, id, e.str(api), e.str(canvas), flags);
  }

  contextLost(id: number): void {
    // Its objects made in this task must exist in the store before the loss releases them.
    this.materialize();
    this.frames?.releasedAll(id);
    this.emitter.op2(Op.ContextLost, id);
  }

  contextRestored(id: number): void {
    this.emitter.op2(Op.ContextRestored, id);
  }

  /** Releases every live object of context `ctx` at once (a destroyed or lost WebGPU device). */
  cascade(ctx: number, reason: ReleaseReason): void {
    this.materialize();
    this.frames?.releasedAll(ctx);
    this.emitter.op3(Op.Cascade, ctx, REASON_CODE[reason]);
  }

  /** Where a context's canvas is now (CANVAS_STATES code). */
  canvasState(ctx: number, code: number): void {
    this.emitter.op3(Op.Canvas, ctx, code);
  }

  /** The agent is alive now: lets the leak rules' grace periods run while the page makes no calls. */
  tick(): void {
    this.emitter.op1(Op.Tick);
  }

  label(st: ObjState, label: string): void {
    // A pending object's label is read when its Create goes out.
    if (st.pending) return;
    const e = this.emitter;
    e.op3(Op.Label, st.id, e.str(label));
  }

  /**
   * A release of an object its context or device already took (delete after a context loss, destroy()
   * after device.destroy()): the store keeps it as a no-op that the trace shows, never as churn.
   */
  releaseAgain(st: ObjState, reason: ReleaseReason): void {
    st.released = true;
    if (st.use !== 0) this.frames!.released(st);
    if (st.pending) return;
    this.emitter.op3(Op.Release, st.id, REASON_CODE[reason]);
  }

  /**
   * Starts tracking a page object; its ops go out at the end of the task unless it dies before. Hooks that
   * make one kind pass its code, computed once at install.
   */
  create(obj: object, kind: Kind, ctx: number, code: number = KIND_CODE[kind]): ObjState {
    const stacks = this.stacks;
    let trace: object | undefined;
    if (stacks !== null) {
      const churned = this.churned[code];
      if (churned === undefined || churned < CHURN_CAPTURE_LIMIT) trace = stacks.capture();
    }
    const st: ObjState = {
      id: ++this.nextId, ctx, bytes: 0, released: false, pending: true, slot: this.pendingN, peak: 0, extra: undefined, obj, code, trace,
      frame: -1, use: 0, holds: undefined,
    };
    this.frames?.created(st);
    this.pending[this.pendingN++] = st;
    this.pendingIndex?.set(obj, st.slot);
    this.emitter.schedule();
    return st;
  }

  /** Creates an object that the agent owns itself (a drawing buffer), kept by its owner. */
  createInternal(kind: Kind, ctx: number): ObjState {
    const code = KIND_CODE[kind];
    const st: ObjState = {
      id: ++this.nextId, ctx, bytes: 0, released: false, pending: false, slot: -1, peak: 0, extra: undefined, obj: undefined, code, trace: undefined,
      frame: -1, use: 0, holds: undefined,
    };
    this.emitter.op5(Op.Create, st.id, code, ctx, 0);
    return st;
  }

  size(st: ObjState, bytes: number): void {
    if (st.released || st.bytes === bytes) return;
    st.bytes = bytes;
    if (bytes > st.peak) st.peak = bytes;
    if (!st.pending) this.emitter.op3(Op.Size, st.id, bytes);
  }

  release(st: ObjState, reason: ReleaseReason): void {
    if (st.released) return;
    st.released = true;
    if (st.use !== 0) this.frames!.released(st);
    if (!st.pending) {
      this.emitter.op3(Op.Release, st.id, REASON_CODE[reason]);
      return;
    }
    this.unpend(st);
    this.churned[st.code] = (this.churned[st.code] ?? 0) + 1;
    const run = this.runs[st.code];
    if (run !== undefined && run.ctx === st.ctx && run.peak === st.peak) {
      run.count++;
      return;
    }
    if (run !== undefined) this.endRun(st.code, run);
    this.runs[st.code] = { ctx: st.ctx, peak: st.peak, count: 1 };
  }

  private endRun(code: number, run: ChurnRun): void {
    const key = code + 64 * run.ctx;
    let sizes = this.churn.get(key);
    if (!sizes) {
      sizes = new Map();
      this.churn.set(key, sizes);
    }
    sizes.set(run.peak, (sizes.get(run.peak) ?? 0) + run.count);
  }

  /** Takes a pending object out of the pending list: its slot is cleared, or dropped when it is the tail. */
  private unpend(st: ObjState): void {
    const list = this.pending;
    const slot = st.slot;
    if (this.pendingIndex) this.pendingIndex.delete(st.obj!);
    st.pending = false;
    st.obj = undefined;
    st.trace = undefined;
    list[slot] = undefined;
    if (slot === this.pendingN - 1) this.pendingN = slot;
  }

  /** Marks released without an op: the store already released it (its context was lost). */
  forget(st: ObjState): void {
    st.released = true;
    if (st.use !== 0) this.frames!.released(st);
  }

  /** Sends the ops of this task's objects: one by one for survivors, in aggregate for the churned. */
  private materialize(): void {
    const states = this.pending;
    const n = this.pendingN;
    const runs = this.runs;
    if (n === 0 && runs.length === 0) return;
    for (let code = 0; code < runs.length; code++) {
      const run = runs[code];
      if (run !== undefined) this.endRun(code, run);
    }
    const churn = this.churn;
    this.pending = [];
    this.pendingN = 0;
    this.pendingIndex = null;
    this.churn = new Map();
    this.runs = [];
    this.churned = [];
    this.materializing = true;
    try {
      const e = this.emitter;
      const f = this.finalizer;
      for (let i = 0; i < n; i++) {
        const st = states[i];
        if (!st) continue;
        const obj = st.obj!;
        const trace = st.trace;
        st.pending = false;
        st.obj = undefined;
        st.trace = undefined;
        if (st.released) continue;
        // Each object on its own: a failure in one (reported) leaves the others' ops intact.
        try {
          this.objects.set(obj, st);
          e.op5(Op.Create, st.id, st.code, st.ctx, trace ? this.stackRef(trace) : 0);
          // A size that went up and down within the task keeps its peak in the trace.
          if (st.peak !== st.bytes) e.op3(Op.Size, st.id, st.peak);
          if (st.bytes !== 0) e.op3(Op.Size, st.id, st.bytes);
          const label = this.readLabel(obj);
          if (label) e.op3(Op.Label, st.id, e.str(label));
          this.sendShape(st, obj);
          f?.register(obj, st);
          if (st.use !== 0) this.frames!.survived(st);
        } catch (err) {
          e.caught(err);
        }
      }
      for (const [key, sizes] of churn) {
        const kind = key % 64;
        const ctx = (key - kind) / 64;
        for (const [bytes, count] of sizes) e.op5(Op.Churn, kind, ctx, bytes, count);
      }
    } finally {
      this.materializing = false;
    }
  }

  private sendShapes(): void {
    const list = this.reshapedList;
    this.reshapedList = [];
    for (let i = 0; i < list.length; i++) {
      const st = list[i]!;
      if (!st.released) this.sendShape(st, undefined);
    }
  }

  private sendShape(st: ObjState, obj: object | undefined): void {
    let text: string | undefined;
    try {
      if (typeof st.extra === 'string') text = st.extra;
      else {
        const readers = this.shapeReaders;
        for (let i = 0; i < readers.length && text === undefined; i++) text = readers[i]!(st, obj);
      }
    } catch (err) {
      this.emitter.caught(err);
      return;
    }
    if (text === undefined || this.sentShape.get(st) === text) return;
    // Only objects with bookkeeping of their own (WebGL's) change shape: WebGPU objects are not remembered.
    if (st.extra !== undefined) this.sentShape.set(st, text);
    const e = this.emitter;
    e.op3(Op.Shape, st.id, e.str(text));
  }

  /** The page's stack here, as a string ref of this batch (0: stacks off or none). */
  stackHere(): number {
    const trace = this.stacks?.capture();
    return trace ? this.stackRef(trace) : 0;
  }

  private stackRef(trace: object): number {
    try {
      const text = this.stacks!.format(trace);
      return text ? this.emitter.str(text) : 0;
    } catch {
      return 0;
    }
  }

  private readLabel(obj: object): string | undefined {
    try {
      const readers = this.labelReaders;
      for (let i = 0; i < readers.length; i++) {
        const label = readers[i]!(obj);
        if (label !== undefined) return label;
      }
      return undefined;
    } catch {
      return undefined;
    }
  }

  /** The FinalizationRegistry's callback: a task of the agent's own, so nothing it meets may reach the page. */
  private collected(st: ObjState): void {
    try {
      if (st.released) return;
      st.released = true;
      if (st.use !== 0) this.frames!.released(st);
      this.emitter.op3(Op.Release, st.id, REASON_CODE.collected);
    } catch (e) {
      this.emitter.caught(e);
    }
  }
}
