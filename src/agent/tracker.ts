// The agent's live-object registry: ids, owners and bytes of every tracked object, held weakly, with a
// FinalizationRegistry that reports objects the garbage collector took before they were deleted.
import { type Kind, KIND_CODE, Op, RELEASE_REASONS, type ReleaseReason } from '../model/model';
import type { Emitter } from './emitter';
import { makeStamps } from './stamp';

export interface ObjState {
  id: number;
  ctx: number;
  kind: Kind;
  bytes: number;
  released: boolean;
  /** The emitter epoch (batch) its Create op went out in. */
  epoch: number;
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
  /** Objects created since the last flush, registered for finalization only if they outlive the batch. */
  private fresh: object[] = [];
  private freshStates: ObjState[] = [];
  /** Objects deleted in the batch that created them: they go out in aggregate (protocol op Churn). */
  private ephemeral: ObjState[] = [];

  constructor(readonly emitter: Emitter) {
    // No unregister token: a deleted object stays registered and its callback finds it released. That
    // saves a token table insert and delete per object on the page's hot path.
    this.finalizer =
      typeof FinalizationRegistry === 'function'
        ? new FinalizationRegistry<ObjState>((st) => this.collected(st))
        : undefined;
    emitter.beforeFlush = () => {
      this.registerFresh();
      this.aggregateEphemeral();
    };
  }

  /**
   * An object created and deleted within one task was never live between tasks: nothing can show it but a
   * count. Sending its three ops costs the page's thread more than the GL calls themselves (extension
   * messaging serializes every character), so such objects go out as one Churn op per kind, context and
   * size, with their count.
   */
  private aggregateEphemeral(): void {
    const list = this.ephemeral;
    if (list.length === 0) return;
    this.ephemeral = [];
    const ids = new Set<number>();
    const counts = new Map<string, number>();
    for (const st of list) {
      ids.add(st.id);
      const key = `${KIND_CODE[st.kind]} ${st.ctx} ${st.peak}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const extra: number[] = [];
    for (const [key, count] of counts) {
      const [kind, ctx, bytes] = key.split(' ').map(Number) as [number, number, number];
      extra.push(Op.Churn, kind, ctx, bytes, count);
    }
    this.emitter.dropOps(ids, extra);
  }

  /**
   * Registration costs as much as a GL call, and most short-lived objects (created and deleted in one
   * task) die before their batch leaves: those never need it. Holding them until the microtask changes
   * nothing for the GC, which could not have collected them while the task ran.
   */
  private registerFresh(): void {
    const objs = this.fresh;
    const states = this.freshStates;
    if (objs.length === 0) return;
    this.fresh = [];
    this.freshStates = [];
    const f = this.finalizer!;
    for (let i = 0; i < objs.length; i++) if (!states[i]!.released) f.register(objs[i]!, states[i]!);
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
    this.emitter.op2(Op.ContextLost, id);
  }

  contextRestored(id: number): void {
    this.emitter.op2(Op.ContextRestored, id);
  }

  /** Releases every live object of context `ctx` at once (a destroyed or lost WebGPU device). */
  cascade(ctx: number, reason: ReleaseReason): void {
    const e = this.emitter;
    e.op3(Op.Cascade, ctx, REASON_CODE[reason]);
  }

  label(st: ObjState, label: string): void {
    const e = this.emitter;
    e.op3(Op.Label, st.id, e.str(label));
  }

  /**
   * A release of an object its context or device already took (delete after a context loss, destroy()
   * after device.destroy()): the store keeps it as a no-op that the trace shows, never as churn.
   */
  releaseAgain(st: ObjState, reason: ReleaseReason): void {
    st.released = true;
    const e = this.emitter;
    e.op3(Op.Release, st.id, REASON_CODE[reason]);
  }

  /** Starts tracking a page object and registers it for finalization. */
  create(obj: object, kind: Kind, ctx: number): ObjState {
    const st: ObjState = { id: ++this.nextId, ctx, kind, bytes: 0, released: false, epoch: this.emitter.epoch, peak: 0, extra: undefined };
    this.objects.set(obj, st);
    const e = this.emitter;
    e.op4(Op.Create, st.id, KIND_CODE[kind], ctx);
    if (this.finalizer) {
      this.fresh.push(obj);
      this.freshStates.push(st);
    }
    return st;
  }

  /** Creates an object that the agent owns itself (a drawing buffer), kept by its owner. */
  createInternal(kind: Kind, ctx: number): ObjState {
    const st: ObjState = { id: ++this.nextId, ctx, kind, bytes: 0, released: false, epoch: this.emitter.epoch, peak: 0, extra: undefined };
    const e = this.emitter;
    e.op4(Op.Create, st.id, KIND_CODE[kind], ctx);
    return st;
  }

  size(st: ObjState, bytes: number): void {
    if (st.released || st.bytes === bytes) return;
    st.bytes = bytes;
    if (bytes > st.peak) st.peak = bytes;
    const e = this.emitter;
    e.op3(Op.Size, st.id, bytes);
  }

  release(st: ObjState, reason: ReleaseReason): void {
    if (st.released) return;
    st.released = true;
    const e = this.emitter;
    // Listed before its op goes in: the op may fill the batch and flush it at once.
    if (reason === 'deleted' && st.epoch === e.epoch) this.ephemeral.push(st);
    e.op3(Op.Release, st.id, REASON_CODE[reason]);
  }

  /** Marks released without an op: the store already released it (its context was lost). */
  forget(st: ObjState): void {
    st.released = true;
  }

  private collected(st: ObjState): void {
    if (st.released) return;
    st.released = true;
    const e = this.emitter;
    e.op3(Op.Release, st.id, REASON_CODE.collected);
  }
}
