// WebGL contexts the agent knows, their canvases and their drawing buffers (docs/webgl-sizes.md).
import { drawingBufferBytes, GL } from '../model/model';
import type { ObjState, Tracker } from './tracker';

export type GLContext = WebGLRenderingContext | WebGL2RenderingContext;

export interface CtxState {
  id: number;
  gl: GLContext;
  api: 'webgl' | 'webgl2';
  drawingBuffer: ObjState;
  depth: boolean;
  stencil: boolean;
  antialias: boolean;
  samples: number;
  preserve: boolean;
  /** Natives captured at install, so a page that replaces them cannot break our bookkeeping. */
  getParameter: (pname: number) => unknown;
}

interface Natives {
  getParameter1: (this: GLContext, pname: number) => unknown;
  getParameter2: ((this: GLContext, pname: number) => unknown) | undefined;
  getAttributes1: (this: GLContext) => WebGLContextAttributes | null;
  getAttributes2: ((this: GLContext) => WebGLContextAttributes | null) | undefined;
  dbWidth1: (this: GLContext) => number;
  dbHeight1: (this: GLContext) => number;
  dbWidth2: ((this: GLContext) => number) | undefined;
  dbHeight2: ((this: GLContext) => number) | undefined;
  canvas1: (this: GLContext) => unknown;
  canvas2: ((this: GLContext) => unknown) | undefined;
}

function getter(proto: object | undefined, name: string): ((this: GLContext) => never) | undefined {
  return proto ? (Object.getOwnPropertyDescriptor(proto, name)?.get as (this: GLContext) => never) : undefined;
}

export class Contexts {
  private readonly byCtx = new WeakMap<object, CtxState>();
  private readonly byCanvas = new WeakMap<object, CtxState>();
  private readonly canvasNumber = new WeakMap<object, number>();
  private canvasCount = 0;
  private readonly n: Natives;
  private readonly GL2: typeof WebGL2RenderingContext | undefined;

  constructor(private readonly tracker: Tracker) {
    const p1 = WebGLRenderingContext.prototype;
    this.GL2 = typeof WebGL2RenderingContext === 'function' ? WebGL2RenderingContext : undefined;
    const p2 = this.GL2?.prototype;
    this.n = {
      getParameter1: p1.getParameter,
      getParameter2: p2?.getParameter,
      getAttributes1: p1.getContextAttributes,
      getAttributes2: p2?.getContextAttributes,
      dbWidth1: getter(p1, 'drawingBufferWidth')!,
      dbHeight1: getter(p1, 'drawingBufferHeight')!,
      dbWidth2: getter(p2, 'drawingBufferWidth'),
      dbHeight2: getter(p2, 'drawingBufferHeight'),
      canvas1: getter(p1, 'canvas')!,
      canvas2: getter(p2, 'canvas'),
    };
  }

  isWebGL(ctx: unknown): ctx is GLContext {
    return ctx instanceof WebGLRenderingContext || (this.GL2 !== undefined && ctx instanceof this.GL2);
  }

  /** The state of a context, registering it on first sight (a context made before a hook could see it). */
  of(gl: GLContext): CtxState {
    return this.byCtx.get(gl) ?? this.register(gl);
  }

  ofCanvas(canvas: object): CtxState | undefined {
    return this.byCanvas.get(canvas);
  }

  register(gl: GLContext): CtxState {
    const known = this.byCtx.get(gl);
    if (known) return known;
    const is2 = this.GL2 !== undefined && gl instanceof this.GL2;
    const n = this.n;
    const getParameter = (is2 ? n.getParameter2! : n.getParameter1).bind(gl);
    const attrs = (is2 ? n.getAttributes2! : n.getAttributes1).call(gl);
    const canvas = (is2 ? n.canvas2! : n.canvas1).call(gl) as object | null;
    const id = this.tracker.newId();
    const api = is2 ? 'webgl2' : 'webgl';
    this.tracker.context(id, api, this.canvasLabel(canvas), !isHtmlCanvas(canvas));
    const antialias = attrs?.antialias === true;
    const st: CtxState = {
      id,
      gl,
      api,
      drawingBuffer: this.tracker.createInternal('webgl.drawingBuffer', id),
      depth: attrs?.depth === true,
      stencil: attrs?.stencil === true,
      antialias,
      // SAMPLES of the default framebuffer, which is bound while the context is new.
      samples: antialias ? Number(getParameter(GL.SAMPLES)) || 0 : 0,
      preserve: attrs?.preserveDrawingBuffer === true,
      getParameter,
    };
    this.byCtx.set(gl, st);
    if (canvas) this.byCanvas.set(canvas, st);
    this.resized(st);
    return st;
  }

  /** Recomputes the drawing buffer after a canvas resize. */
  resized(st: CtxState): void {
    const gl = st.gl;
    const is2 = st.api === 'webgl2';
    const w = (is2 ? this.n.dbWidth2! : this.n.dbWidth1).call(gl);
    const h = (is2 ? this.n.dbHeight2! : this.n.dbHeight1).call(gl);
    const bytes = drawingBufferBytes({
      width: w, height: h, depth: st.depth, stencil: st.stencil, antialias: st.antialias,
      samples: st.samples, preserveDrawingBuffer: st.preserve,
    });
    if (bytes !== st.drawingBuffer.bytes) this.tracker.size(st.drawingBuffer, bytes);
  }

  private canvasLabel(canvas: object | null): string {
    if (!canvas) return 'no canvas';
    let n = this.canvasNumber.get(canvas);
    if (n === undefined) {
      n = ++this.canvasCount;
      this.canvasNumber.set(canvas, n);
    }
    if (isHtmlCanvas(canvas)) {
      const id = canvas.id;
      return id ? `canvas#${id}` : `canvas ${n}`;
    }
    return `offscreen ${n}`;
  }
}

function isHtmlCanvas(c: unknown): c is HTMLCanvasElement {
  return typeof HTMLCanvasElement === 'function' && c instanceof HTMLCanvasElement;
}
