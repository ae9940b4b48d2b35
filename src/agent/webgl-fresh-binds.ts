// The buffer or texture an upload goes to, known without asking the GL when the page uploads to the object
// it has just made and bound once (create, bind, upload: churn loops, loaders, per-call temporaries). There
// the `getParameter` that finds the bound object cost more than the rest of our hook (bench/overhead.mjs
// churn).
//
// Exact, not a guess. The bind wrappers store the last bind of each kind and count the binds while the task
// holds objects it made (hot-wrappers.ts BindRecord: stores behind one comparison); a buffer or texture notes
// its kind's count when it is made (made()). An upload whose object is the one made last, with exactly one
// bind of its kind since and that bind its own, knows the bind was the object's first, so the GL accepted it
// when the target is valid and the context the object's own. Anything that may have moved the binding since
// leaves a record that does not match (another bind, activeTexture for textures), a released object, or a
// target not followed here (element and indexed buffer targets, which vertex arrays and bindBufferBase also
// change); then the GL is asked as before. All the checking happens at the upload, off draw loops' binds.
import { GL, KIND_CODE } from '../model/model';
import type { CtxState } from './contexts';
import type { BindRecord } from './hot-wrappers';
import type { ObjState, Tracker } from './tracker';

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
  /** bindBuffer's record, stored by its wrappers. */
  readonly buf: BindRecord;
  /** bindTexture's record; activeTexture voids its context. */
  readonly tex: BindRecord;

  constructor(private readonly tracker: Tracker) {
    this.buf = { gl: null, target: 0, obj: null, n: 0, when: tracker };
    this.tex = { gl: null, target: 0, obj: null, n: 0, when: tracker };
  }

  /** A WebGL object was made: a buffer or texture notes its kind's bind count. */
  made(st: ObjState): void {
    if (st.code === BUFFER) st.bindMark = this.buf.n;
    else if (st.code === TEXTURE) st.bindMark = this.tex.n;
  }

  /** The fresh buffer bound to `target` in context `ctx`, or undefined when the GL must be asked. */
  buffer(ctx: CtxState, target: number): ObjState | undefined {
    const r = this.buf;
    if (ctx.gl !== r.gl || target !== r.target) return undefined;
    const st = this.fresh(r);
    if (st === undefined) return undefined;
    return !ctx.lost && st.ctx === ctx.id && plainBufferTarget(target, ctx.is2) ? st : undefined;
  }

  /** The fresh texture bound to `target` (TEXTURE_2D, TEXTURE_CUBE_MAP, 3D, 2D_ARRAY) in `ctx`, or undefined. */
  texture(ctx: CtxState, target: number): ObjState | undefined {
    const r = this.tex;
    if (ctx.gl !== r.gl || target !== r.target) return undefined;
    const st = this.fresh(r);
    if (st === undefined) return undefined;
    return !ctx.lost && st.ctx === ctx.id && textureTarget(target, ctx.is2) ? st : undefined;
  }

  /** The object made last, when the record's last bind is its own and the only one of its kind since it was made. */
  private fresh(r: BindRecord): ObjState | undefined {
    const st = this.tracker.lastPending();
    return st !== undefined && st.obj === r.obj && r.n === ((st.bindMark + 1) & 0x3fffffff) && !st.released ? st : undefined;
  }
}
