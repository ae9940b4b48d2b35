// WebGPU uses for the outlived-frame rule (frame-watch.ts): buffers, textures and query sets named by a
// queue write, a copy, a pass (attachments, vertex and index buffers, indirect draws, query sets), a
// mapping, a view or a bind group. Bind groups and render bundles hold the watched objects they refer to,
// and a view stands for its texture. Nothing persists between passes in WebGPU, so no bound-state query
// is needed.
//
// It also follows getCurrentTexture(): the texture belongs to one frame and is presented and destroyed
// when that frame ends, so a view made of it or a pass drawing into it in a later frame is an error in
// the page, reported as a LateTexture op with the site of the late use.
import { Op } from '../model/model';
import type { FrameWatch } from './frame-watch';
import { Use } from './obj-state';
import { hookAfter, hookResult, hookUse } from './hook';
import type { ObjState } from './obj-state';
import type { Tracker } from './tracker';

interface Current {
  /** The canvas texture object of the context it came from. */
  st: ObjState;
  frame: number;
  /** Taken inside a rAF callback: presented when this frame's callbacks end, not at the next frame's. */
  inRaf: boolean;
  reported: boolean;
}

export interface WebGPUUses {
  /** A bind group made now from `desc`: it holds the watched resources its entries name. */
  bindGroup(st: ObjState, desc: unknown): void;
  /** A render bundle encoder was made: its commands' watched objects are collected for its bundle. */
  encoder(encoder: object): void;
  /** A render bundle finished from `encoder`: it holds what the encoder's commands named. */
  bundle(encoder: object, st: ObjState): void;
}

