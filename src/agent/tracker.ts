// The agent's live-object registry: ids, owners and bytes of every tracked object, held weakly, with a
// FinalizationRegistry that reports objects the garbage collector took before they were deleted.
import { type Kind, KIND_CODE, Op, ContextFlag, RELEASE_REASONS, type ReleaseReason } from '../model/model';
import type { Emitter } from './emitter';

export interface ObjState {
  id: number;
  ctx: number;
  kind: Kind;
  bytes: number;
  released: boolean;
}

const REASON_CODE = Object.fromEntries(RELEASE_REASONS.map((r, i) => [r, i])) as Record<ReleaseReason, number>;

export class Tracker {
  private nextId = 0;
  private readonly objects = new WeakMap<object, ObjState>();
  private readonly finalizer: FinalizationRegistry<number> | undefined;

  constructor(
    readonly emitter: Emitter,
    readonly now: () => number,
  ) {
    this.finalizer =
      typeof FinalizationRegistry === 'function'
        ? new FinalizationRegistry<number>((id) => this.collected(id))
        : undefined;
  }

  newId(): number {
    return ++this.nextId;
  }

  stateOf(obj: unknown): ObjState | undefined {
    return obj !== null && typeof obj === 'object' ? this.objects.get(obj) : undefined;
  }

  context(id: number, api: string, canvas: string, offscreen: boolean): void {
    const e = this.emitter;
    e.op6(Op.Context, id, this.now(), e.str(api), e.str(canvas), offscreen ? ContextFlag.Offscreen : 0);
  }

  /** Starts tracking a page object; `weak` registers it for finalization (not for internal objects). */
  create(obj: object, kind: Kind, ctx: number, weak: boolean): ObjState {
    const st: ObjState = { id: this.newId(), ctx, kind, bytes: 0, released: false };
    this.objects.set(obj, st);
    this.emitter.op5(Op.Create, st.id, this.now(), KIND_CODE[kind], ctx);
    if (weak && this.finalizer) this.finalizer.register(obj, st.id, obj);
    return st;
  }

  /** Creates an object that the agent owns itself (a drawing buffer), keyed by its owner. */
  createInternal(kind: Kind, ctx: number): ObjState {
    const st: ObjState = { id: this.newId(), ctx, kind, bytes: 0, released: false };
    this.emitter.op5(Op.Create, st.id, this.now(), KIND_CODE[kind], ctx);
    return st;
  }

  size(st: ObjState, bytes: number): void {
    if (st.released) return;
    st.bytes = bytes;
    this.emitter.op4(Op.Size, st.id, this.now(), bytes);
  }

  release(obj: object | null, st: ObjState, reason: ReleaseReason): void {
    if (st.released) return;
    st.released = true;
    if (obj && this.finalizer) this.finalizer.unregister(obj);
    this.emitter.op4(Op.Release, st.id, this.now(), REASON_CODE[reason]);
  }

  private collected(id: number): void {
    this.emitter.op4(Op.Release, id, this.now(), REASON_CODE.collected);
  }
}
