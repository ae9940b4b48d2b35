// The wire ops in one table (docs/protocol.md): each op's operands, in order, with the check each must
// pass, and the trace event it becomes. decodeBatch validates by it, the session store applies by it, and
// a test holds docs/protocol.md to it, so that an op is added or changed in one place.
import { KINDS } from './kinds';
import { parseShape } from './object-shape';
import { CANVAS_STATES, ContextFlag, Op, RELEASE_REASONS } from './protocol';
import type { TraceEvent } from './trace-types';

/**
 * What an operand must be: a 0-based index or count (`id`, `count`, `bytes`, `frames`, `flags`), a 1-based
 * reference into the batch's string table or 0 (`str`), an index into a list (`kind`, `reason`,
 * `canvasState`), a count of at least 1 (`atLeastOne`), or a non-negative number (`time`).
 */
export type OperandType = 'id' | 'str' | 'kind' | 'reason' | 'canvasState' | 'flags' | 'count' | 'atLeastOne' | 'bytes' | 'frames' | 'time';

export interface Operand {
  /** Its name in docs/protocol.md. */
  name: string;
  type: OperandType;
  /** The ProtocolError reason when it fails its check ("bad " + the type's word when not given). */
  fault?: string;
}

/** What an op's event is built from: the batch's ops and the op's place in them, reused for every op. */
export interface OpReader {
  ops: readonly number[];
  /** Index of the op code in `ops`: operand k is ops[i + k]. */
  i: number;
  /** Trace time of the op. */
  t: number;
  /** The document frame the batch came from. */
  frame: string;
  /** String operand: '' for 0. */
  s(ref: number): string;
  /** Object or context id of an id operand. */
  id(n: number): string;
  /** A create's context id (its own cache: a create names its context between its id and its size). */
  ctx(n: number): string;
}

export interface OpSpec {
  code: number;
  operands: readonly Operand[];
  /** The trace event the op becomes; null for Time, which sets the time of the ops after it. */
  event: ((r: OpReader) => TraceEvent) | null;
}

/** Every op by name. */
export type OpTable = { readonly [K in keyof typeof Op]: OpSpec };