export function installWebGPUUseHooks(
  tracker: Tracker,
  frames: FrameWatch,
  fail: (e: unknown) => void,
  proto: (name: string) => object | undefined,
  canvasTextureOf: (ctx: object) => ObjState | undefined,
): WebGPUUses {
  /** View -> its watched texture; recorded only while the texture is watched. */
  const views = new WeakMap<object, ObjState>();
  const current = new WeakMap<object, Current>();
  const currentViews = new WeakMap<object, Current>();
  /** Render bundle encoder -> the watched objects its commands named. */
  const encoded = new WeakMap<object, ObjState[]>();
  /** A page that called getCurrentTexture: passes and views are checked even with nothing watched. */
  let hasCurrent = false;

  const stateOf = (obj: unknown): ObjState | undefined => {
    if (obj === null || typeof obj !== 'object') return undefined;
    return views.get(obj) ?? tracker.stateOf(obj);
  };
  const use = (obj: unknown): ObjState | undefined => {
    const st = stateOf(obj);
    if (st !== undefined) frames.use(st);
    return st;
  };
  const late = (c: Current | undefined): void => {
    if (c === undefined || c.reported || !frames.rafMode) return;
    const after = frames.frame - c.frame;
    if (after - (c.inRaf ? 0 : 1) <= 0) return;
    c.reported = true;
    tracker.emitter.op4(Op.LateTexture, c.st.id, after, tracker.stackHere());
  };
  /** A texture view or texture named by a pass or copy: its texture is used, and it may be a late current one. */
  const useTex = (obj: unknown): void => {
    if (obj === null || typeof obj !== 'object') return;
    if (hasCurrent) late(currentViews.get(obj) ?? current.get(obj));
    if (frames.watching !== 0) use(obj);
  };
  const field = (obj: unknown, key: string): unknown =>
    obj !== null && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined;
  const guard = (f: () => void): void => {
    try {
      f();
    } catch (e) {
      fail(e);
    }
  };
  const onUse = (obj: unknown): void => {
    try {
      use(obj);
    } catch (e) {
      fail(e);
    }
  };

  // Pass and bundle encoders: the draw loop's calls. In a bundle encoder a use is also a hold of the bundle.
  const onEncode = (enc: object, obj: unknown): void => {
    try {
      const st = use(obj);
      if (st === undefined) return;
      const held = encoded.get(enc);
      if (held === undefined) return;
      if (st.use !== Use.None) held[held.length] = st;
      else if (st.holds !== undefined) for (const h of st.holds) if (h.use !== Use.None) held[held.length] = h;
    } catch (e) {
      fail(e);
    }
  };
  for (const name of ['GPURenderPassEncoder', 'GPUComputePassEncoder', 'GPURenderBundleEncoder']) {
    const p = proto(name);
    // Render passes' calls get wrappers of their own (hot-wrappers.ts): they are draw loops' hottest.
    hookUse(p, 'setBindGroup', frames, (enc: object, _i, g) => onEncode(enc, g), undefined, `${name}.setBindGroup`);
    hookUse(p, 'setVertexBuffer', frames, (enc: object, _slot, b) => onEncode(enc, b), undefined, `${name}.setVertexBuffer`);
    hookUse(p, 'setIndexBuffer', frames, (enc: object, b) => onEncode(enc, b), undefined, `${name}.setIndexBuffer`);
    hookUse(p, 'drawIndirect', frames, (enc: object, b) => onEncode(enc, b));
    hookUse(p, 'drawIndexedIndirect', frames, (enc: object, b) => onEncode(enc, b));
    hookUse(p, 'dispatchWorkgroupsIndirect', frames, (enc: object, b) => onEncode(enc, b));
  }
  hookUse(proto('GPURenderPassEncoder'), 'executeBundles', frames, (_enc, bundles) => guard(() => {
    if (Array.isArray(bundles)) for (const b of bundles) use(b);
  }));

  const queue = proto('GPUQueue');
  hookUse(queue, 'writeBuffer', frames, (_q, b) => onUse(b));
  hookAfter(queue, 'writeTexture', (_q, a: ArrayLike<unknown>) => {
    if (frames.watching !== 0) guard(() => void use(field(a[0], 'texture')));
  });
  hookAfter(queue, 'copyExternalImageToTexture', (_q, a: ArrayLike<unknown>) => {
    if (frames.watching !== 0) guard(() => void use(field(a[1], 'texture')));
  });
  hookUse(proto('GPUBuffer'), 'mapAsync', frames, (b: object) => onUse(b));

  const enc = proto('GPUCommandEncoder');
  hookAfter(enc, 'copyBufferToBuffer', (_e, a: ArrayLike<unknown>) => {
    if (frames.watching !== 0) guard(() => {
      use(a[0]);
      use(a.length >= 5 ? a[2] : a[1]);
    });
  });
  for (const name of ['copyBufferToTexture', 'copyTextureToBuffer', 'copyTextureToTexture']) {
    hookAfter(enc, name, (_e, a: ArrayLike<unknown>) => {
      if (frames.watching !== 0 || hasCurrent) guard(() => {
        for (const side of [a[0], a[1]]) {
          const b = field(side, 'buffer');
          if (b !== undefined && frames.watching !== 0) use(b);
          const t = field(side, 'texture');
          if (t !== undefined) useTex(t);
        }
      });
    });
  }
  hookUse(enc, 'clearBuffer', frames, (_e, b) => onUse(b));
  hookAfter(enc, 'resolveQuerySet', (_e, a: ArrayLike<unknown>) => {
    if (frames.watching !== 0) guard(() => {
      use(a[0]);
      use(a[3]);
    });
  });
  hookAfter(enc, 'beginRenderPass', (_e, a: ArrayLike<unknown>) => {
    if (frames.watching === 0 && !hasCurrent) return;
    guard(() => {
      const desc = a[0];
      const colors = field(desc, 'colorAttachments');
      if (Array.isArray(colors)) {
        for (const c of colors) {
          useTex(field(c, 'view'));
          useTex(field(c, 'resolveTarget'));
        }
      }
      useTex(field(field(desc, 'depthStencilAttachment'), 'view'));
      if (frames.watching !== 0) {
        use(field(desc, 'occlusionQuerySet'));
        use(field(field(desc, 'timestampWrites'), 'querySet'));
      }
    });
  });
  hookAfter(enc, 'beginComputePass', (_e, a: ArrayLike<unknown>) => {
    if (frames.watching !== 0) guard(() => void use(field(field(a[0], 'timestampWrites'), 'querySet')));
  });

  // Views stand for their texture; a view of the current texture is the current texture.
  hookResult(proto('GPUTexture'), 'createView', (tex: object, view: unknown) => {
    if (frames.watching === 0 && !hasCurrent) return;
    guard(() => {
      if (view === null || typeof view !== 'object') return;
      const c = hasCurrent ? current.get(tex) : undefined;
      if (c !== undefined) {
        late(c);
        currentViews.set(view, c);
      }
      if (frames.watching === 0) return;
      const st = use(tex);
      if (st !== undefined && st.use !== Use.None) views.set(view, st);
    });
  });
  hookResult(proto('GPUCanvasContext'), 'getCurrentTexture', (ctx: object, tex: unknown) => guard(() => {
    if (tex === null || typeof tex !== 'object' || current.has(tex)) return;
    const st = canvasTextureOf(ctx);
    if (st === undefined) return;
    hasCurrent = true;
    current.set(tex, { st, frame: frames.frame, inRaf: frames.inRaf, reported: false });
  }));

  return {
    bindGroup(st, desc) {
      const entries = field(desc, 'entries');
      if (!Array.isArray(entries)) return;
      for (const e of entries) {
        const r = field(e, 'resource');
        const held = stateOf(r) ?? stateOf(field(r, 'buffer'));
        if (held === undefined) continue;
        frames.use(held);
        frames.hold(st, held);
      }
    },
    encoder(encoder) {
      encoded.set(encoder, []);
    },
    bundle(encoder, st) {
      const held = encoded.get(encoder);
      if (held === undefined) return;
      encoded.delete(encoder);
      for (const h of new Set(held)) frames.hold(st, h);
    },
  };
}
