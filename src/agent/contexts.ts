// WebGL contexts the agent knows: their canvases, limits, enabled extensions, loss state and drawing
// buffers (docs/webgl-sizes.md).
import { ContextFlag, drawingBufferBytes, GL } from '../model/model';
import type { CanvasWatch } from './canvas-watch';
import { getterOf } from './hook';
import { makeStamps } from './stamp';
import type { ObjState } from './obj-state';
import type { Tracker } from './tracker';

export type GLContext = WebGLRenderingContext | WebGL2RenderingContext;

export interface Limits {
  maxTexture: number;
  maxCube: number;
  max3D: number;
  maxLayers: number;
  maxRenderbuffer: number;
  maxSamples: number;
}

export interface CtxState {
  id: number;
  gl: GLContext;
  is2: boolean;
  drawingBuffer: ObjState;
  depth: boolean;
  stencil: boolean;
  antialias: boolean;
  samples: number;
  preserve: boolean;
  /** Lost contexts ignore every call; their objects are gone. */
  lost: boolean;
  /** Extensions the page enabled with getExtension (lower case): they decide which enums the GL accepts. */
  exts: Set<string>;
  limits: Limits;
  /** UNPACK_ALIGNMENT as the page last set it (pixelStorei). */
  unpackAlign: number;
  /** The texture hooks' last format check (webgl-textures.ts), kept here to save a lookup per call. */
  texMemo: unknown;
  /** The page made a vertex array here: only then can a bound buffer belong to one (webgl-frame-use.ts). */
  madeVao: boolean;
  /** Natives captured at install, so a page that replaces them cannot break our bookkeeping. */
  getParameter: (pname: number) => unknown;
}

type Getter = (this: GLContext) => unknown;

interface ApiNatives {
  getParameter: (this: GLContext, pname: number) => unknown;
  getAttributes: (this: GLContext) => WebGLContextAttributes | null;
  dbWidth: Getter;
  dbHeight: Getter;
  dbFormat: Getter | undefined;
  canvas: Getter;
}

function natives(proto: WebGLRenderingContext | WebGL2RenderingContext): ApiNatives {
  return {
    getParameter: proto.getParameter,
    getAttributes: proto.getContextAttributes,
    dbWidth: getterOf<GLContext>(proto, 'drawingBufferWidth')!,
    dbHeight: getterOf<GLContext>(proto, 'drawingBufferHeight')!,
    dbFormat: getterOf<GLContext>(proto, 'drawingBufferFormat'),
    canvas: getterOf<GLContext>(proto, 'canvas')!,
  };
}

export class Contexts {
  private readonly byCtx = makeStamps<CtxState>();
  private readonly byCanvas = new WeakMap<object, CtxState>();
  /** Id -> state, held weakly: the outlived-frame rule asks a context what is bound in it by id. */
  private readonly byIdRefs = new Map<number, WeakRef<CtxState>>();
  private readonly canvasNumber = new WeakMap<object, number>();
  private canvasCount = 0;
  private readonly n1: ApiNatives;
  private readonly n2: ApiNatives | undefined;
  private readonly GL2: typeof WebGL2RenderingContext | undefined;
  private readonly listen: typeof EventTarget.prototype.addEventListener;
  /** Element.prototype.id's native getter: a page that redefines `id` cannot break or fool the labels. */
  private readonly idOf: ((this: Element) => string) | undefined;

  constructor(
    private readonly tracker: Tracker,
    private readonly fail: (e: unknown) => void,
    private readonly watch: CanvasWatch | null = null,
  ) {
    this.GL2 = typeof WebGL2RenderingContext === 'function' ? WebGL2RenderingContext : undefined;
    this.n1 = natives(WebGLRenderingContext.prototype);
    this.n2 = this.GL2 ? natives(this.GL2.prototype) : undefined;
    this.listen = EventTarget.prototype.addEventListener;
    this.idOf = typeof Element === 'function' ? (Object.getOwnPropertyDescriptor(Element.prototype, 'id')?.get as (this: Element) => string) : undefined;
  }

  isWebGL(ctx: unknown): ctx is GLContext {
    return ctx instanceof WebGLRenderingContext || (this.GL2 !== undefined && ctx instanceof this.GL2);
  }

  /** The state of a context, registering it on first sight (a context made before a hook could see it). */
  of(gl: GLContext): CtxState {
    return this.byCtx.get(gl) ?? this.register(gl);
  }

  byId(id: number): CtxState | undefined {
    const st = this.byIdRefs.get(id)?.deref();
    if (st === undefined) this.byIdRefs.delete(id);
    return st;
  }

  ofCanvas(canvas: object): CtxState | undefined {
    return this.byCanvas.get(canvas);
  }

