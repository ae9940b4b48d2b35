// WebGL uses for the outlived-frame rule (frame-watch.ts). Every access to a buffer, texture or renderbuffer
// goes through a bind (WebGL has no direct access), so binds and attachments are the marks: bindBuffer[Base|
// Range], bindTexture, bindRenderbuffer, framebufferTexture2D / Layer, framebufferRenderbuffer. A vertex
// array or framebuffer holds the watched objects bound or attached through it, and binding it uses them.
// Bindings outlive frames, so its bound source lists what is bound now, queried from the GL with natives captured at
// install and with ACTIVE_TEXTURE restored; it runs only when a watched object's check is due.
import { GL } from '../model/model';
import type { Contexts, CtxState, GLContext } from './contexts';
import type { FrameWatch } from './frame-watch';
import { Use } from './obj-state';
import { hookAfter, hookUse, NEVER } from './hook';
import type { FreshBinds } from './webgl-fresh-binds';
import type { ObjState } from './obj-state';
import type { Tracker } from './tracker';

interface Natives {
  activeTexture: (this: GLContext, unit: number) => void;
  getVertexAttrib: (this: GLContext, i: number, pname: number) => unknown;
  getIndexedParameter: ((this: GLContext, target: number, i: number) => unknown) | undefined;
}

const TEXTURE_BINDINGS_1 = [GL.TEXTURE_BINDING_2D, GL.TEXTURE_BINDING_CUBE_MAP];
const TEXTURE_BINDINGS_2 = [...TEXTURE_BINDINGS_1, GL.TEXTURE_BINDING_3D, GL.TEXTURE_BINDING_2D_ARRAY];
const BUFFER_BINDINGS_1 = [GL.ARRAY_BUFFER_BINDING, GL.ELEMENT_ARRAY_BUFFER_BINDING];
const BUFFER_BINDINGS_2 = [
  ...BUFFER_BINDINGS_1, GL.COPY_READ_BUFFER, GL.COPY_WRITE_BUFFER, GL.PIXEL_PACK_BUFFER_BINDING, GL.PIXEL_UNPACK_BUFFER_BINDING,
  GL.TRANSFORM_FEEDBACK_BUFFER_BINDING, GL.UNIFORM_BUFFER_BINDING,
];

