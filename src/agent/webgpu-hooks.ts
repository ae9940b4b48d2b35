// Hooks on WebGPU objects: every GPUDevice.create* (sync and async), render bundles, external textures,
// destroy() of buffers, textures, query sets and devices, and labels. Devices are webgpu-devices.ts's,
// canvas contexts webgpu-canvas.ts's. Sizes are read back from the created objects' own getters, so the
// descriptor's defaults are the browser's. docs/webgpu-sizes.md has the model.
import { gpuTextureBytes, gpuTextureValid, type Kind } from '../model/model';
import type { FrameWatch } from './frame-watch';
import { getterOf, guarded, hookAfter, hookPromise, hookResult, hookSetter } from './hook';
import { makeStamps } from './stamp';
import type { Tracker } from './tracker';
import { installWebGPUCanvasHooks } from './webgpu-canvas';
import { type DevState, WebGPUDevices } from './webgpu-devices';
import { installWebGPUUseHooks } from './webgpu-frame-use';

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

/** Shape op words of a texture and the GPUTexture getter each is read from (src/model/object-shape.ts). */
const TEXTURE_WORDS = ['f', 'format', 't', 'dimension', 'w', 'width', 'h', 'height', 'd', 'depthOrArrayLayers', 'm', 'mipLevelCount', 's', 'sampleCount', 'v', 'usage'];

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
  const Adapter = g.GPUAdapter;
  if (!Adapter || !Device) return undefined;
  const proto = (name: string): object | undefined => g[name]?.prototype;
  const devices = new WebGPUDevices(tracker, Device, Adapter, fail);
  const encoders = makeStamps<DevState>();

  const get = {
    bufSize: getterOf(proto('GPUBuffer'), 'size')!,
    bufUsage: getterOf(proto('GPUBuffer'), 'usage')!,
    qsCount: getterOf(proto('GPUQuerySet'), 'count')!,
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
  const track = (obj: unknown, kind: Kind, dev: DevState | undefined) => devices.track(obj, kind, dev);

  // The initial label (the descriptor's, as the browser kept it) is read when the object's Create goes out,
  // at the end of its task: objects that die within the task never pay for it.
  tracker.addLabelReader((obj) => {
    const lg = labelGetters.get(Object.getPrototypeOf(obj) as object);
    const label = lg ? lg.call(obj) : undefined;
    return typeof label === 'string' && label !== '' ? label : undefined;
  });

  // The shape is read from the object's own getters when its Create goes out, as the label is.
  const bufProto = proto('GPUBuffer');
  const qsProto = proto('GPUQuerySet');
  const qsType = getterOf(qsProto, 'type');
  tracker.addShapeReader((_st, obj) => {
    if (obj === undefined) return undefined;
    const p = Object.getPrototypeOf(obj) as object;
    if (p === texProto) {
      // Indexed, not mapped: array methods in the page's world are the page's.
      let words = '';
      for (let i = 0; i < TEXTURE_WORDS.length; i += 2) words += `${i ? ' ' : ''}${TEXTURE_WORDS[i]}=${tex[TEXTURE_WORDS[i + 1]!]!.call(obj)}`;
      return words;
    }
    if (p === bufProto) return `u=${get.bufUsage.call(obj)}`;
    if (p === qsProto && qsType) return `q=${qsType.call(obj)} n=${get.qsCount.call(obj)}`;
    return undefined;
  });

  const D = Device.prototype;
  const texShape = { format: '', width: 0, height: 0, depthOrArrayLayers: 0, mipLevelCount: 0, sampleCount: 0, dimension: '' };
  // The churn path: bodies with their own try/catch, called from wrappers of their own (hot-wrappers.ts).
  hookResult(D, 'createBuffer', (self: object, buf: unknown) => {
    try {
      const dev = devices.of(self);
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
      const dev = devices.of(self);
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
      // An invalid texture is an error object: the browser allocated nothing.
      if (!gpuTextureValid(dev, shape, Number(tex.usage!.call(o)))) return;
      const bytes = gpuTextureBytes(shape);
      if (bytes === undefined) return fail(new Error(`createTexture: unknown format ${shape.format}`));
      tracker.size(st, bytes);
    } catch (e) {
      fail(e);
    }
  }, 'GPUDevice.createTexture');

  hookResult(D, 'createQuerySet', guardedHook((self: object, qs: unknown) => {
    const st = track(qs, 'webgpu.querySet', devices.of(self));
    if (!st) return;
    const count = Number(get.qsCount.call(qs as object));
    if (count <= 4096) tracker.size(st, count * 8);
  }));

  const canvases = installWebGPUCanvasHooks(tracker, devices, fail, proto);
  // A released canvas texture (its device destroyed) still names the canvas a late use concerns.
  const uses = installWebGPUUseHooks(tracker, frames, fail, proto, (ctx) => canvases.textureOf(ctx));
  // A bind group holds the watched resources it names (outlived-frame): its descriptor is read only then.
  hookAfter(D, 'createBindGroup', (self: object, a: ArrayLike<unknown>, group: unknown) => guard(() => {
    const st = track(group, 'webgpu.bindGroup', devices.of(self));
    if (st && frames.watching !== 0) uses.bindGroup(st, a[0]);
  }));

  for (const [method, kind] of SIMPLE) {
    hookResult(D, method, guardedHook((self: object, obj: unknown) => void track(obj, kind, devices.of(self))));
  }
  for (const [method, kind] of [['createRenderPipelineAsync', 'webgpu.renderPipeline'], ['createComputePipelineAsync', 'webgpu.computePipeline']] as const) {
    hookPromise(D, method, (self, pipeline) => void track(pipeline, kind, devices.of(self)), fail);
  }

  hookResult(D, 'createRenderBundleEncoder', guardedHook((self: object, enc: unknown) => {
    const dev = devices.of(self);
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
    const dev = devices.of(self);
    if (dev) devices.gone(dev, 'device-destroyed');
  }));
  for (const name of ['GPUBuffer', 'GPUTexture', 'GPUQuerySet']) {
    hookResult(proto(name), 'destroy', (self: object) => {
      try {
        const st = tracker.stateOf(self);
        if (!st) return;
        // After its device went, destroy() is a no-op: it still goes out, and the trace keeps it.
        if (devices.isGone(st.ctx)) tracker.releaseAgain(st, 'deleted');
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

  return {
    canvasResized: (canvas) => canvases.canvasResized(canvas),
    documentGone: () => devices.documentGone(),
  };
}
