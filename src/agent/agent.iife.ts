// src/agent: runs in the page's own world at document_start in every frame. It hooks WebGL and WebGPU,
// keeps the live-object registry and streams batched ops to the relay; it never uses extension APIs.
import { EVENT_FLUSH, EVENT_SETTINGS, RULE_FIELDS } from '../model/model';
import { openChannel, uncurryListen } from './channel';
import { installCanvasHooks } from './canvas-hooks';
import { CanvasWatch } from './canvas-watch';
import { Contexts } from './contexts';
import { Emitter } from './emitter';
import { FrameWatch } from './frame-watch';
import { getterOf } from './hook';
import { installRafHook } from './raf-hook';
import { Tracker } from './tracker';
import { installWebGLHooks } from './webgl-hooks';
import { installWebGPUHooks } from './webgpu-hooks';
import { StackCapture } from './stack-capture';
import { installWorkerNotice } from './worker-notice';
import { FunctionCall } from './natives';

const INSTALLED = Symbol.for('gpumem.agent');
/** Set by stacks-off.iife.ts, which the background registers before this script when stacks are off. */
const STACKS_OFF = Symbol.for('gpumem.stacks-off');

function randomRealm(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function install(): void {
  // Natives captured before any page script runs: the page may replace them later.
  const listen = uncurryListen();
  const perfNow = performance.now.bind(performance);
  const microtask = queueMicrotask.bind(globalThis);
  const timeout = setTimeout.bind(globalThis);
  const doc = document;
  const hiddenGetter = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')?.get;
  const hidden = hiddenGetter ? (self: Document): boolean => FunctionCall(hiddenGetter, self) === true : undefined;

  // The private channel to the relay (channel.ts): batches go out on a node only the two of us hold.
  const channel = openChannel(doc, () => emitter.relayReady());
  const emitter = new Emitter(randomRealm(), performance.timeOrigin, {
    send: channel.send,
    schedule: microtask,
    later: (cb, ms) => void timeout(cb, ms),
    clock: perfNow,
  });
  const tracker = new Tracker(emitter);
  const fail = (e: unknown): void => {
    try {
      emitter.caught(e);
    } catch {
      // Reporting must never throw into the page either.
    }
  };

  // Batches wait up to SEND_DELAY_MS (emitter.ts): a document going away or out of sight sends its ops now,
  // before its timers stop or slow down (pagehide: below, with the contexts).
  listen(doc, 'visibilitychange', () => {
    try {
      if (hidden === undefined || hidden(doc)) emitter.flush();
    } catch (e) {
      emitter.caught(e);
    }
  });

  if (!Object.prototype.hasOwnProperty.call(globalThis, STACKS_OFF)) tracker.stacks = new StackCapture();
  const frames = new FrameWatch(emitter, perfNow, fail);
  const parse = JSON.parse;
  // The relay passes the settings the agent applies itself, on the channel; nothing but a number in range
  // is taken.
  channel.on(EVENT_SETTINGS, (detail: unknown) => {
    try {
      if (typeof detail !== 'string' || detail.length > 1000) return;
      const grace: unknown = (parse(detail) as { frameGrace?: unknown } | null)?.frameGrace;
      const { min, max } = RULE_FIELDS.frameGrace;
      if (typeof grace === 'number' && Number.isInteger(grace) && grace >= min && grace <= max) frames.grace = grace;
    } catch {
      // Not ours: ignored.
    }
  });
  tracker.frames = frames;
  installRafHook(frames, fail);
  const watch = new CanvasWatch(tracker, fail);
  tracker.addFirstContextObserver(() => watch.start());
  // The relay asks for a synchronous flush before an export or a test's check, so the trace holds every op
  // made so far, a canvas removed since the last look included.
  channel.on(EVENT_FLUSH, () => {
    watch.now();
    emitter.flush();
  });

  let contexts: Contexts | undefined;
  if (typeof WebGLRenderingContext === 'function') {
    contexts = new Contexts(tracker, fail, watch);
    installWebGLHooks({ tracker, contexts, frames, fail });
  }
  const gpu = installWebGPUHooks(tracker, frames, fail);
  installCanvasHooks(contexts, fail, gpu?.canvasResized);
  // A document unloading for good, not kept in the back/forward cache, takes its contexts and devices with
  // it. Only the browser's own event counts: the page can dispatch a pagehide of its own.
  const persisted = getterOf<Event>(globalThis.PageTransitionEvent?.prototype, 'persisted');
  listen(globalThis, 'pagehide', (e: Event) => {
    try {
      if (e.isTrusted && persisted && FunctionCall(persisted, e) === false) {
        contexts?.documentGone();
        gpu?.documentGone();
      }
      emitter.flush();
    } catch (err) {
      fail(err);
    }
  });
  installWorkerNotice(tracker, fail);
  channel.offer();
}

if (!Object.prototype.hasOwnProperty.call(globalThis, INSTALLED)) {
  Object.defineProperty(globalThis, INSTALLED, { value: true });
  install();
}