export function installWebGLUseHooks(
  tracker: Tracker,
  contexts: Contexts,
  frames: FrameWatch,
  fresh: FreshBinds,
  fail: (e: unknown) => void,
  protos: object[],
): {
  /** Hooks bindVertexArrayOES on the extension's prototype. */
  hookVertexArrayExtension(proto: object): void;
} {
  const natives = new Map<object, Natives>();
  for (const p of protos) {
    const q = p as Record<string, unknown>;
    natives.set(p, {
      activeTexture: q.activeTexture as Natives['activeTexture'],
      getVertexAttrib: q.getVertexAttrib as Natives['getVertexAttrib'],
      getIndexedParameter: q.getIndexedParameter as Natives['getIndexedParameter'],
    });
  }
  const nativesOf = (ctx: CtxState): Natives | undefined => natives.get(Object.getPrototypeOf(ctx.gl) as object) ?? natives.get(protos[ctx.is2 ? 1 : 0]!);

  const use = (obj: unknown): ObjState | undefined => {
    const st = tracker.stateOf(obj);
    if (st !== undefined) frames.use(st);
    return st;
  };
  // Asked only when a watched buffer is bound in a context that has vertex arrays: following every
  // bindVertexArray instead would put work on draw loops that bind a vertex array per draw.
  const vaoOf = (ctx: CtxState): unknown =>
    ctx.madeVao && (ctx.is2 || ctx.exts.has('oes_vertex_array_object')) ? ctx.getParameter(GL.VERTEX_ARRAY_BINDING) : null;
  const framebufferOf = (ctx: CtxState, target: unknown): unknown =>
    target === GL.READ_FRAMEBUFFER ? (ctx.is2 ? ctx.getParameter(GL.READ_FRAMEBUFFER_BINDING) : null) : ctx.getParameter(GL.FRAMEBUFFER_BINDING);

  /** A watched object attached or bound through a container now in place: the container holds it. */
  const holdIn = (container: unknown, st: ObjState): void => {
    if (st.use === Use.None || container === null) return;
    const c = tracker.stateOf(container);
    if (c !== undefined) frames.hold(c, st);
  };

  const noop = (): void => {};
  // Each hook body catches its own errors: our bookkeeping never throws into the page.
  const onBindBuffer = (gl: GLContext, target: unknown, buffer: unknown): void => {
    try {
      const st = use(buffer);
      if (st === undefined || st.use === Use.None) return;
      if (target === GL.ARRAY_BUFFER || target === GL.ELEMENT_ARRAY_BUFFER) holdIn(vaoOf(contexts.of(gl)), st);
    } catch (e) {
      fail(e);
    }
  };
  const onUse = (obj: unknown): void => {
    try {
      use(obj);
    } catch (e) {
      fail(e);
    }
  };
  const onAttach = (gl: GLContext, target: unknown, obj: unknown): void => {
    if (frames.watching === 0) return;
    try {
      const st = use(obj);
      if (st !== undefined && st.use !== Use.None) holdIn(framebufferOf(contexts.of(gl), target), st);
    } catch (e) {
      fail(e);
    }
  };

  for (const proto of protos) {
    // The binds also store the uploads' bind records (webgl-fresh-binds.ts).
    hookUse(proto, 'bindBuffer', frames, onBindBuffer, fresh.buf);
    hookUse(proto, 'bindBufferBase', frames, (_gl, _t, _i, b) => onUse(b));
    hookUse(proto, 'bindBufferRange', frames, (_gl, _t, _i, b) => onUse(b));
    hookUse(proto, 'bindTexture', frames, (_gl, _t, tex) => onUse(tex), fresh.tex);
    hookUse(proto, 'activeTexture', NEVER, noop, fresh.tex);
    hookUse(proto, 'bindRenderbuffer', frames, (_gl, _t, rb) => onUse(rb));
    hookUse(proto, 'bindFramebuffer', frames, (_gl, _t, fb) => onUse(fb));
    hookUse(proto, 'bindVertexArray', frames, (_gl, vao) => onUse(vao));
    hookAfter(proto, 'framebufferTexture2D', (gl: GLContext, a: ArrayLike<unknown>) => onAttach(gl, a[0], a[3]));
    hookAfter(proto, 'framebufferTextureLayer', (gl: GLContext, a: ArrayLike<unknown>) => onAttach(gl, a[0], a[2]));
    hookAfter(proto, 'framebufferRenderbuffer', (gl: GLContext, a: ArrayLike<unknown>) => onAttach(gl, a[0], a[3]));
  }

  frames.addBoundSource((id) => {
    const ctx = contexts.byId(id);
    if (ctx === undefined || ctx.lost) return undefined;
    const n = nativesOf(ctx);
    if (n === undefined) return undefined;
    const gl = ctx.gl;
    const out = new Set<ObjState>();
    const add = (obj: unknown): void => {
      const st = tracker.stateOf(obj);
      if (st === undefined) return;
      out.add(st);
      if (st.holds !== undefined) for (const h of st.holds) out.add(h);
    };
    const get = ctx.getParameter;
    const units = Math.min(Number(get(GL.MAX_COMBINED_TEXTURE_IMAGE_UNITS)) || 0, 256);
    const saved = Number(get(GL.ACTIVE_TEXTURE));
    const texBindings = ctx.is2 ? TEXTURE_BINDINGS_2 : TEXTURE_BINDINGS_1;
    try {
      for (let u = 0; u < units; u++) {
        n.activeTexture.call(gl, GL.TEXTURE0 + u);
        for (const b of texBindings) add(get(b));
      }
    } finally {
      n.activeTexture.call(gl, saved);
    }
    for (const b of ctx.is2 ? BUFFER_BINDINGS_2 : BUFFER_BINDINGS_1) add(get(b));
    const attribs = Math.min(Number(get(GL.MAX_VERTEX_ATTRIBS)) || 0, 64);
    for (let i = 0; i < attribs; i++) add(n.getVertexAttrib.call(gl, i, GL.VERTEX_ATTRIB_ARRAY_BUFFER_BINDING));
    if (ctx.is2 && n.getIndexedParameter) {
      const ubos = Math.min(Number(get(GL.MAX_UNIFORM_BUFFER_BINDINGS)) || 0, 256);
      for (let i = 0; i < ubos; i++) add(n.getIndexedParameter.call(gl, GL.UNIFORM_BUFFER_BINDING, i));
    }
    add(get(GL.RENDERBUFFER_BINDING));
    add(get(GL.FRAMEBUFFER_BINDING));
    if (ctx.is2) add(get(GL.READ_FRAMEBUFFER_BINDING));
    add(vaoOf(ctx));
    return out;
  });

  return {
    hookVertexArrayExtension(proto) {
      hookUse(proto, 'bindVertexArrayOES', frames, (_ext, vao) => onUse(vao));
    },
  };
}
