// The buffer or texture an upload goes to, known without asking the GL when the page uploads to the object
// it has just made and bound once (create, bind, upload: churn loops, loaders, per-call temporaries). There
// the `getParameter` that finds the bound object cost more than the rest of our hook (bench/overhead.mjs
// churn).
//
// Exact, not a guess. A buffer or texture made in a task becomes its kind's candidate (made()), until another
// of its kind is made or the task ends; while there is a candidate, the bind wrappers record every bind of its
// kind (hot-wrappers.ts BindRecord). An upload whose object is the candidate, whose only bind since it was
// made was its own in its own context, knows that bind was the object's first, so the GL accepted it when
// the target is valid. Anything that may have moved the binding since leaves a record that does not match
// (another bind, activeTexture for textures), a released object, or a target not followed here (element
// and indexed buffer targets, which vertex arrays and bindBufferBase also change); then the GL is asked as
// before. All the checking happens at the upload; draw loops' binds, with no candidate, store nothing.
import { GL, KIND_CODE } from '../model/model';
import type { CtxState } from './contexts';
import type { BindRecord } from './hot-wrappers';
import type { ObjState } from './obj-state';
import type { Tracker } from './tracker';

const BUFFER = KIND_CODE['webgl.buffer'];
const TEXTURE = KIND_CODE['webgl.texture'];

/** A buffer target whose binding only bindBuffer changes (not a vertex array, not bindBufferBase/Range). */
function plainBufferTarget(t: number, is2: boolean): boolean {
  switch (t) {
    case GL.ARRAY_BUFFER:
      return true;
    case GL.COPY_READ_BUFFER:
    case GL.COPY_WRITE_BUFFER:
    case GL.PIXEL_PACK_BUFFER:
    case GL.PIXEL_UNPACK_BUFFER:
      return is2;
    default:
      return false;
  }
}

function textureTarget(t: number, is2: boolean): boolean {
  switch (t) {
    case GL.TEXTURE_2D:
    case GL.TEXTURE_CUBE_MAP:
      return true;
    case GL.TEXTURE_3D:
    case GL.TEXTURE_2D_ARRAY:
      return is2;
    default:
      return false;
  }
}

export class FreshBinds {
  /** bindBuffer's record, kept by its wrappers. */
  readonly buf: BindRecord = { cand: null, gl: null, target: 0, k: 0 };
  /** bindTexture's record; activeTexture voids its own bind. */
  readonly tex: BindRecord = { cand: null, gl: null, target: 0, k: 0 };
  private bufSt: ObjState | undefined;
  private texSt: ObjState | undefined;

  constructor(tracker: Tracker) {
    // Candidates last until the end of the task that made them: after it, binds record nothing.
    tracker.addTaskEndObserver(() => this.clear());
  }

  /** A WebGL object was made in context `gl`: a buffer or texture becomes its kind's candidate. */
  made(st: ObjState, gl: unknown): void {
    if (st.code === BUFFER) {
      this.bufSt = st;
      start(this.buf, st.obj, gl);
    } else if (st.code === TEXTURE) {
      this.texSt = st;
      start(this.tex, st.obj, gl);
    }
  }

  /** The fresh buffer bound to `target` in context `ctx`, or undefined when the GL must be asked. */
  buffer(ctx: CtxState, target: number): ObjState | undefined {
    const st = fresh(this.buf, this.bufSt, ctx, target);
    return st !== undefined && plainBufferTarget(target, ctx.is2) ? st : undefined;
  }

  /** The fresh texture bound to `target` (TEXTURE_2D, TEXTURE_CUBE_MAP, 3D, 2D_ARRAY) in `ctx`, or undefined. */
  texture(ctx: CtxState, target: number): ObjState | undefined {
    const st = fresh(this.tex, this.texSt, ctx, target);
    return st !== undefined && textureTarget(target, ctx.is2) ? st : undefined;
  }

  /** The task ended: no candidates, so that binds record nothing and no object is held. */
  clear(): void {
    this.bufSt = undefined;
    this.texSt = undefined;
    start(this.buf, null, null);
    start(this.tex, null, null);
  }
}

function start(r: BindRecord, cand: unknown, gl: unknown): void {
  r.cand = cand;
  r.gl = gl;
  r.target = 0;
  r.k = 0;
}

/** The candidate, when its only bind since it was made is its own, to `target`, in `ctx`, and it is alive. */
function fresh(r: BindRecord, st: ObjState | undefined, ctx: CtxState, target: number): ObjState | undefined {
  if (st === undefined || r.k !== 1 || r.cand !== st.obj || r.gl !== ctx.gl || r.target !== target) return undefined;
  return !st.released && !ctx.lost && st.ctx === ctx.id ? st : undefined;
}
