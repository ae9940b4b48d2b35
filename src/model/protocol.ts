// Wire protocol between the page agent and everything downstream (see docs/protocol.md).
// A batch is a flat array of numbers; strings travel once per batch in a table referenced by 1-based index.
import { KINDS } from './kinds';

export const PROTOCOL_VERSION = 5;

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
} as const;

/** Length of each op including the op code itself. */
export const OP_ARITY: Readonly<Record<number, number>> = {
  [Op.Context]: 5,
  [Op.Create]: 5,
  [Op.Size]: 3,
  [Op.Release]: 3,
  [Op.AgentError]: 2,
  [Op.Dropped]: 2,
  [Op.ContextLost]: 2,
  [Op.ContextRestored]: 2,
  [Op.Label]: 3,
  [Op.Cascade]: 3,
  [Op.Time]: 2,
  [Op.Churn]: 5,
  [Op.Canvas]: 3,
  [Op.Tick]: 1,
  [Op.Unused]: 4,
  [Op.Used]: 2,
  [Op.LateTexture]: 4,
};

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

const REALM_RE = /^[0-9a-f]{12}$/;

function isIndex(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= Number.MAX_SAFE_INTEGER;
}

/**
 * Checks the shape and every value of a batch from the (untrusted) page and returns a clean copy.
 * Throws ProtocolError naming the first fault.
 */
export function decodeBatch(raw: unknown): Batch {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ProtocolError('batch is not an object');
  const r = raw as Record<string, unknown>;
  if (r.v !== PROTOCOL_VERSION) throw new ProtocolError('unsupported protocol version', typeof r.v === 'number' ? String(r.v) : typeof r.v);
  if (typeof r.realm !== 'string' || !REALM_RE.test(r.realm)) throw new ProtocolError('bad realm');
  if (typeof r.seq !== 'number' || !isIndex(r.seq) || r.seq < 1) throw new ProtocolError('bad seq');
  if (typeof r.origin !== 'number' || !Number.isFinite(r.origin) || r.origin < 0) throw new ProtocolError('bad origin');
    const strings = r.strings;
  if (!Array.isArray(strings)) throw new ProtocolError('bad string table');
  if (strings.length > LIMITS.maxStrings) throw new ProtocolError('too many strings', String(strings.length));
  for (const s of strings) {
    if (typeof s !== 'string') throw new ProtocolError('bad string in table');
    if (s.length > LIMITS.maxStringLength) throw new ProtocolError('string too long', String(s.length));
  }
  const ops = r.ops;
  if (!Array.isArray(ops)) throw new ProtocolError('bad ops');
  if (ops.length > LIMITS.maxOps) throw new ProtocolError('too many ops', String(ops.length));
  const nStr = strings.length;
  let i = 0;
  while (i < ops.length) {
    const op = ops[i] as unknown;
    const arity = typeof op === 'number' ? OP_ARITY[op] : undefined;
    if (arity === undefined) throw new ProtocolError('unknown op', `${typeof op === 'number' ? op : typeof op} at ${i}`);
    if (i + arity > ops.length) throw new ProtocolError('truncated op', `${op} at ${i}`);
    for (let k = 1; k < arity; k++) {
      const x = ops[i + k] as unknown;
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new ProtocolError('non-numeric operand', `at ${i + k}`);
    }
    const a = ops as number[];
    const strRef = (n: number): void => {
      if (!isIndex(n) || n > nStr) throw new ProtocolError('bad string ref', `at ${i}`);
    };
    const id = (n: number): void => {
      if (!isIndex(n)) throw new ProtocolError('bad id', `at ${i}`);
    };
    const time = (n: number): void => {
      if (n < 0) throw new ProtocolError('bad time', `at ${i}`);
    };
    switch (op) {
      case Op.Context:
        id(a[i + 1]!); strRef(a[i + 2]!); strRef(a[i + 3]!);
        if (!isIndex(a[i + 4]!)) throw new ProtocolError('bad flags', `at ${i}`);
        break;
      case Op.Create:
        id(a[i + 1]!); id(a[i + 3]!); strRef(a[i + 4]!);
        if (!isIndex(a[i + 2]!) || a[i + 2]! >= KINDS.length) throw new ProtocolError('bad kind', `at ${i}`);
        break;
      case Op.Size:
        id(a[i + 1]!);
        if (!isIndex(a[i + 2]!)) throw new ProtocolError('bad bytes', `at ${i}`);
        break;
      case Op.Release:
      case Op.Cascade:
        id(a[i + 1]!);
        if (!isIndex(a[i + 2]!) || a[i + 2]! >= RELEASE_REASONS.length) throw new ProtocolError('bad reason', `at ${i}`);
        break;
      case Op.AgentError:
        strRef(a[i + 1]!);
        break;
      case Op.Dropped:
        if (!isIndex(a[i + 1]!)) throw new ProtocolError('bad count', `at ${i}`);
        break;
      case Op.ContextLost:
      case Op.ContextRestored:
        id(a[i + 1]!);
        break;
      case Op.Label:
        id(a[i + 1]!); strRef(a[i + 2]!);
        break;
      case Op.Time:
        time(a[i + 1]!);
        break;
      case Op.Canvas:
        id(a[i + 1]!);
        if (!isIndex(a[i + 2]!) || a[i + 2]! >= CANVAS_STATES.length) throw new ProtocolError('bad canvas state', `at ${i}`);
        break;
      case Op.Tick:
        break;
      case Op.Unused:
        id(a[i + 1]!);
        if (!isIndex(a[i + 2]!) || !isIndex(a[i + 3]!)) throw new ProtocolError('bad frames', `at ${i}`);
        break;
      case Op.Used:
        id(a[i + 1]!);
        break;
      case Op.LateTexture:
        id(a[i + 1]!); strRef(a[i + 3]!);
        if (!isIndex(a[i + 2]!)) throw new ProtocolError('bad frames', `at ${i}`);
        break;
      case Op.Churn:
        id(a[i + 2]!);
        if (!isIndex(a[i + 1]!) || a[i + 1]! >= KINDS.length) throw new ProtocolError('bad kind', `at ${i}`);
        if (!isIndex(a[i + 3]!) || !isIndex(a[i + 4]!) || a[i + 4]! < 1) throw new ProtocolError('bad churn', `at ${i}`);
        break;
    }
    i += arity;
  }
  return {
    v: PROTOCOL_VERSION,
    realm: r.realm,
    seq: r.seq,
    origin: r.origin,
    strings: strings.slice() as string[],
    ops: ops.slice() as number[],
  };
}

/** Parses the JSON text of a batch and validates it: the background's, off the page's thread, since the relay passes page-made text on untouched. */
export function parseBatch(text: unknown): Batch {
  if (typeof text !== 'string') throw new ProtocolError('batch is not a string');
  if (text.length > LIMITS.maxBatchChars) throw new ProtocolError('batch too large', String(text.length));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProtocolError('batch is not JSON');
  }
  return decodeBatch(parsed);
}
