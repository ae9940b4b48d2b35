// Validates a batch from the (untrusted) page, op by op against the op table, and parses batch text: the
// background's work, off the page's thread.
import { opByCode, operandFault, operandValid } from './op-table';
import { type Batch, LIMITS, PROTOCOL_VERSION, ProtocolError } from './protocol';

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
    const spec = typeof op === 'number' ? opByCode(op) : undefined;
    if (spec === undefined) throw new ProtocolError('unknown op', `${typeof op === 'number' ? op : typeof op} at ${i}`);
    const operands = spec.operands;
    if (i + operands.length + 1 > ops.length) throw new ProtocolError('truncated op', `${op} at ${i}`);
    for (let k = 0; k < operands.length; k++) {
      const x = ops[i + 1 + k] as unknown;
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new ProtocolError('non-numeric operand', `at ${i + 1 + k}`);
      if (!operandValid(operands[k]!.type, x, nStr)) throw new ProtocolError(operandFault(operands[k]!), `at ${i}`);
    }
    i += operands.length + 1;
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
