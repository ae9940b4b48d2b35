// Create/delete pairs of every WebGL 1 and 2 object kind, on the context prototypes and on the prototypes of
// the extensions that create objects (OES_vertex_array_object, EXT_disjoint_timer_query).
import { KIND_CODE, type Kind } from '../model/model';
import type { Contexts, CtxState, GLContext } from './contexts';
import { hookResult } from './hook';
import type { ObjState } from './obj-state';
import type { Tracker } from './tracker';

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
  /** Told of every object made, with the context or extension that made it (webgl-fresh-binds.ts FreshBinds.made). */
  made: (st: ObjState, self: object) => void,
): ObjectHooks {
  // Bodies for hookResult, whose wrappers call the natives directly (hot-wrappers.ts has those of the
  // churn path's creates and deletes).
  const onCreate = (kind: Kind, ctxOf: (self: object) => CtxState | undefined) => {
    const code = KIND_CODE[kind];
    return (self: object, obj: unknown): void => {
      if (obj === null || typeof obj !== 'object') return;
      try {
        const ctx = ctxOf(self);
        if (ctx) {
          made(tracker.create(obj, kind, ctx.id, code), self);
          if (code === VAO) ctx.madeVao = true;
        }
      } catch (e) {
        fail(e);
      }
    };
  };

  const onDelete = (ctxOf: (self: object) => CtxState | undefined) => (self: object, _r: unknown, obj: unknown): void => {
    try {
      const st = tracker.stateOf(obj);
      // Deleting another context's object is a GL error and deletes nothing. A delete after a context
      // loss still goes out: the store has released the object already and keeps the late delete.
      if (st && !st.released) {
        const ctx = ctxOf(self);
        if (ctx && st.ctx === ctx.id) {
          if (ctx.lost) tracker.releaseAgain(st, 'deleted');
          else tracker.release(st, 'deleted');
        }
      }
    } catch (e) {
      fail(e);
    }
  };

  const ofGL = (self: object): CtxState => contexts.of(self as GLContext);
  for (const proto of protos) {
    for (const [c, d, kind] of CORE) {
      hookResult(proto, c, onCreate(kind, ofGL));
      hookResult(proto, d, onDelete(ofGL));
    }
  }
  return {
    hookExtension(proto, pairs) {
      for (const [c, d, kind] of pairs) {
        hookResult(proto, c, onCreate(kind, extCtx));
        hookResult(proto, d, onDelete(extCtx));
      }
    },
  };
}
