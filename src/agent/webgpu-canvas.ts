// WebGPU canvas contexts: configure() gives a canvas a texture of the canvas's size in the configured
// format (a canvas texture in the trace), which follows the canvas's resizes and goes on unconfigure() or
// a configure() with another device.
import { gpuCanvasBytes } from '../model/model';
import { getterOf, guarded, hookAfter, hookResult } from './hook';
import type { ObjState } from './obj-state';
import { makeStamps } from './stamp';
import type { Tracker } from './tracker';
import type { DevState, WebGPUDevices } from './webgpu-devices';

interface CanvasState {
  st: ObjState;
  dev: DevState;
  format: string;
  canvas: object;
}

export interface WebGPUCanvases {
  /** The canvas texture of a GPUCanvasContext, released or not. */
  textureOf(ctx: object): ObjState | undefined;
  /** A canvas's width or height was set: a configured WebGPU context follows it. */
  canvasResized(canvas: object): void;
}

export function installWebGPUCanvasHooks(
  tracker: Tracker,
  devices: WebGPUDevices,
  fail: (e: unknown) => void,
  proto: (name: string) => object | undefined,
): WebGPUCanvases {
  const canvases = makeStamps<CanvasState>();
  const byCanvas = new WeakMap<object, object>();
  const get = {
    ctxCanvas: getterOf(proto('GPUCanvasContext'), 'canvas'),
    canvasW: getterOf(proto('HTMLCanvasElement'), 'width'),
    canvasH: getterOf(proto('HTMLCanvasElement'), 'height'),
    offW: getterOf(proto('OffscreenCanvas'), 'width'),
    offH: getterOf(proto('OffscreenCanvas'), 'height'),
  };

  const canvasSize = (canvas: object): [number, number] | undefined => {
    const html = typeof HTMLCanvasElement === 'function' && canvas instanceof HTMLCanvasElement;
    const w = html ? get.canvasW : get.offW;
    const h = html ? get.canvasH : get.offH;
    return w && h ? [Number(w.call(canvas)), Number(h.call(canvas))] : undefined;
  };

  const sizeCanvas = (cs: CanvasState): void => {
    const size = canvasSize(cs.canvas);
    const bytes = size ? gpuCanvasBytes(cs.format, size[0], size[1]) : undefined;
    if (bytes !== undefined) tracker.size(cs.st, bytes);
  };

  const ctxProto = proto('GPUCanvasContext');
  hookAfter(ctxProto, 'configure', guarded(fail, (self: object, a: ArrayLike<unknown>) => {
    const config = a[0] as { device?: unknown; format?: unknown } | undefined;
    const device = config?.device;
    const dev = device !== null && typeof device === 'object' ? devices.of(device) : undefined;
    const canvas = get.ctxCanvas?.call(self) as object | undefined;
    if (!dev || dev.gone || !canvas || typeof config?.format !== 'string') return;
    const old = canvases.get(self);
    if (old && !old.st.released && old.dev !== dev) tracker.release(old.st, 'deleted');
    const st = old && !old.st.released && old.dev === dev ? old.st : tracker.create(self, 'webgpu.canvasTexture', dev.ctx);
    const cs: CanvasState = { st, dev, format: config.format, canvas };
    canvases.set(self, cs);
    byCanvas.set(canvas, self);
    sizeCanvas(cs);
  }));
  hookResult(ctxProto, 'unconfigure', guarded(fail, (self: object) => {
    const cs = canvases.get(self);
    if (cs && !cs.st.released) tracker.release(cs.st, 'deleted');
  }));

  return {
    textureOf: (ctx) => canvases.get(ctx)?.st,
    canvasResized(canvas) {
      const ctx = byCanvas.get(canvas);
      const cs = ctx ? canvases.get(ctx) : undefined;
      if (cs && !cs.st.released && !cs.dev.gone) sizeCanvas(cs);
    },
  };
}
