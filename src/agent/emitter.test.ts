import { describe, expect, it } from 'vitest';
import { parseBatch } from '../model/model';
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
  it('sends one batch per microtask once the relay answered', () => {
    const { e, sent, tasks } = harness();
    e.relayReady();
    e.op4(3, 1, e.now(), 64);
    e.op4(3, 2, e.now(), 32);
    expect(sent).toHaveLength(0);
    tasks.shift()!();
    expect(sent).toHaveLength(1);
    expect(parseBatch(sent[0]).ops).toEqual([3, 1, 10.5, 64, 3, 2, 10.5, 32]);
  });

  it('sends a long task in batches the decoder accepts, before the task ends', () => {
    const { e, sent } = harness();
    e.relayReady();
    // 300 000 Size ops = 1.2 M numbers in one task.
    for (let i = 1; i <= 300_000; i++) e.op4(3, i, e.now(), 16);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    const ops = sent.flatMap((s) => parseBatch(s).ops);
    expect(ops.length).toBeLessThan(1_200_000);
    e.flush();
    const all = sent.flatMap((s) => parseBatch(s).ops);
    expect(all).toHaveLength(1_200_000);
    expect(sent.map((s) => parseBatch(s).seq)).toEqual(sent.map((_, i) => i + 1));
  });

  it('reads the clock once per 64 ops, not per op', () => {
    const { e } = harness();
    const times = new Set<number>();
    for (let i = 0; i < 128; i++) {
      const t = e.now();
      times.add(t);
      e.op4(3, i + 1, t, 1);
    }
    // Read at the first op of the batch and at the 64th after it.
    expect(times.size).toBe(2);
  });
});