// Made on first use, so that a bundle that only sends ops (the page agent) leaves the table out.
const makeTable = (): OpTable => ({
  Context: {
    code: Op.Context,
    operands: [{ name: 'ctxId', type: 'id' }, { name: 'apiStr', type: 'str' }, { name: 'canvasStr', type: 'str' }, { name: 'flags', type: 'flags' }],
    event: (r) => {
      const flags = r.ops[r.i + 4]!;
      const ev: TraceEvent & { op: 'context' } = {
        t: r.t, op: 'context', id: r.id(r.ops[r.i + 1]!), api: r.s(r.ops[r.i + 2]!), canvas: r.s(r.ops[r.i + 3]!),
        offscreen: (flags & ContextFlag.Offscreen) !== 0, frame: r.frame,
      };
      if ((flags & ContextFlag.Transferred) !== 0) ev.transferred = true;
      if ((flags & ContextFlag.Worker) !== 0) ev.worker = true;
      return ev;
    },
  },
  Create: {
    code: Op.Create,
    operands: [{ name: 'id', type: 'id' }, { name: 'kindCode', type: 'kind' }, { name: 'ctxId', type: 'id' }, { name: 'stackStr', type: 'str' }],
    event: (r) => {
      // Optional fields are added after the literal, not spread into it: a spread allocates and walks an
      // object per event, and a create is half of most recordings' events.
      const ev: TraceEvent & { op: 'create' } = { t: r.t, op: 'create', id: r.id(r.ops[r.i + 1]!), kind: KINDS[r.ops[r.i + 2]!]!, context: r.ctx(r.ops[r.i + 3]!), frame: r.frame };
      const stack = r.s(r.ops[r.i + 4]!);
      if (stack) ev.stack = stack;
      return ev;
    },
  },
  Size: {
    code: Op.Size,
    operands: [{ name: 'id', type: 'id' }, { name: 'bytes', type: 'bytes' }],
    event: (r) => ({ t: r.t, op: 'size', id: r.id(r.ops[r.i + 1]!), bytes: r.ops[r.i + 2]! }),
  },
  Release: {
    code: Op.Release,
    operands: [{ name: 'id', type: 'id' }, { name: 'reason', type: 'reason' }],
    event: (r) => ({ t: r.t, op: 'release', id: r.id(r.ops[r.i + 1]!), reason: RELEASE_REASONS[r.ops[r.i + 2]!]! }),
  },
  AgentError: {
    code: Op.AgentError,
    operands: [{ name: 'messageStr', type: 'str' }],
    event: (r) => ({ t: r.t, op: 'agent-error', frame: r.frame, message: r.s(r.ops[r.i + 1]!) }),
  },
  Dropped: {
    code: Op.Dropped,
    operands: [{ name: 'count', type: 'count' }],
    event: (r) => ({ t: r.t, op: 'dropped', frame: r.frame, count: r.ops[r.i + 1]! }),
  },
  ContextLost: {
    code: Op.ContextLost,
    operands: [{ name: 'ctxId', type: 'id' }],
    event: (r) => ({ t: r.t, op: 'context-lost', id: r.id(r.ops[r.i + 1]!) }),
  },
  ContextRestored: {
    code: Op.ContextRestored,
    operands: [{ name: 'ctxId', type: 'id' }],
    event: (r) => ({ t: r.t, op: 'context-restored', id: r.id(r.ops[r.i + 1]!) }),
  },
  Label: {
    code: Op.Label,
    operands: [{ name: 'id', type: 'id' }, { name: 'labelStr', type: 'str' }],
    event: (r) => ({ t: r.t, op: 'label', id: r.id(r.ops[r.i + 1]!), label: r.s(r.ops[r.i + 2]!) }),
  },
  Cascade: {
    code: Op.Cascade,
    operands: [{ name: 'ctxId', type: 'id' }, { name: 'reason', type: 'reason' }],
    event: (r) => ({ t: r.t, op: 'cascade', id: r.id(r.ops[r.i + 1]!), reason: RELEASE_REASONS[r.ops[r.i + 2]!]! }),
  },
  Time: {
    code: Op.Time,
    operands: [{ name: 't', type: 'time' }],
    event: null,
  },
  Churn: {
    code: Op.Churn,
    operands: [{ name: 'kindCode', type: 'kind' }, { name: 'ctxId', type: 'id' }, { name: 'bytes', type: 'bytes', fault: 'bad churn' }, { name: 'count', type: 'atLeastOne', fault: 'bad churn' }],
    event: (r) => ({
      t: r.t, op: 'churn', kind: KINDS[r.ops[r.i + 1]!]!, context: r.ctx(r.ops[r.i + 2]!), bytes: r.ops[r.i + 3]!, count: r.ops[r.i + 4]!, frame: r.frame,
    }),
  },
  Canvas: {
    code: Op.Canvas,
    operands: [{ name: 'ctxId', type: 'id' }, { name: 'state', type: 'canvasState' }],
    event: (r) => ({ t: r.t, op: 'canvas', id: r.id(r.ops[r.i + 1]!), state: CANVAS_STATES[r.ops[r.i + 2]!]! }),
  },
  Tick: {
    code: Op.Tick,
    operands: [],
    event: (r) => ({ t: r.t, op: 'tick', frame: r.frame }),
  },
  Unused: {
    code: Op.Unused,
    operands: [{ name: 'id', type: 'id' }, { name: 'frame', type: 'frames' }, { name: 'frames', type: 'frames' }],
    event: (r) => ({ t: r.t, op: 'unused', id: r.id(r.ops[r.i + 1]!), animationFrame: r.ops[r.i + 2]!, animationFrames: r.ops[r.i + 3]! }),
  },
  Used: {
    code: Op.Used,
    operands: [{ name: 'id', type: 'id' }],
    event: (r) => ({ t: r.t, op: 'used', id: r.id(r.ops[r.i + 1]!) }),
  },
  LateTexture: {
    code: Op.LateTexture,
    operands: [{ name: 'id', type: 'id' }, { name: 'frames', type: 'frames' }, { name: 'stackStr', type: 'str' }],
    event: (r) => {
      const ev: TraceEvent & { op: 'late-texture' } = { t: r.t, op: 'late-texture', id: r.id(r.ops[r.i + 1]!), animationFrames: r.ops[r.i + 2]! };
      const stack = r.s(r.ops[r.i + 3]!);
      if (stack) ev.stack = stack;
      return ev;
    },
  },
  Shape: {
    code: Op.Shape,
    operands: [{ name: 'id', type: 'id' }, { name: 'shapeStr', type: 'str' }],
    event: (r) => ({ t: r.t, op: 'shape', id: r.id(r.ops[r.i + 1]!), shape: parseShape(r.s(r.ops[r.i + 2]!)) }),
  },
});

let table: OpTable | null = null;
/** Specs indexed by op code: the store looks one up per op of every batch it applies. */
let byCode: (OpSpec | undefined)[] | null = null;

export function opTable(): OpTable {
  return (table ??= makeTable());
}

/** An op's spec by its code. */
export function opByCode(code: number): OpSpec | undefined {
  if (byCode === null) {
    byCode = [];
    for (const s of Object.values(opTable())) byCode[s.code] = s;
  }
  return Number.isInteger(code) && code >= 0 ? byCode[code] : undefined;
}

function isIndex(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= Number.MAX_SAFE_INTEGER;
}

/** Whether operand value `x` (a finite number) passes its type's check, given the string table's length. */
export function operandValid(type: OperandType, x: number, nStrings: number): boolean {
  switch (type) {
    case 'id':
    case 'flags':
    case 'count':
    case 'bytes':
    case 'frames':
      return isIndex(x);
    case 'str':
      return isIndex(x) && x <= nStrings;
    case 'kind':
      return isIndex(x) && x < KINDS.length;
    case 'reason':
      return isIndex(x) && x < RELEASE_REASONS.length;
    case 'canvasState':
      return isIndex(x) && x < CANVAS_STATES.length;
    case 'atLeastOne':
      return isIndex(x) && x >= 1;
    case 'time':
      return x >= 0;
  }
}

/** The ProtocolError reason of an operand that fails its check. */
export function operandFault(op: Operand): string {
  if (op.fault) return op.fault;
  switch (op.type) {
    case 'str':
      return 'bad string ref';
    case 'canvasState':
      return 'bad canvas state';
    case 'atLeastOne':
      return 'bad count';
    default:
      return `bad ${op.type}`;
  }
}