  register(gl: GLContext): CtxState {
    const known = this.byCtx.get(gl);
    if (known) return known;
    const is2 = this.GL2 !== undefined && gl instanceof this.GL2;
    const n = is2 ? this.n2! : this.n1;
    const getParameter = n.getParameter.bind(gl);
    const attrs = n.getAttributes.call(gl);
    const canvas = n.canvas.call(gl) as object | null;
    const id = this.tracker.newId();
    const html = isHtmlCanvas(canvas);
    this.tracker.context(id, is2 ? 'webgl2' : 'webgl', this.canvasLabel(canvas), html ? 0 : ContextFlag.Offscreen);
    const num = (pname: number): number => Number(getParameter(pname)) || 0;
    const antialias = attrs?.antialias === true;
    const st: CtxState = {
      id,
      gl,
      is2,
      drawingBuffer: this.tracker.createInternal('webgl.drawingBuffer', id),
      depth: attrs?.depth === true,
      stencil: attrs?.stencil === true,
      antialias,
      // SAMPLES of the default framebuffer, which is bound while the context is new.
      samples: antialias ? num(GL.SAMPLES) : 0,
      preserve: attrs?.preserveDrawingBuffer === true,
      lost: false,
      exts: new Set(),
      limits: {
        maxTexture: num(GL.MAX_TEXTURE_SIZE),
        maxCube: num(GL.MAX_CUBE_MAP_TEXTURE_SIZE),
        max3D: is2 ? num(GL.MAX_3D_TEXTURE_SIZE) : 0,
        maxLayers: is2 ? num(GL.MAX_ARRAY_TEXTURE_LAYERS) : 0,
        maxRenderbuffer: num(GL.MAX_RENDERBUFFER_SIZE),
        maxSamples: is2 ? num(GL.MAX_SAMPLES) : 0,
      },
      unpackAlign: 4,
      texMemo: undefined,
      madeVao: false,
      getParameter,
    };
    this.byCtx.set(gl, st);
    if (typeof WeakRef === 'function') this.byIdRefs.set(id, new WeakRef(st));
    if (html) this.watch?.watch(id, canvas);
    if (canvas) {
      this.byCanvas.set(canvas, st);
      // Real losses (GPU reset, the browser's context limit) arrive only as events on the canvas.
      this.listen.call(canvas as EventTarget, 'webglcontextlost', () => this.guard(() => this.lost(st)));
      this.listen.call(canvas as EventTarget, 'webglcontextrestored', () => this.guard(() => this.restored(st)));
    }
    if (attrs === null) this.lost(st);
    else this.resized(st);
    return st;
  }

  /**
   * The document is unloading for good (a removed or navigated iframe, a page navigated away): the browser
   * loses its contexts then, with no webglcontextlost event the page or we could see (a parent holding one
   * reads isContextLost() true), so every context still alive is lost now.
   */
  documentGone(): void {
    for (const ref of this.byIdRefs.values()) {
      const st = ref.deref();
      if (st !== undefined) this.lost(st);
    }
  }

  /** The context is lost: the browser freed its objects and drawing buffer (the store releases them all). */
  lost(st: CtxState): void {
    if (st.lost) return;
    st.lost = true;
    this.tracker.forget(st.drawingBuffer);
    this.tracker.contextLost(st.id);
  }

  restored(st: CtxState): void {
    if (!st.lost) return;
    st.lost = false;
    this.tracker.contextRestored(st.id);
    st.drawingBuffer = this.tracker.createInternal('webgl.drawingBuffer', st.id);
    if (st.antialias) st.samples = Number(st.getParameter(GL.SAMPLES)) || 0;
    this.resized(st);
  }

  /** Recomputes the drawing buffer after a canvas resize or drawingBufferStorage. */
  resized(st: CtxState): void {
    if (st.lost) return;
    const n = st.is2 ? this.n2! : this.n1;
    const format = n.dbFormat ? (n.dbFormat.call(st.gl) as number) : GL.RGBA8;
    const width = n.dbWidth.call(st.gl) as number;
    const height = n.dbHeight.call(st.gl) as number;
    const bytes = drawingBufferBytes({
      width,
      height,
      depth: st.depth,
      stencil: st.stencil,
      antialias: st.antialias,
      samples: st.samples,
      preserveDrawingBuffer: st.preserve,
      colorBytes: format === GL.RGBA16F ? 8 : 4,
    });
    this.tracker.size(st.drawingBuffer, bytes);
    st.drawingBuffer.extra = `F=${format} w=${width} h=${height} s=${st.antialias && st.samples > 0 ? st.samples : 1}`;
    this.tracker.reshaped(st.drawingBuffer);
  }

  /** A canvas whose control went to a worker: reported so the panel can say it is not instrumented. */
  transferred(canvas: object): void {
    this.tracker.context(this.tracker.newId(), 'transferred', this.canvasLabel(canvas), ContextFlag.Transferred);
  }

  private guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      this.fail(e);
    }
  }

  private canvasLabel(canvas: object | null): string {
    if (!canvas) return 'no canvas';
    let n = this.canvasNumber.get(canvas);
    if (n === undefined) {
      n = ++this.canvasCount;
      this.canvasNumber.set(canvas, n);
    }
    if (isHtmlCanvas(canvas)) {
      const id = this.idOf ? String(this.idOf.call(canvas)) : '';
      return id ? `canvas#${id}` : `canvas ${n}`;
    }
    return `offscreen ${n}`;
  }
}

function isHtmlCanvas(c: unknown): c is HTMLCanvasElement {
  return typeof HTMLCanvasElement === 'function' && c instanceof HTMLCanvasElement;
}
