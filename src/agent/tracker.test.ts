import { describe, expect, it } from 'vitest';
import { KIND_CODE, Op, parseBatch } from '../model/model';
import { Emitter } from './emitter';
import { Tracker } from './tracker';

function harness() {
  const sent: string[] = [];
  const tasks: (() => void)[] = [];
  const e = new Emitter('abcdefabcdef', 1000, {
    send: (json) => sent.push(json),
    schedule: (cb) => tasks.push(cb),
    stringify: JSON.stringify,
    url: () => 'http://x/',
    clock: () => 5,
  });
  e.relayReady();
  return { tracker: new Tracker(e), sent, tasks };
}

const B = KIND_CODE['webgl.buffer'];

describe('Tracker', () => {
  it('sends objects created and deleted within one batch as a Churn op, the rest one by one', () => {
    const { tracker, sent, tasks } = harness();
    const keep = {};
    const k = tracker.create(keep, 'webgl.buffer', 1);
    tracker.size(k, 64);
    for (let i = 0; i < 3; i++) {
      const st = tracker.create({}, 'webgl.buffer', 1);
      tracker.size(st, 1024);
      tracker.size(st, 256); // peak 1024
      tracker.release(st, 'deleted');
    }
    const other = tracker.create({}, 'webgl.texture', 1);
    tracker.release(other, 'deleted');
    tasks.shift()!();
    expect(parseBatch(sent[0]!).ops).toEqual([
      Op.Time, 5, Op.Create, k.id, B, 1, Op.Size, k.id, 64,
      Op.Churn, B, 1, 1024, 3, Op.Churn, KIND_CODE['webgl.texture'], 1, 0, 1,
    ]);
  });

  it('sends nothing per object made and deleted within the task, only their count', () => {
    const sent: string[] = [];
    const tasks: (() => void)[] = [];
    let clock = 0;
    const e = new Emitter('abcdefabcdef', 1000, {
      send: (json) => sent.push(json), schedule: (cb) => tasks.push(cb), stringify: JSON.stringify, url: () => 'http://x/', clock: () => ++clock,
    });
    e.relayReady();
    const tracker = new Tracker(e);
    for (let i = 0; i < 200; i++) tracker.release(tracker.create({}, 'webgl.buffer', 1), 'deleted');
    tasks.shift()!();
    const ops = parseBatch(sent[0]!).ops;
    // No op went out during the task; the flush reads the clock once, for the churn.
    expect(ops).toEqual([Op.Time, 1, Op.Churn, B, 1, 0, 200]);
  });

  it('keeps the peak of a survivor whose size went up and down within the task', () => {
    const { tracker, sent, tasks } = harness();
    const st = tracker.create({}, 'webgl.texture', 1);
    tracker.size(st, 65536);
    tracker.size(st, 256);
    tasks.shift()!();
    expect(parseBatch(sent[0]!).ops).toEqual([Op.Time, 5, Op.Create, st.id, KIND_CODE['webgl.texture'], 1, Op.Size, st.id, 65536, Op.Size, st.id, 256]);
  });

  it('sends an object that lived across batches op by op', () => {
    const { tracker, sent, tasks } = harness();
    const st = tracker.create({}, 'webgl.buffer', 1);
    tasks.shift()!();
    tracker.release(st, 'deleted');
    tasks.shift()!();
    expect(parseBatch(sent[1]!).ops).toEqual([Op.Time, 5, Op.Release, st.id, 0]);
  });
});
