import { describe, expect, it } from 'vitest';
import { KIND_CODE } from './kinds';
import { decodeBatch, parseBatch } from './batch-decode';
import { Op, PROTOCOL_VERSION, ProtocolError } from './protocol';

const good = () => ({
  v: PROTOCOL_VERSION,
  realm: '0123456789ab',
  seq: 1,
  origin: 1_700_000_000_000,
  strings: ['webgl2', 'canvas#a', 'at draw (http://127.0.0.1/app.js:3:9)'],
  ops: [
    Op.Time, 0.5,
    Op.Context, 1, 1, 2, 0,
    Op.Create, 2, KIND_CODE['webgl.buffer'], 1, 3,
    Op.Create, 3, KIND_CODE['webgl.buffer'], 1, 0,
    Op.Time, 1.5,
    Op.Size, 2, 1024,
    Op.Release, 2, 0,
    Op.AgentError, 1,
    Op.Dropped, 7,
    Op.ContextLost, 1,
    Op.ContextRestored, 1,
    Op.Label, 2, 2,
    Op.Cascade, 1, 3,
    Op.Churn, KIND_CODE['webgl.buffer'], 1, 256, 3,
    Op.Canvas, 1, 1,
    Op.Tick,
    Op.Unused, 2, 40, 120,
    Op.Used, 2,
    Op.LateTexture, 3, 5, 1,
  ],
});

describe('decodeBatch', () => {
  it('accepts a well-formed batch and returns a copy', () => {
    const raw = good();
    const b = decodeBatch(raw);
    expect(b).toEqual(raw);
    expect(b.ops).not.toBe(raw.ops);
  });

  const bad: [string, (r: ReturnType<typeof good>) => unknown][] = [
    ['not an object', () => 'x'],
    ['an array', () => []],
    ['another version', (r) => ({ ...r, v: 2 })],
    ['a realm that is not 12 hex digits', (r) => ({ ...r, realm: '<img src=x>' })],
    ['seq 0', (r) => ({ ...r, seq: 0 })],
    ['a fractional seq', (r) => ({ ...r, seq: 1.5 })],
    ['version 4 (it carried the page\'s URL)', (r) => ({ ...r, v: 4 })],
    ['more strings than the table takes', (r) => ({ ...r, strings: Array.from({ length: 20_001 }, (_, i) => `s${i}`) })],
    ['a string table entry that is not a string', (r) => ({ ...r, strings: [{ toString: 1 }] })],
    ['a too-long string', (r) => ({ ...r, strings: ['x'.repeat(5000)] })],
    ['ops that are not an array', (r) => ({ ...r, ops: 'ops' })],
    ['an unknown op', (r) => ({ ...r, ops: [99, 1, 2] })],
    ['op 15, past the last one', (r) => ({ ...r, ops: [15] })],
    ['a truncated op', (r) => ({ ...r, ops: [Op.Create, 1, 2] })],
    ['a NaN operand', (r) => ({ ...r, ops: [Op.Size, 1, NaN] })],
    ['a string operand', (r) => ({ ...r, ops: [Op.Size, 1, '1024'] })],
    ['negative bytes', (r) => ({ ...r, ops: [Op.Size, 1, -5] })],
    ['a kind code out of range', (r) => ({ ...r, ops: [Op.Create, 1, 999, 0, 0] })],
    ['a create whose stack ref is past the table', (r) => ({ ...r, ops: [Op.Create, 1, 0, 0, 4] })],
    ['a create in the version 2 shape (no stack operand)', (r) => ({ ...r, ops: [Op.Create, 1, 0, 0] })],
    ['a canvas state out of range', (r) => ({ ...r, ops: [Op.Canvas, 1, 4] })],
    ['an unused op with a fractional frame', (r) => ({ ...r, ops: [Op.Unused, 1, 2.5, 120] })],
    ['an unused op cut short', (r) => ({ ...r, ops: [Op.Unused, 1, 2] })],
    ['a late texture whose stack ref is past the table', (r) => ({ ...r, ops: [Op.LateTexture, 1, 2, 9] })],
    ['a late texture with negative frames', (r) => ({ ...r, ops: [Op.LateTexture, 1, -2, 0] })],
    ['a canvas op about a fractional context', (r) => ({ ...r, ops: [Op.Canvas, 0.5, 0] })],
    ['a string ref past the table', (r) => ({ ...r, ops: [Op.AgentError, 4] })],
    ['a negative time', (r) => ({ ...r, ops: [Op.Time, -1] })],
    ['an infinite time', (r) => ({ ...r, ops: [Op.Time, Infinity] })],
    ['a release reason out of range', (r) => ({ ...r, ops: [Op.Release, 1, 5] })],
    ['a cascade reason out of range', (r) => ({ ...r, ops: [Op.Cascade, 1, 9] })],
    ['a label with a bad string ref', (r) => ({ ...r, ops: [Op.Label, 1, 7] })],
    ['a fractional id', (r) => ({ ...r, ops: [Op.Release, 1.5, 0] })],
    ['a negative context id', (r) => ({ ...r, ops: [Op.ContextLost, -2] })],
    ['a truncated context restore', (r) => ({ ...r, ops: [Op.ContextRestored] })],
    ['a churn of zero objects', (r) => ({ ...r, ops: [Op.Churn, 0, 1, 16, 0] })],
    ['a churn of an unknown kind', (r) => ({ ...r, ops: [Op.Churn, 99, 1, 16, 2] })],
  ];
  it.each(bad)('rejects %s', (_name, make) => {
    expect(() => decodeBatch(make(good()))).toThrow(ProtocolError);
  });
});

describe('ProtocolError', () => {
  it('names its fault in words shared by every batch with that fault, and where apart from them', () => {
    const fault = (r: unknown): ProtocolError => {
      try {
        decodeBatch(r);
      } catch (e) {
        return e as ProtocolError;
      }
      throw new Error('accepted');
    };
    const many = fault({ ...good(), strings: Array.from({ length: 25_000 }, () => 'x') });
    expect(many.reason).toBe('too many strings');
    expect(many.message).toBe('too many strings 25000');
    // A version the page chose is not quoted: only its type or number.
    expect(fault({ ...good(), v: 'x'.repeat(100) }).message).toBe('unsupported protocol version string');
    expect(fault({ ...good(), ops: [Op.Size, 1, -5] }).reason).toBe('bad bytes');
  });
});

describe('parseBatch', () => {
  it('parses JSON text', () => {
    expect(parseBatch(JSON.stringify(good())).seq).toBe(1);
  });
  it('rejects non-strings and non-JSON with a ProtocolError', () => {
    expect(() => parseBatch({})).toThrow(ProtocolError);
    expect(() => parseBatch('{nope')).toThrow(/not JSON/);
  });
});
