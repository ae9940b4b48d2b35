// The agent's live-object registry: ids, owners and bytes of every tracked object, held weakly, with a
// FinalizationRegistry that reports objects the garbage collector took before they were deleted.
//
// A new object's ops wait until the end of the task that made it (the emitter's flush). Objects deleted
// within that task were never live between two tasks: nothing can show them but a count, and sending three
// ops each costs the page's thread more than the GL or GPU calls themselves (extension messaging serializes
// every character), so they go out as one Churn op per kind, context and size. Objects that outlive the
// task go out one by one: Create, Size and Label, then their FinalizationRegistry registration.
import { type Kind, KIND_CODE, Op, RELEASE_REASONS, type ReleaseReason } from '../model/model';
import type { Emitter } from './emitter';
import { makeStamps } from './stamp';

export interface ObjState {
  id: number;
  ctx: number;
  kind: Kind;
  bytes: number;
  released: boolean;
  /** Made in the current task: its Create op has not gone out yet. */
  pending: boolean;
  /** Its index in the tracker's pending lists while pending. */
  slot: number;
  /** Largest size it had. */
  peak: number;
  /** Kind-specific bookkeeping (a texture's images), set by the hooks that need it. */
  extra: unknown;
}

const REASON_CODE = Object.fromEntries(RELEASE_REASONS.map((r, i) => [r, i])) as Record<ReleaseReason, number>;

export class Tracker {
  private nextId = 0;
  private readonly objects = makeStamps<ObjState>();
  private readonly finalizer: FinalizationRegistry<ObjState> | undefined;
  // Cleared slot by slot as pending objects die: holding a dead object to the end of the task would keep
  // it alive through the young-generation collections it should die in (measured: +0.2x on WebGL churn).
  private pendingObjs: (object | undefined)[] = [];
  private pendingStates: (ObjState | undefined)[] = [];
  /** Churned objects of this task: kindCode + 64 × ctx → peak bytes → count. */
  private churn = new Map<number, Map<number, number>>();
  private materializing = false;
  /** Reads a surviving object's label (WebGPU), when its Create goes out. */
  labelOf: ((obj: object) => string | undefined) | null = null;

  constructor(readonly emitter: Emitter) {
    // No unregister token: a deleted object stays registered and its callback finds it released. That
    // saves a token table insert and delete per object on the page's hot path.
    this.finalizer =
      typeof FinalizationRegistry === 'function'
        ? new FinalizationRegistry<ObjState>((st) => this.collected(st))
        : undefined;
    emitter.beforeFlush = () => {
      if (!this.materializing) this.materialize();
    };
  }

  newId(): number {
    return ++this.nextId;
  }

  stateOf(obj: unknown): ObjState | undefined {
    return obj !== null && typeof obj === 'object' ? this.objects.get(obj) : undefined;
  }

  context(id: number, api: string, canvas: string, flags: number): void {
    const e = this.emitter;
    e.op5(Op.Context, id, e.str(api), e.str(canvas), flags);
  }

  contextLost(id: number): void {
    // Its objects made in this task must exist in the store before the loss releases them.
    this.materialize();
    this.emitter.op2(Op.ContextLost, id);
  }

  contextRestored(id: number): void {
    this.emitter.op2(Op.ContextRestored, id);
  }

  /** Releases every live object of context `ctx` at once (a destroyed or lost WebGPU device). */
  cascade(ctx: number, reason: ReleaseReason): void {
    this.materialize();
    this.emitter.op3(Op.Cascade, ctx, REASON_CODE[reason]);
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
    if (st.pending) return;
    this.emitter.op3(Op.Release, st.id, REASON_CODE[reason]);
  }

  /** Starts tracking a page object; its ops go out at the end of the task unless it dies before. */
  create(obj: object, kind: Kind, ctx: number): ObjState {
    const st: ObjState = {
      id: ++this.nextId, ctx, kind, bytes: 0, released: false, pending: true, slot: this.pendingObjs.length, peak: 0, extra: undefined,
    };
    this.objects.set(obj, st);
    this.pendingObjs.push(obj);
    this.pendingStates.push(st);
    this.emitter.schedule();
    return st;
  }

  /** Creates an object that the agent owns itself (a drawing buffer), kept by its owner. */
  createInternal(kind: Kind, ctx: number): ObjState {
    const st: ObjState = { id: ++this.nextId, ctx, kind, bytes: 0, released: false, pending: false, slot: -1, peak: 0, extra: undefined };
    this.emitter.op4(Op.Create, st.id, KIND_CODE[kind], ctx);
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
    if (!st.pending) {
      this.emitter.op3(Op.Release, st.id, REASON_CODE[reason]);
      return;
    }
    this.pendingObjs[st.slot] = undefined;
    this.pendingStates[st.slot] = undefined;
    st.pending = false;
    const key = KIND_CODE[st.kind] + 64 * st.ctx;
    let sizes = this.churn.get(key);
    if (!sizes) {
      sizes = new Map();
      this.churn.set(key, sizes);
    }
    sizes.set(st.peak, (sizes.get(st.peak) ?? 0) + 1);
  }

  /** Marks released without an op: the store already released it (its context was lost). */
  forget(st: ObjState): void {
    st.released = true;
  }

  /** Sends the ops of this task's objects: one by one for survivors, in aggregate for the churned. */
  private materialize(): void {
    const objs = this.pendingObjs;
    const states = this.pendingStates;
    const churn = this.churn;
    if (objs.length === 0 && churn.size === 0) return;
    this.pendingObjs = [];
    this.pendingStates = [];
    this.churn = new Map();
    this.materializing = true;
    try {
      const e = this.emitter;
      const f = this.finalizer;
      for (let i = 0; i < states.length; i++) {
        const st = states[i];
        if (!st) continue;
        st.pending = false;
        if (st.released) continue;
        const obj = objs[i]!;
        e.op4(Op.Create, st.id, KIND_CODE[st.kind], st.ctx);
        // A size that went up and down within the task keeps its peak in the trace.
        if (st.peak !== st.bytes) e.op3(Op.Size, st.id, st.peak);
        if (st.bytes !== 0) e.op3(Op.Size, st.id, st.bytes);
        const label = this.readLabel(obj);
        if (label) e.op3(Op.Label, st.id, e.str(label));
        f?.register(obj, st);
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

  private readLabel(obj: object): string | undefined {
    try {
      return this.labelOf?.(obj);
    } catch {
      return undefined;
    }
  }

  private collected(st: ObjState): void {
    if (st.released) return;
    st.released = true;
    this.emitter.op3(Op.Release, st.id, REASON_CODE.collected);
  }
}
