// The buffer or texture an upload goes to, known without asking the GL when the page uploads to the object
// it has just made and bound once (create, bind, upload: churn loops, loaders, per-call temporaries). There
// the `getParameter` that finds the bound object cost more than the rest of our hook (bench/overhead.mjs
// churn).
//
// Exact, not a guess. The bind hooks keep only the last bind (three stores) and count the binds of the
// object made last in the task, which the agent has seen since its creation: they do so while the task holds
// an object it made (Tracker.pendingN), which is the case from that object's creation on, and otherwise
// test that one number (draw loops make no objects). An upload right after the one
// and only bind of that object knows the bind was the object's first, so the GL accepted it when the target
// is valid and the context the object's own. Anything that may have moved the binding since leaves a record
// that does not match (another bind, activeTexture for textures), a released object, or a target not
// followed here (element and indexed buffer targets, which vertex arrays and bindBufferBase also change);
// then the GL is asked as before. All the checking happens at the upload, off draw loops' binds: with the
// checks in the bind hooks, bench/overhead.mjs's draw-heavy frame (run after its churn loop, in the same
// page) measured 1.29x against 1.04x in the same sets, though its binds never reached them.
import { GL } from '../model/model';
import type { CtxState } from './contexts';
import type { ObjState, Tracker } from './tracker';

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
  private bufGl: unknown = null;
  private bufTarget: unknown = 0;
  private bufObj: unknown = null;
  private texGl: unknown = null;
  private texTarget: unknown = 0;
  private texObj: unknown = null;

  /** The binds' gate: they record only while the task holds objects it made. */
  readonly when: { readonly pendingN: number };

  constructor(private readonly tracker: Tracker) {
    this.when = tracker;
  }

  /** After a bindBuffer that returned normally (accepted or refused by the GL). */
  boundBuffer(gl: unknown, target: unknown, obj: unknown): void {
    this.bufGl = gl;
    this.bufTarget = target;
    this.bufObj = obj;
    const st = this.tracker.lastPending();
    if (st !== undefined && st.obj === obj) st.binds++;
  }

  /** After a bindTexture that returned normally. */
  boundTexture(gl: unknown, target: unknown, obj: unknown): void {
    this.texGl = gl;
    this.texTarget = target;
    this.texObj = obj;
    const st = this.tracker.lastPending();
    if (st !== undefined && st.obj === obj) st.binds++;
  }

  /** activeTexture: a texture bind is of the unit that was active then. */
  unitChanged(): void {
    this.texGl = null;
  }

  /** The fresh buffer bound to `target` in context `ctx`, or undefined when the GL must be asked. */
  buffer(ctx: CtxState, target: number): ObjState | undefined {
    if (ctx.gl !== this.bufGl || target !== this.bufTarget) return undefined;
    const st = this.fresh(this.bufObj);
    if (st === undefined) return undefined;
    return !ctx.lost && st.ctx === ctx.id && plainBufferTarget(target, ctx.is2) ? st : undefined;
  }

  /** The fresh texture bound to `target` (TEXTURE_2D, TEXTURE_CUBE_MAP, 3D, 2D_ARRAY) in `ctx`, or undefined. */
  texture(ctx: CtxState, target: number): ObjState | undefined {
    if (ctx.gl !== this.texGl || target !== this.texTarget) return undefined;
    const st = this.fresh(this.texObj);
    if (st === undefined) return undefined;
    return !ctx.lost && st.ctx === ctx.id && textureTarget(target, ctx.is2) ? st : undefined;
  }

  /** The object made last, when `obj` is it and its one bind is the last bind recorded. */
  private fresh(obj: unknown): ObjState | undefined {
    const st = this.tracker.lastPending();
    return st !== undefined && st.obj === obj && st.binds === 1 && !st.released ? st : undefined;
  }
}
