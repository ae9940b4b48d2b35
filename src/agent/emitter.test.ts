import { describe, expect, it } from 'vitest';
import { Op, parseBatch } from '../model/model';
import { Emitter } from './emitter';

function harness() {
  const sent: string[] = [];
  const tasks: (() => void)[] = [];
  let clock = 10;
  const e = new Emitter('abcdefabcdef', 1000, {
    send: (json) => sent.push(json),
    schedule: (cb) => tasks.push(cb),
    stringify: JSON.stringify,
    url: () => 'http://x/',
    clock: () => (clock += 0.5),
  });
  return { e, sent, tasks };
}

describe('Emitter', () => {
  it('sends one batch per microtask once the relay answered, times as Time ops', () => {
    const { e, sent, tasks } = harness();
    e.relayReady();
    e.op3(Op.Size, 1, 64);
    e.op3(Op.Size, 2, 32);
    expect(sent).toHaveLength(0);
    tasks.shift()!();
    expect(sent).toHaveLength(1);
    expect(parseBatch(sent[0]).ops).toEqual([Op.Time, 10.5, Op.Size, 1, 64, Op.Size, 2, 32]);
  });

  it('sends a long task in batches the decoder accepts, before the task ends', () => {
    const { e, sent } = harness();
    e.relayReady();
    // 400 000 Size ops = 1.2 M numbers (plus Time ops) in one task.
    for (let i = 1; i <= 400_000; i++) e.op3(Op.Size, i, 16);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    e.flush();
    const sizes = sent.flatMap((s) => {
      const ops = parseBatch(s).ops;
      const ids: number[] = [];
      for (let i = 0; i < ops.length; i += ops[i] === Op.Time ? 2 : 3) if (ops[i] === Op.Size) ids.push(ops[i + 1]!);
      return ids;
    });
    expect(sizes).toHaveLength(400_000);
    expect(sizes[399_999]).toBe(400_000);
    expect(sent.map((s) => parseBatch(s).seq)).toEqual(sent.map((_, i) => i + 1));
  });

  it('reads the clock at the first op of a batch and every 64 ops after it', () => {
    const { e, sent, tasks } = harness();
    e.relayReady();
    for (let i = 0; i < 128; i++) e.op3(Op.Size, i + 1, 1);
    tasks.shift()!();
    const ops = parseBatch(sent[0]).ops;
    const times: number[] = [];
    for (let i = 0; i < ops.length; i += ops[i] === Op.Time ? 2 : 3) if (ops[i] === Op.Time) times.push(ops[i + 1]!);
    expect(times).toEqual([10.5, 11]);
  });
});
