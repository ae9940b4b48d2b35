import { describe, expect, it } from 'vitest';
import { Op, parseBatch } from '../model/model';
import { Emitter, SEND_DELAY_MS } from './emitter';

function harness() {
  const sent: string[] = [];
  const tasks: (() => void)[] = [];
  let clock = 10;
  const e = new Emitter('abcdefabcdef', 1000, {
    send: (json) => sent.push(json),
    schedule: (cb) => tasks.push(cb),
    clock: () => (clock += 0.5),
  });
  return { e, sent, tasks };
}

/** The agent's emitter: batches wait on a timer for the ops of later tasks. */
function delayed() {
  const sent: string[] = [];
  const tasks: (() => void)[] = [];
  const timers: { cb: () => void; ms: number }[] = [];
  let clock = 10;
  let ends = 0;
  const e = new Emitter('abcdefabcdef', 1000, {
    send: (json) => sent.push(json),
    schedule: (cb) => tasks.push(cb),
    later: (cb, ms) => timers.push({ cb, ms }),
    clock: () => (clock += 0.5),
  });
  e.addBeforeFlush(() => ends++);
  e.relayReady();
  return { e, sent, tasks, timers, ends: () => ends };
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

  it('sends the ops of several tasks as one batch when its timer fires, each task with its own time', () => {
    const { e, sent, tasks, timers, ends } = delayed();
    const before = ends();
    e.op3(Op.Size, 1, 64);
    tasks.shift()!();
    // The task's deferred work runs at its end; its batch waits.
    expect(ends()).toBe(before + 1);
    expect(sent).toHaveLength(0);
    expect(timers.map((t) => t.ms)).toEqual([SEND_DELAY_MS]);
    e.op3(Op.Size, 2, 32);
    tasks.shift()!();
    expect(ends()).toBe(before + 2);
    expect(timers).toHaveLength(1);
    expect(sent).toHaveLength(0);
    timers.shift()!.cb();
    expect(sent).toHaveLength(1);
    // relayReady read no clock (nothing to send); the two tasks read 10.5 and 11.
    expect(parseBatch(sent[0]).ops).toEqual([Op.Time, 10.5, Op.Size, 1, 64, Op.Time, 11, Op.Size, 2, 32]);
  });

  it('sends at once on an explicit flush, and its timer then sends nothing', () => {
    const { e, sent, tasks, timers } = delayed();
    e.op3(Op.Size, 1, 64);
    tasks.shift()!();
    e.flush();
    expect(sent).toHaveLength(1);
    timers.shift()!.cb();
    expect(sent).toHaveLength(1);
    // The next task arms a timer of its own.
    e.op3(Op.Size, 1, 128);
    tasks.shift()!();
    expect(timers).toHaveLength(1);
    timers.shift()!.cb();
    expect(sent.map((b) => parseBatch(b).seq)).toEqual([1, 2]);
    expect(parseBatch(sent[1]).ops).toEqual([Op.Time, 11, Op.Size, 1, 128]);
  });

  it('splits a task with more strings than one batch may carry; every string reaches its op', () => {
    const { e, sent } = harness();
    e.relayReady();
    // 25 000 labelled objects in one task: more strings than the decoder's table takes (20 000).
    for (let i = 1; i <= 25_000; i++) e.op3(Op.Label, i, e.str(`mesh-${i}`));
    e.flush();
    expect(sent.length).toBe(2);
    const labels = new Map<number, string>();
    for (const json of sent) {
      const b = parseBatch(json);
      expect(b.strings.length).toBeLessThanOrEqual(16_001);
      for (let i = 0; i < b.ops.length; i += b.ops[i] === Op.Time ? 2 : 3) {
        if (b.ops[i] === Op.Label) labels.set(b.ops[i + 1]!, b.strings[b.ops[i + 2]! - 1]!);
      }
    }
    expect(labels.size).toBe(25_000);
    expect(labels.get(16_001)).toBe('mesh-16001');
    expect(labels.get(25_000)).toBe('mesh-25000');
  });

  it('clips a string longer than the decoder takes, with a mark, instead of losing the batch', () => {
    const { e, sent } = harness();
    e.relayReady();
    e.op3(Op.Label, 1, e.str('x'.repeat(10_000)));
    e.op3(Op.Label, 2, e.str('é"\\\n'));
    e.flush();
    const b = parseBatch(sent[0]);
    expect(b.strings[0]).toBe(`${'x'.repeat(4095)}…`);
    expect(b.strings[1]).toBe('é"\\\n');
  });

  it('writes the same JSON text JSON.stringify would, with no URL (the browser knows it)', () => {
    const { e, sent } = harness();
    e.relayReady();
    e.op3(Op.Label, 7, e.str('a'));
    e.op2(Op.Time, 0.125);
    e.flush();
    const parsed = JSON.parse(sent[0]!) as Record<string, unknown>;
    expect(sent[0]).toBe(JSON.stringify(parsed));
    expect(Object.keys(parsed)).toEqual(['v', 'realm', 'seq', 'origin', 'strings', 'ops']);
  });

  it('arms no timer for a task that made no op', () => {
    const { e, tasks, timers } = delayed();
    e.schedule();
    tasks.shift()!();
    expect(timers).toHaveLength(0);
  });
});
