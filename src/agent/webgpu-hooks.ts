// Hooks on WebGPU: devices (requestDevice, destroy, lost), every GPUDevice.create* (sync and async),
// render bundles, external textures, destroy() of buffers, textures and query sets, labels, and canvas
// contexts (configure / unconfigure and canvas resizes). Sizes are read back from the created objects'
// own getters, so the descriptor's defaults are the browser's. docs/webgpu-sizes.md has the model.
import { gpuCanvasBytes, gpuTextureBytes, type Kind, type ReleaseReason } from '../model/model';
import type { FrameWatch } from './frame-watch';
import { getterOf, guarded, hookAfter, hookMethod, hookResult, hookSetter } from './hook';
import { makeStamps } from './stamp';
import type { ObjState } from './obj-state';
import type { Tracker } from './tracker';
import { installWebGPUUseHooks } from './webgpu-frame-use';

interface DevState {
  ctx: number;
  /** Destroyed or lost: its children are gone, new objects are invalid and hold nothing. */
  gone: boolean;
  maxBufferSize: number;
  max1D: number;
  max2D: number;
  max3D: number;
  maxLayers: number;
}

interface CanvasState {
  st: ObjState;
  dev: DevState;
  format: string;
  canvas: object;
}

type Getter = (this: object) => unknown;

/** GPUDevice.create* methods with no bytes of their own, and the kind they make. */
const SIMPLE: readonly [string, Kind][] = [
  ['createSampler', 'webgpu.sampler'],
  ['createBindGroupLayout', 'webgpu.bindGroupLayout'],
  ['createPipelineLayout', 'webgpu.pipelineLayout'],
  ['createShaderModule', 'webgpu.shaderModule'],
  ['createRenderPipeline', 'webgpu.renderPipeline'],
  ['createComputePipeline', 'webgpu.computePipeline'],
  ['importExternalTexture', 'webgpu.externalTexture'],
];

/** Interfaces whose `label` setter is followed. */
const LABELLED = [
  'GPUDevice', 'GPUBuffer', 'GPUTexture', 'GPUQuerySet', 'GPUSampler', 'GPUBindGroup', 'GPUBindGroupLayout',
  'GPUPipelineLayout', 'GPUShaderModule', 'GPURenderPipeline', 'GPUComputePipeline', 'GPURenderBundle',
  'GPUExternalTexture',
];

export interface WebGPUHooks {
  /** A canvas's width or height was set: a configured WebGPU context follows it. */
  canvasResized(canvas: object): void;
  /** The document is unloading for good: its devices go with it. */
  documentGone(): void;
}

