// Hooks on canvases: getContext (a WebGL context is born) and the width/height setters (a WebGL drawing
// buffer or a configured WebGPU canvas is resized), on HTMLCanvasElement and OffscreenCanvas.
import type { Contexts } from './contexts';
import { hookAfter, hookMethod, hookSetter } from './hook';

type GetContext = (this: object, ...args: unknown[]) => unknown;

export function installCanvasHooks(
  contexts: Contexts | undefined,
  fail: (e: unknown) => void,
  gpuResized: ((canvas: object) => void) | undefined,
): void {
  const protos: (object | undefined)[] = [
    typeof HTMLCanvasElement === 'function' ? HTMLCanvasElement.prototype : undefined,
    typeof OffscreenCanvas === 'function' ? OffscreenCanvas.prototype : undefined,
  ];
  const resized = (canvas: object): void => {
    try {
      const st = contexts?.ofCanvas(canvas);
      if (st) contexts!.resized(st);
      gpuResized?.(canvas);
    } catch (e) {
      fail(e);
    }
  };
  for (const proto of protos) {
    if (contexts) hookGetContext(proto, contexts, fail);
    hookSetter(proto, 'width', resized);
    hookSetter(proto, 'height', resized);
  }
  if (contexts && typeof HTMLCanvasElement === 'function') {
    // What a worker draws on a transferred canvas is out of our reach: say so instead of showing nothing.
    hookAfter(HTMLCanvasElement.prototype, 'transferControlToOffscreen', (canvas: object) => {
      try {
        contexts.transferred(canvas);
      } catch (e) {
        fail(e);
      }
    });
  }
}

function hookGetContext(proto: object | undefined, contexts: Contexts, fail: (e: unknown) => void): void {
  hookMethod<GetContext>(proto, 'getContext', (orig) =>
    ({
      getContext(this: object) {
        const ctx = orig.apply(this, arguments as unknown as unknown[]);
        if (ctx !== null && contexts.isWebGL(ctx)) {
          try {
            contexts.register(ctx);
          } catch (e) {
            fail(e);
          }
        }
        return ctx;
      },
    }).getContext as GetContext,
  );
}
