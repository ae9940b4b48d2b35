// Wire protocol between the page agent and everything downstream (see docs/protocol.md): op codes and
// constants the agent sends by; each op's operands and checks are in op-table.ts, decoding in batch-decode.ts.
// A batch is a flat array of numbers; strings travel once per batch in a table referenced by 1-based index.
export const PROTOCOL_VERSION = 6;

/** DOM event names shared by the agent (page world) and the relay (isolated world). */
export const EVENT_BATCH = 'gpumem:batch';
export const EVENT_RELAY_READY = 'gpumem:relay-ready';
export const EVENT_AGENT_HELLO = 'gpumem:agent-hello';
export const EVENT_FLUSH = 'gpumem:flush';
/** Relay -> agent: the settings the agent applies itself, as a JSON string ({ frameGrace }). */
export const EVENT_SETTINGS = 'gpumem:settings';

export const Op = {
  /** [op, ctxId, apiStr, canvasStr, flags] */
  Context: 1,
  /** [op, id, kindCode, ctxId, stackStr]: stackStr is the creation site's short stack (0 = not captured) */
  Create: 2,
  /** [op, id, bytes] */
  Size: 3,
  /** [op, id, reasonCode] */
  Release: 4,
  /** [op, messageStr]: the agent caught a failure in its own bookkeeping */
  AgentError: 5,
  /** [op, count]: the agent dropped this many batches (queue bound) */
  Dropped: 6,
  /** [op, ctxId]: the context was lost; the browser freed all of its objects */
  ContextLost: 7,
  /** [op, ctxId]: the context was restored (its objects stay lost; the page recreates them) */
  ContextRestored: 8,
  /** [op, id, labelStr]: the object's label (WebGPU `label`), at creation or changed later */
  Label: 9,
  /** [op, ctxId, reasonCode]: every live object of the context (a WebGPU device) is released at once */
  Cascade: 10,
  /** [op, t]: the time of the ops that follow, ms after the batch's origin */
  Time: 11,
  /**
   * [op, kindCode, ctxId, bytes, count]: `count` objects of this kind, context and peak size were created
   * and released within one task, before their batch left: reported in aggregate instead of one by one.
   */
  Churn: 12,
  /** [op, ctxId, canvasStateCode]: the context's canvas left its live document, came back, or was collected */
  Canvas: 13,
  /** [op]: the agent is alive and its clock reads the current Time: the leak rules' grace periods run on it */
  Tick: 14,
  /**
   * [op, id, frame, frames]: the object, made during the agent's frame number `frame`, was not used in the
   * `frames` frames after it (outlived-frame)
   */
  Unused: 15,
  /** [op, id]: an object reported Unused was used after all */
  Used: 16,
  /**
   * [op, id, frames, stackStr]: the texture getCurrentTexture() returned for canvas texture `id` was used
   * `frames` frames after the one it belonged to, when it had been presented and destroyed
   */
  LateTexture: 17,
  /**
   * [op, id, shapeStr]: the object's shape (format, dimensions, mip levels, samples, usage) as `key=value`
   * words (object-shape.ts), at creation or when it changes
   */
  Shape: 18,
} as const;

export const RELEASE_REASONS = ['deleted', 'collected', 'context-lost', 'device-destroyed', 'device-lost'] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

/** Where a context's canvas is: in a live document, removed from it, in a document that is gone, collected. */
export const CANVAS_STATES = ['attached', 'removed', 'document-gone', 'collected'] as const;
export type CanvasState = (typeof CANVAS_STATES)[number];

export const ContextFlag = {
  Offscreen: 1,
  /** A canvas whose control went to a worker (transferControlToOffscreen): its GPU use is not instrumented. */
  Transferred: 2,
  /** A dedicated worker the page started: GPU use inside it is not instrumented. */
  Worker: 4,
} as const;

export interface Batch {
  v: number;
  /** Random id of one agent instance (one document); makes ids unique across tabs and frames. */
  realm: string;
  /** 1-based, increasing per realm: lets the background drop a batch it has seen (replays). */
  seq: number;
  /** Epoch ms of the agent's start; op times are ms after it. */
  origin: number;
  strings: string[];
  ops: number[];
}

export const LIMITS = {
  maxStrings: 20_000,
  maxStringLength: 4_096,
  /** A URL kept for a document (the browser's, from the port's sender): longer ones are clipped with a mark. */
  maxUrlLength: 4_096,
  maxOps: 2_000_000,
  /** Characters of one serialized batch the relay accepts. */
  maxBatchChars: 32 * 1024 * 1024,
} as const;

/**
 * A batch that does not fit the protocol. `reason` is its fault in a few words, the same for every batch
 * with that fault (the tallies group by it); the message adds where.
 */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
  constructor(
    readonly reason: string,
    where = '',
  ) {
    super(where ? `${reason} ${where}` : reason);
  }
}