export function installWebGPUHooks(tracker: Tracker, frames: FrameWatch, fail: (e: unknown) => void): WebGPUHooks | undefined {
  const g = globalThis as unknown as Record<string, { prototype: object } | undefined>;
  const Device = g.GPUDevice;
  if (!g.GPUAdapter || !Device) return undefined;
  const proto = (name: string): object | undefined => g[name]?.prototype;

  const NativePromise = Promise;
  const then = Promise.prototype.then;
  const noop = (): void => {};
  const devs = makeStamps<DevState>();
  const encoders = makeStamps<DevState>();
  const canvases = makeStamps<CanvasState>();
  const byCanvas = new WeakMap<object, object>();
  const devByCtx = new Map<number, DevState>();
  let deviceCount = 0;

  const get = {
    lost: getterOf(Device.prototype, 'lost')!,
    limits: getterOf(Device.prototype, 'limits')!,
    bufSize: getterOf(proto('GPUBuffer'), 'size')!,
    bufUsage: getterOf(proto('GPUBuffer'), 'usage')!,
    qsCount: getterOf(proto('GPUQuerySet'), 'count')!,
    ctxCanvas: getterOf(proto('GPUCanvasContext'), 'canvas'),
    canvasW: getterOf(proto('HTMLCanvasElement'), 'width'),
    canvasH: getterOf(proto('HTMLCanvasElement'), 'height'),
    offW: getterOf(proto('OffscreenCanvas'), 'width'),
    offH: getterOf(proto('OffscreenCanvas'), 'height'),
  };
  const texProto = proto('GPUTexture');
  const tex = Object.fromEntries(
    ['width', 'height', 'depthOrArrayLayers', 'mipLevelCount', 'sampleCount', 'format', 'dimension', 'usage'].map((n) => [n, getterOf(texProto, n)!]),
  );
  const labelGetters = new Map<object, Getter>();
  for (const name of LABELLED) {
    const p = proto(name);
    const lg = getterOf(p, 'label');
    if (p && lg) labelGetters.set(p, lg);
  }

  const guard = (f: () => void): void => {
    try {
      f();
    } catch (e) {
      fail(e);
    }
  };
  const guardedHook = <X>(f: (self: object, x: X) => void): ((self: object, x: X) => void) => guarded(fail, f);

  // The initial label (the descriptor's, as the browser kept it) is read when the object's Create goes out,
  // at the end of its task: objects that die within the task never pay for it.
  tracker.addLabelReader((obj) => {
    const lg = labelGetters.get(Object.getPrototypeOf(obj) as object);
    const label = lg ? lg.call(obj) : undefined;
    return typeof label === 'string' && label !== '' ? label : undefined;
  });

  const track = (obj: unknown, kind: Kind, dev: DevState | undefined): ObjState | undefined => {
    if (!dev || dev.gone || obj === null || typeof obj !== 'object') return undefined;
    return tracker.create(obj, kind, dev.ctx);
  };

  const gone = (dev: DevState, reason: ReleaseReason): void => {
    if (dev.gone) return;
    dev.gone = true;
    tracker.cascade(dev.ctx, reason);
  };

  function registerDevice(device: unknown): void {
    if (device === null || typeof device !== 'object' || devs.get(device)) return;
    const lim = get.limits.call(device) as Record<string, number>;
    const dev: DevState = {
      ctx: tracker.newId(),
      gone: false,
      maxBufferSize: lim.maxBufferSize ?? Infinity,
      max1D: lim.maxTextureDimension1D ?? Infinity,
      max2D: lim.maxTextureDimension2D ?? Infinity,
      max3D: lim.maxTextureDimension3D ?? Infinity,
      maxLayers: lim.maxTextureArrayLayers ?? Infinity,
    };
    devs.set(device, dev);
    devByCtx.set(dev.ctx, dev);
    tracker.context(dev.ctx, 'webgpu', `device ${++deviceCount}`, 0);
    track(device, 'webgpu.device', dev);
    const lost = get.lost.call(device) as Promise<{ reason?: unknown }>;
    then.call(lost, (info) => guard(() => {
      // destroy() resolves `lost` with reason "destroyed" after our hook released everything; the browser
      // may destroy a device itself too (seen: headless getCurrentTexture), which only this tells us.
      gone(dev, info?.reason === 'destroyed' ? 'device-destroyed' : 'device-lost');
    }), noop);
  }

  /**
   * A promise that settles as `p` does, after `seen` saw its value. The page gets it in place of `p`: a
   * then() on `p` alone would mark it handled, and an `unhandledrejection` the page expects would never
   * fire. The cost is one microtask more before the page's callbacks run.
   */
  const settleAfter = (p: unknown, seen: (v: unknown) => void): unknown => {
    if (!(p instanceof NativePromise)) return p;
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const out = new NativePromise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Outside the executor, so that a throw reaches the caller instead of rejecting `out`.
    then.call(p, (v: unknown) => {
      guard(() => seen(v));
      resolve(v);
    }, reject);
    return out;
  };
  /** Wraps a method that returns a promise so that its value is seen first (settleAfter). */
  const hookPromise = (target: object | undefined, name: string, seen: (self: object, v: unknown) => void): void => {
    hookMethod(target, name, (orig: (this: object, ...args: unknown[]) => unknown) =>
      ({
        [name](this: object) {
          const p = orig.apply(this, arguments as unknown as unknown[]);
          try {
            return settleAfter(p, (v) => seen(this, v));
          } catch (e) {
            // A page that replaced Promise[Symbol.species] can make then() throw: the page keeps its promise.
            fail(e);
            return p;
          }
        },
      })[name] as (this: object, ...args: unknown[]) => unknown,
    );
  };

  hookPromise(proto('GPUAdapter'), 'requestDevice', (_adapter, device) => registerDevice(device));

  const D = Device.prototype;
  const texShape = { format: '', width: 0, height: 0, depthOrArrayLayers: 0, mipLevelCount: 0, sampleCount: 0, dimension: '' };
  // The churn path: bodies with their own try/catch, called from wrappers of their own (hot-wrappers.ts).
  hookResult(D, 'createBuffer', (self: object, buf: unknown) => {
    try {
      const dev = devs.get(self);
      const st = track(buf, 'webgpu.buffer', dev);
      if (!st || !dev) return;
      const size = Number(get.bufSize.call(buf as object));
      const usage = Number(get.bufUsage.call(buf as object));
      // An invalid buffer (a validation error, reported to the page by the browser) holds no memory.
      if (size <= dev.maxBufferSize && usage !== 0) tracker.size(st, size);
    } catch (e) {
      fail(e);
    }
  }, 'GPUDevice.createBuffer');

  hookResult(D, 'createTexture', (self: object, t: unknown) => {
    try {
      const dev = devs.get(self);
      const st = track(t, 'webgpu.texture', dev);
      if (!st || !dev) return;
      const o = t as object;
      // One shape object for every call: nothing keeps it, and churn loops make thousands of textures per task.
      const shape = texShape;
      shape.format = String(tex.format!.call(o));
      shape.width = Number(tex.width!.call(o));
      shape.height = Number(tex.height!.call(o));
      shape.depthOrArrayLayers = Number(tex.depthOrArrayLayers!.call(o));
      shape.mipLevelCount = Number(tex.mipLevelCount!.call(o));
      shape.sampleCount = Number(tex.sampleCount!.call(o));
      shape.dimension = String(tex.dimension!.call(o));
      if (!textureValid(dev, shape, Number(tex.usage!.call(o)))) return;
      const bytes = gpuTextureBytes(shape);
      if (bytes === undefined) return fail(new Error(`createTexture: unknown format ${shape.format}`));
      tracker.size(st, bytes);
    } catch (e) {
      fail(e);
    }
  }, 'GPUDevice.createTexture');

  hookResult(D, 'createQuerySet', guardedHook((self: object, qs: unknown) => {
    const st = track(qs, 'webgpu.querySet', devs.get(self));
    if (!st) return;
    const count = Number(get.qsCount.call(qs as object));
    if (count <= 4096) tracker.size(st, count * 8);
  }));

  // A released canvas texture (its device destroyed) still names the canvas a late use concerns.
  const uses = installWebGPUUseHooks(tracker, frames, fail, proto, (ctx) => canvases.get(ctx)?.st);
  // A bind group holds the watched resources it names (outlived-frame): its descriptor is read only then.
  hookAfter(D, 'createBindGroup', (self: object, a: ArrayLike<unknown>, group: unknown) => guard(() => {
    const st = track(group, 'webgpu.bindGroup', devs.get(self));
    if (st && frames.watching !== 0) uses.bindGroup(st, a[0]);
  }));

  for (const [method, kind] of SIMPLE) {
    hookResult(D, method, guardedHook((self: object, obj: unknown) => void track(obj, kind, devs.get(self))));
  }
  for (const [method, kind] of [['createRenderPipelineAsync', 'webgpu.renderPipeline'], ['createComputePipelineAsync', 'webgpu.computePipeline']] as const) {
    hookPromise(D, method, (self, pipeline) => void track(pipeline, kind, devs.get(self)));
  }

  hookResult(D, 'createRenderBundleEncoder', guardedHook((self: object, enc: unknown) => {
    const dev = devs.get(self);
    if (dev && enc !== null && typeof enc === 'object') {
      encoders.set(enc, dev);
      uses.encoder(enc);
    }
  }));
  hookResult(proto('GPURenderBundleEncoder'), 'finish', guardedHook((self: object, bundle: unknown) => {
    const st = track(bundle, 'webgpu.renderBundle', encoders.get(self));
    if (st) uses.bundle(self, st);
  }));

  hookResult(D, 'destroy', guardedHook((self: object) => {
    const dev = devs.get(self);
    if (dev) gone(dev, 'device-destroyed');
  }));
  for (const name of ['GPUBuffer', 'GPUTexture', 'GPUQuerySet']) {
    hookResult(proto(name), 'destroy', (self: object) => {
      try {
        const st = tracker.stateOf(self);
        if (!st) return;
        // After its device went, destroy() is a no-op: it still goes out, and the trace keeps it.
        if (devByCtx.get(st.ctx)?.gone) tracker.releaseAgain(st, 'deleted');
        else tracker.release(st, 'deleted');
      } catch (e) {
        fail(e);
      }
    }, `${name}.destroy`);
  }

  for (const [p, lg] of labelGetters) {
    hookSetter(p, 'label', (self) => guard(() => {
      const st = tracker.stateOf(self);
      if (st && !st.released) tracker.label(st, String(lg.call(self)));
    }));
  }

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
  hookAfter(ctxProto, 'configure', guardedHook((self: object, a: ArrayLike<unknown>) => {
    const config = a[0] as { device?: unknown; format?: unknown } | undefined;
    const device = config?.device;
    const dev = device !== null && typeof device === 'object' ? devs.get(device) : undefined;
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
  hookResult(ctxProto, 'unconfigure', guardedHook((self: object) => {
    const cs = canvases.get(self);
    if (cs && !cs.st.released) tracker.release(cs.st, 'deleted');
  }));

  return {
    canvasResized(canvas) {
      const ctx = byCanvas.get(canvas);
      const cs = ctx ? canvases.get(ctx) : undefined;
      if (cs && !cs.st.released && !cs.dev.gone) sizeCanvas(cs);
    },
    documentGone() {
      for (const dev of devByCtx.values()) gone(dev, 'device-lost');
    },
  };
}

/** The validation the browser applies before a texture gets memory (WebGPU §6.1.3, the parts that matter for size). */
function textureValid(
  dev: DevState,
  t: { width: number; height: number; depthOrArrayLayers: number; mipLevelCount: number; sampleCount: number; dimension: string },
  usage: number,
): boolean {
  if (usage === 0 || t.width < 1 || t.height < 1 || t.depthOrArrayLayers < 1 || t.mipLevelCount < 1) return false;
  if (t.sampleCount !== 1 && t.sampleCount !== 4) return false;
  if (t.sampleCount === 4 && (t.mipLevelCount !== 1 || t.dimension !== '2d' || t.depthOrArrayLayers !== 1)) return false;
  if (t.dimension === '1d') return t.width <= dev.max1D && t.height === 1 && t.depthOrArrayLayers === 1 && t.mipLevelCount === 1;
  if (t.dimension === '3d') {
    if (t.width > dev.max3D || t.height > dev.max3D || t.depthOrArrayLayers > dev.max3D) return false;
    return t.mipLevelCount <= Math.floor(Math.log2(Math.max(t.width, t.height, t.depthOrArrayLayers))) + 1;
  }
  if (t.width > dev.max2D || t.height > dev.max2D || t.depthOrArrayLayers > dev.maxLayers) return false;
  return t.mipLevelCount <= Math.floor(Math.log2(Math.max(t.width, t.height))) + 1;
}
