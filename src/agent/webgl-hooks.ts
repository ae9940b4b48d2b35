// Installs every WebGL hook on the WebGL 1 and 2 prototypes: object lifecycles, buffer, texture and
// renderbuffer bytes, extensions and context loss. Draw, bind and uniform calls are never wrapped.
import type { Contexts } from './contexts';
import type { Tracker } from './tracker';
import { installBufferHooks } from './webgl-buffers';
import { makeExtensionHooks } from './webgl-extensions';
import { installObjectHooks } from './webgl-objects';
import { installRenderbufferHooks } from './webgl-renderbuffers';
import { installTextureHooks } from './webgl-textures';

export interface WebGLHooksDeps {
  tracker: Tracker;
  contexts: Contexts;
  /** Reports a failure of our own bookkeeping; never throws. */
  fail: (e: unknown) => void;
}

export function installWebGLHooks({ tracker, contexts, fail }: WebGLHooksDeps): void {
  const protos: object[] = [WebGLRenderingContext.prototype];
  if (typeof WebGL2RenderingContext === 'function') protos.push(WebGL2RenderingContext.prototype);
  const extensions = makeExtensionHooks(contexts, fail, protos);
  const objects = installObjectHooks(tracker, contexts, extensions.ctxOf, fail, protos);
  extensions.install(objects);
  installBufferHooks(tracker, contexts, fail, protos);
  installTextureHooks(tracker, contexts, fail, protos);
  installRenderbufferHooks(tracker, contexts, fail, protos);
}
