// getExtension: records which extensions a context enabled (they decide which formats the GL accepts),
// and hooks the extensions that create objects (vertex arrays, timer queries) or lose the context.
import type { Contexts, CtxState, GLContext } from './contexts';
import { hookAfter } from './hook';
import { makeStamps } from './stamp';
import { EXTENSION_OBJECTS, type ObjectHooks } from './webgl-objects';
import { StringToLowerCase } from './natives';

export interface ExtensionHooks {
  /** The context an extension object belongs to. */
  ctxOf(ext: object): CtxState | undefined;
  install(objects: ObjectHooks): void;
}

export function makeExtensionHooks(
  contexts: Contexts,
  fail: (e: unknown) => void,
  protos: object[],
  hookVertexArrays: (proto: object) => void,
): ExtensionHooks {
  const owner = makeStamps<CtxState>();
  const hooked = new WeakSet<object>();
  return {
    ctxOf: (ext) => owner.get(ext),
    install(objects) {
      const onGetExtension = (gl: GLContext, a: ArrayLike<unknown>, ext: unknown): void => {
        try {
          if (ext === null || typeof ext !== 'object' || typeof a[0] !== 'string') return;
          const ctx = contexts.of(gl);
          const name = StringToLowerCase(a[0]);
          ctx.exts.add(name);
          owner.set(ext, ctx);
          const proto = Object.getPrototypeOf(ext) as object | null;
          if (!proto || hooked.has(proto)) return;
          hooked.add(proto);
          const pairs = EXTENSION_OBJECTS[name];
          if (pairs) objects.hookExtension(proto, pairs);
          if (name === 'oes_vertex_array_object') hookVertexArrays(proto);
          if (name === 'webgl_lose_context') {
            // The loss is immediate for every later call; its event comes a task later.
            hookAfter(proto, 'loseContext', (self: object) => {
              try {
                const c = owner.get(self);
                if (c) contexts.lost(c);
              } catch (e) {
                fail(e);
              }
            });
          }
        } catch (e) {
          fail(e);
        }
      };
      for (const proto of protos) hookAfter(proto, 'getExtension', onGetExtension);
    },
  };
}
