// Installs every WebGL hook on the WebGL 1 and 2 prototypes: object lifecycles, buffer, texture and
// renderbuffer bytes, extensions and context loss, and the binds that mark objects used (outlived-frame).
// Draw and uniform calls are never wrapped.
import type { Contexts } from './contexts';
import type { FrameWatch } from './frame-watch';
import type { Tracker } from './tracker';
import { installBufferHooks } from './webgl-buffers';
import { FreshBinds } from './webgl-fresh-binds';
import { installWebGLUseHooks } from './webgl-frame-use';
import { makeExtensionHooks } from './webgl-extensions';
import { installObjectHooks } from './webgl-objects';
import { installRenderbufferHooks } from './webgl-renderbuffers';
import { installTextureHooks } from './webgl-textures';

export interface WebGLHooksDeps {
  tracker: Tracker;
  contexts: Contexts;
  frames: FrameWatch;
  /** Reports a failure of our own bookkeeping; never throws. */
  fail: (e: unknown) => void;
}

export function installWebGLHooks({ tracker, contexts, frames, fail }: WebGLHooksDeps): void {
  const protos: object[] = [WebGLRenderingContext.prototype];
  if (typeof WebGL2RenderingContext === 'function') protos.push(WebGL2RenderingContext.prototype);
  const fresh = new FreshBinds(tracker);
  const uses = installWebGLUseHooks(tracker, contexts, frames, fresh, fail, protos);
  const extensions = makeExtensionHooks(contexts, fail, protos, uses.hookVertexArrayExtension);
  const objects = installObjectHooks(tracker, contexts, extensions.ctxOf, fail, protos, (st, self) => fresh.made(st, self));
  extensions.install(objects);
  installBufferHooks(tracker, contexts, fresh, fail, protos);
  installTextureHooks(tracker, contexts, fresh, fail, protos);
  installRenderbufferHooks(tracker, contexts, fail, protos);
}
