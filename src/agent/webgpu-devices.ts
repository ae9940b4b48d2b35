// The WebGPU devices the agent knows: each is a context in the trace's sense (its objects point to it), is
// registered when requestDevice resolves, and releases all its objects at once when destroyed or lost.
import type { Kind, ReleaseReason } from '../model/model';
import { getterOf, hookPromise, whenSettled } from './hook';
import type { ObjState } from './obj-state';
import { makeStamps } from './stamp';
import type { Tracker } from './tracker';

export interface DevState {
  ctx: number;
  /** Destroyed or lost: its children are gone, new objects are invalid and hold nothing. */
  gone: boolean;
  maxBufferSize: number;
  max1D: number;
  max2D: number;
  max3D: number;
  maxLayers: number;
}

export class WebGPUDevices {
  private readonly devs = makeStamps<DevState>();
  private readonly byCtx = new Map<number, DevState>();
  private count = 0;
  private readonly getLost: (this: object) => unknown;
  private readonly getLimits: (this: object) => unknown;

  constructor(
    private readonly tracker: Tracker,
    Device: { prototype: object },
    Adapter: { prototype: object },
    private readonly fail: (e: unknown) => void,
  ) {
    this.getLost = getterOf(Device.prototype, 'lost')!;
    this.getLimits = getterOf(Device.prototype, 'limits')!;
    hookPromise(Adapter.prototype, 'requestDevice', (_adapter, device) => this.register(device), fail);
  }

  /** The device's state, for a GPUDevice the page holds. */
  of(device: object): DevState | undefined {
    return this.devs.get(device);
  }

  /** Whether the device of context id `ctx` was destroyed or lost. */
  isGone(ctx: number): boolean {
    return this.byCtx.get(ctx)?.gone === true;
  }

  /** Tracks an object a device made; nothing for a device that is gone (its objects are invalid). */
  track(obj: unknown, kind: Kind, dev: DevState | undefined): ObjState | undefined {
    if (!dev || dev.gone || obj === null || typeof obj !== 'object') return undefined;
    return this.tracker.create(obj, kind, dev.ctx);
  }

  /** The device was destroyed or lost: every live object of it is released. */
  gone(dev: DevState, reason: ReleaseReason): void {
    if (dev.gone) return;
    dev.gone = true;
    this.tracker.cascade(dev.ctx, reason);
  }

  /** The document is unloading for good: its devices go with it. */
  documentGone(): void {
    for (const dev of this.byCtx.values()) this.gone(dev, 'device-lost');
  }

  private register(device: unknown): void {
    if (device === null || typeof device !== 'object' || this.devs.get(device)) return;
    const lim = this.getLimits.call(device) as Record<string, number>;
    const dev: DevState = {
      ctx: this.tracker.newId(),
      gone: false,
      maxBufferSize: lim.maxBufferSize ?? Infinity,
      max1D: lim.maxTextureDimension1D ?? Infinity,
      max2D: lim.maxTextureDimension2D ?? Infinity,
      max3D: lim.maxTextureDimension3D ?? Infinity,
      maxLayers: lim.maxTextureArrayLayers ?? Infinity,
    };
    this.devs.set(device, dev);
    this.byCtx.set(dev.ctx, dev);
    this.tracker.context(dev.ctx, 'webgpu', `device ${++this.count}`, 0);
    this.track(device, 'webgpu.device', dev);
    whenSettled(this.getLost.call(device) as Promise<{ reason?: unknown }>, (info) => {
      try {
        // destroy() resolves `lost` with reason "destroyed" after our hook released everything; the browser
        // may destroy a device itself too (seen: headless getCurrentTexture), which only this tells us.
        this.gone(dev, info?.reason === 'destroyed' ? 'device-destroyed' : 'device-lost');
      } catch (e) {
        this.fail(e);
      }
    });
  }
}
