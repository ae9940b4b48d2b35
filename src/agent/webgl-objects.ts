// Create/delete pairs of every WebGL 1 and 2 object kind, on the context prototypes and on the prototypes of
// the extensions that create objects (OES_vertex_array_object, EXT_disjoint_timer_query).
import { KIND_CODE, type Kind } from '../model/model';
import type { Contexts, CtxState, GLContext } from './contexts';
import { hookMethod } from './hook';
import type { Tracker } from './tracker';

type Method = (this: object, ...args: unknown[]) => unknown;

const VAO = KIND_CODE['webgl.vertexArray'];

/** [create, delete, kind] on the context prototypes; WebGL 2 names are simply absent from WebGL 1. */
const CORE: readonly [string, string, Kind][] = [
  ['createBuffer', 'deleteBuffer', 'webgl.buffer'],
  ['createTexture', 'deleteTexture', 'webgl.texture'],
  ['createRenderbuffer', 'deleteRenderbuffer', 'webgl.renderbuffer'],
  ['createFramebuffer', 'deleteFramebuffer', 'webgl.framebuffer'],
  ['createProgram', 'deleteProgram', 'webgl.program'],
  ['createShader', 'deleteShader', 'webgl.shader'],
  ['createVertexArray', 'deleteVertexArray', 'webgl.vertexArray'],
  ['createQuery', 'deleteQuery', 'webgl.query'],
  ['createSampler', 'deleteSampler', 'webgl.sampler'],
  ['fenceSync', 'deleteSync', 'webgl.sync'],
  ['createTransformFeedback', 'deleteTransformFeedback', 'webgl.transformFeedback'],
];

/** The same on extension objects, whose `this` is the extension, not the context. */
export const EXTENSION_OBJECTS: Readonly<Record<string, readonly [string, string, Kind][]>> = {
  oes_vertex_array_object: [['createVertexArrayOES', 'deleteVertexArrayOES', 'webgl.vertexArray']],
  ext_disjoint_timer_query: [['createQueryEXT', 'deleteQueryEXT', 'webgl.query']],
};

export interface ObjectHooks {
  /** Hooks create/delete on an extension's prototype, resolving `this` to its context with `ctxOf`. */
  hookExtension(proto: object, pairs: readonly [string, string, Kind][]): void;
}

export function installObjectHooks(
  tracker: Tracker,
  contexts: Contexts,
  extCtx: (ext: object) => CtxState | undefined,
  fail: (e: unknown) => void,
  protos: object[],
): ObjectHooks {
  const creator = (kind: Kind, ctxOf: (self: object) => CtxState | undefined) => (orig: Method) => {
    const code = KIND_CODE[kind];
    return ({
      create(this: object) {
        // A fixed-arity call lets the engine call the native directly; the argument count stays the page's.
        const obj = arguments.length === 0 ? orig.call(this) : orig.apply(this, arguments as unknown as unknown[]);
        if (obj !== null && typeof obj === 'object') {
          try {
            const ctx = ctxOf(this);
            if (ctx) {
              tracker.create(obj, kind, ctx.id, code);
              if (code === VAO) ctx.madeVao = true;
            }
          } catch (e) {
            fail(e);
          }
        }
        return obj;
      },
    }).create as Method;
  };

  const deleter = (ctxOf: (self: object) => CtxState | undefined) => (orig: Method) =>
    ({
      delete(this: object, obj: unknown) {
        const r = arguments.length === 1 ? orig.call(this, obj) : orig.apply(this, arguments as unknown as unknown[]);
        try {
          const st = tracker.stateOf(obj);
          // Deleting another context's object is a GL error and deletes nothing. A delete after a context
          // loss still goes out: the store has released the object already and keeps the late delete.
          if (st && !st.released) {
            const ctx = ctxOf(this);
            if (ctx && st.ctx === ctx.id) {
              if (ctx.lost) tracker.releaseAgain(st, 'deleted');
              else tracker.release(st, 'deleted');
            }
          }
        } catch (e) {
          fail(e);
        }
        return r;
      },
    }).delete as Method;

  const ofGL = (self: object): CtxState => contexts.of(self as GLContext);
  for (const proto of protos) {
    for (const [c, d, kind] of CORE) {
      hookMethod(proto, c, creator(kind, ofGL));
      hookMethod(proto, d, deleter(ofGL));
    }
  }
  return {
    hookExtension(proto, pairs) {
      for (const [c, d, kind] of pairs) {
        hookMethod(proto, c, creator(kind, extCtx));
        hookMethod(proto, d, deleter(extCtx));
      }
    },
  };
}
