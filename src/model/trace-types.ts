// The gpumem-trace file format, version 2 (docs/trace-format.md, docs/trace.schema.json).
import type { Kind, RuleName } from './kinds';
import type { LossCause } from './losses';
import type { CanvasState, ReleaseReason } from './protocol';

export const TRACE_FORMAT = 'gpumem-trace';
export const TRACE_VERSION = 2;

export type TraceEvent =
  | {
      t: number;
      op: 'context';
      id: string;
      api: string;
      canvas: string;
      offscreen: boolean;
      frame: string;
      transferred?: boolean;
      worker?: boolean;
    }
  | { t: number; op: 'label'; id: string; label: string }
  | { t: number; op: 'cascade'; id: string; reason: ReleaseReason }
  /** `count` objects created and released within one task, reported together (protocol op Churn). */
  | { t: number; op: 'churn'; kind: Kind; context: string; bytes: number; count: number; frame: string }
  | { t: number; op: 'context-lost'; id: string }
  | { t: number; op: 'context-restored'; id: string }
  /** `stack`: the creation site's short stack, its first line the site (absent when not captured). */
  | { t: number; op: 'create'; id: string; kind: Kind; context: string; frame: string; stack?: string }
  /** The context's canvas left its live document, came back, or was collected (`id` is the context). */
  | { t: number; op: 'canvas'; id: string; state: CanvasState }
  /** The agent was alive at `t`: the leak rules' grace periods and windows advance on it. */
  | { t: number; op: 'tick'; frame: string }
  /**
   * The object, made during the page's animation frame number `animationFrame` (the agent's count), was not
   * used in the `animationFrames` animation frames after it.
   */
  | { t: number; op: 'unused'; id: string; animationFrame: number; animationFrames: number }
  /** An object reported `unused` was used after all. */
  | { t: number; op: 'used'; id: string }
  /**
   * The texture getCurrentTexture() returned for canvas texture `id` was used `animationFrames` animation
   * frames after its own, when it had been presented and destroyed; `stack` is where.
   */
  | { t: number; op: 'late-texture'; id: string; animationFrames: number; stack?: string }
  | { t: number; op: 'size'; id: string; bytes: number }
  | { t: number; op: 'release'; id: string; reason: ReleaseReason }
  | { t: number; op: 'agent-error'; frame: string; message: string }
  /** `count` batches the page agent dropped while no relay answered (its queue's bound). */
  | { t: number; op: 'dropped'; frame: string; count: number }
  /**
   * `count` batches (frames, for `flush`) that did not reach the recording, and why: rejected by validation,
   * missing from the agent's sequence, lost in a service-worker restart, refused (a realm or document past
   * its bound), or a frame that did not answer an export's flush. Written by the background, not the page.
   */
  | { t: number; op: 'loss'; cause: LossCause; count: number; reason?: string };

export interface TraceObject {
  id: string;
  kind: Kind;
  bytes: number;
  peakBytes: number;
  createdAt: number;
  releasedAt: number | null;
  releaseReason?: ReleaseReason;
  context: string;
  frame: string;
  /** Short stack of the creation, innermost first; its first line is `site`. */
  stack?: string;
  /** Where the page created the object: the first stack frame outside the extension. */
  site?: string;
  /** The WebGPU label, as last set. */
  label?: string;
}

export interface TraceContext {
  id: string;
  api: string;
  canvas: string;
  offscreen: boolean;
  frame: string;
  createdAt: number;
  /** Control went to a worker: the tool cannot see this context's objects. */
  transferred?: boolean;
  /** A dedicated worker the page started (canvas holds its script URL): not instrumented. */
  worker?: boolean;
  /** Time of the last loss, null once restored; absent when never lost. */
  lostAt?: number | null;
  /** Where its canvas is, when it left its live document (absent: attached, or never reported). */
  canvasState?: CanvasState;
  /** When the canvas took that state. */
  canvasSince?: number;
}

export interface TraceFrame {
  id: string;
  frameId: number;
  url: string;
  /** ms after the session start at which this document's agent started. */
  startedAt: number;
}

export type AlertSeverity = 'info' | 'warning' | 'error';

/**
 * One leak alert. It keeps its `key` while it grows (updated in place) and until its objects are released
 * (`resolvedAt`). Alerts are computed from the events alone, so an imported trace yields the same ones.
 */
export interface TraceAlert {
  key: string;
  rule: RuleName;
  severity: AlertSeverity;
  /** Plain words: what, how much, where, since when. */
  message: string;
  /** Ids of its objects (the first `maxAlertObjects`; `count` has them all). */
  objects: string[];
  count: number;
  bytes: number;
  /** The creation site it names ('' when unknown). */
  site: string;
  /** The context it is about, where it is about one. */
  context?: string;
  /** Since when the condition holds. */
  t: number;
  updatedAt: number;
  resolvedAt: number | null;
}

export interface KindTotals {
  count: number;
  bytes: number;
}

export interface Trace {
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  meta: {
    url: string;
    startedAt: string;
    userAgent: string;
    tool: string;
    frames: TraceFrame[];
    droppedEvents: number;
    droppedObjects: number;
    agentErrors: number;
    [extra: string]: unknown;
  };
  events: TraceEvent[];
  objects: TraceObject[];
  contexts: TraceContext[];
  alerts: TraceAlert[];
  summary: {
    live: Partial<Record<Kind, KindTotals>>;
    totalBytes: number;
    /** Objects created and released within one task, per kind: how many and their bytes in all. */
    churned?: Partial<Record<Kind, KindTotals>>;
  };
}

/** Written into every trace's meta.tool. */
export const TOOL = 'gpu-memory-inspector 0.1.0';
