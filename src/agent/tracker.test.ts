import { describe, expect, it } from 'vitest';
import { KIND_CODE, Op, parseBatch } from '../model/model';
import { Emitter } from './emitter';
import { CHURN_CAPTURE_LIMIT, StackCapture } from './stack-capture';
import type { ObjState } from './obj-state';
import { Tracker } from './tracker';

function harness() {
  const sent: string[] = [];
  const tasks: (() => void)[] = [];
  const e = new Emitter('abcdefabcdef', 1000, {
    send: (json) => sent.push(json),
    schedule: (cb) => tasks.push(cb),
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
      Op.Time, 5, Op.Create, k.id, B, 1, 0, Op.Size, k.id, 64,
      Op.Churn, B, 1, 1024, 3, Op.Churn, KIND_CODE['webgl.texture'], 1, 0, 1,
    ]);
  });

  it('sends a survivor\'s shape after its Create, and a changed shape once at the end of a later task', () => {
    const { tracker, sent, tasks } = harness();
    const shapes = new Map<ObjState, string>();
    tracker.addShapeReader((st) => shapes.get(st));
    const a = tracker.create({}, 'webgl.buffer', 1);
    // A WebGL buffer keeps its binding point and usage in `extra`, as webgl-buffers.ts does.
    a.extra = 34962 * 0x10000 + 35044;
    shapes.set(a, 'B=34962 U=35044');
    const rb = tracker.create({}, 'webgl.renderbuffer', 1);
    rb.extra = 'F=32856 w=2 h=2 s=1';
    const gone = tracker.create({}, 'webgl.buffer', 1);
    shapes.set(gone, 'B=34962 U=35048');
    tracker.release(gone, 'deleted');
    tasks.shift()!();
    const first = parseBatch(sent[0]!);
    const str = (ref: number) => first.strings[ref - 1];
    const ops = first.ops;
    expect(ops.slice(0, 2)).toEqual([Op.Time, 5]);
    // a: Create, Shape; rb: Create, Shape from its own text; the deleted buffer: only its churn count.
    expect(ops[2]).toBe(Op.Create);
    expect(ops.slice(7, 9)).toEqual([Op.Shape, a.id]);
    expect(str(ops[9]!)).toBe('B=34962 U=35044');
    expect(ops.slice(15, 17)).toEqual([Op.Shape, rb.id]);
    expect(str(ops[17]!)).toBe('F=32856 w=2 h=2 s=1');
    expect(ops.slice(18)).toEqual([Op.Churn, B, 1, 0, 1]);
    // Reshaped three times in a task, to the same words once and to new ones: one Shape op, the new words.
    tracker.reshaped(a);
    tracker.reshaped(rb);
    shapes.set(a, 'B=34962 U=35048');
    tracker.reshaped(a);
    tasks.shift()!();
    const second = parseBatch(sent[1]!);
    expect(second.ops).toEqual([Op.Time, 5, Op.Shape, a.id, 1]);
    expect(second.strings).toEqual(['B=34962 U=35048']);
  });

  it('sends nothing per object made and deleted within the task, only their count', () => {
    const sent: string[] = [];
    const tasks: (() => void)[] = [];
    let clock = 0;
    const e = new Emitter('abcdefabcdef', 1000, {
      send: (json) => sent.push(json), schedule: (cb) => tasks.push(cb), clock: () => ++clock,
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
    expect(parseBatch(sent[0]!).ops).toEqual([Op.Time, 5, Op.Create, st.id, KIND_CODE['webgl.texture'], 1, 0, Op.Size, st.id, 65536, Op.Size, st.id, 256]);
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

describe('Tracker pending objects', () => {
  /** The ops of a batch with code `want`, each as its operands joined by ':', sorted. */
  function opsOf(json: string, want: number): string[] {
    const ops = parseBatch(json).ops;
    const arity = new Map<number, number>([[Op.Time, 1], [Op.Create, 4], [Op.Size, 2], [Op.Label, 2], [Op.Release, 2], [Op.Churn, 4]]);
    const out: string[] = [];
    for (let i = 0; i < ops.length; ) {
      const n = arity.get(ops[i]!);
      if (n === undefined) throw new Error(`unexpected op ${ops[i]}`);
      if (ops[i] === want) out.push(ops.slice(i + 1, i + 1 + n).join(':'));
      i += 1 + n;
    }
    return out.sort();
  }
  const churnOf = (json: string): string[] => opsOf(json, Op.Churn);

  it('finds every object made in the task, at the tail, by scan and through the index, until it dies', () => {
    const { tracker, sent, tasks } = harness();
    const objs = Array.from({ length: 20 }, () => ({}));
    const states = objs.map((o) => tracker.create(o, 'webgl.buffer', 1));
    // Lookups away from the tail, in a shuffled order (20 pending: past the linear scan, so the index).
    for (const i of [0, 19, 7, 3, 12, 18, 1]) expect(tracker.stateOf(objs[i])).toBe(states[i]);
    // Deaths in the middle and at the tail; later lookups of the dead find nothing.
    for (const i of [7, 19, 0, 18]) tracker.release(tracker.stateOf(objs[i])!, 'deleted');
    for (const i of [7, 19, 0, 18]) expect(tracker.stateOf(objs[i])).toBeUndefined();
    // A new object takes the freed tail slot and is found there and through the index.
    const late = {};
    const lateSt = tracker.create(late, 'webgl.buffer', 1);
    expect(tracker.stateOf(late)).toBe(lateSt);
    expect(tracker.stateOf(objs[12])).toBe(states[12]);
    tasks.shift()!();
    // 16 survivors plus the late one went out one by one; the 4 dead as one churn op.
    const survivors = [...states.filter((_, i) => ![7, 19, 0, 18].includes(i)), lateSt];
    expect(opsOf(sent[0]!, Op.Create)).toEqual(survivors.map((st) => `${st.id}:${B}:1:0`).sort());
    expect(churnOf(sent[0]!)).toEqual([`${B}:1:0:4`]);
    // After the flush the survivors are found by their stamp, the dead not at all.
    expect(tracker.stateOf(objs[12])).toBe(states[12]);
    expect(tracker.stateOf(late)).toBe(lateSt);
    expect(tracker.stateOf(objs[7])).toBeUndefined();
  });

  it('pendingN: nonzero from a create until the last pending object at the tail dies or the task flushes', () => {
    const { tracker, tasks } = harness();
    expect(tracker.pendingN).toBe(0);
    const a = tracker.create({}, 'webgl.buffer', 1);
    const b = tracker.create({}, 'webgl.buffer', 1);
    const c = tracker.create({}, 'webgl.buffer', 1);
    expect(tracker.pendingN).toBe(3);
    tracker.release(b, 'deleted'); // the middle: the list keeps its length
    expect(tracker.pendingN).toBe(3);
    tracker.release(c, 'deleted'); // the tail: the list ends after a
    expect(tracker.pendingN).toBe(2);
    const d = tracker.create({}, 'webgl.buffer', 1);
    expect(tracker.pendingN).toBe(3);
    tracker.release(d, 'deleted');
    tracker.release(a, 'deleted');
    expect(tracker.pendingN).toBe(2);
    tracker.create({}, 'webgl.buffer', 1);
    tasks.shift()!();
    expect(tracker.pendingN).toBe(0);
  });

  it('finds objects among a few pending ones by scanning, and ignores objects it never saw', () => {
    const { tracker } = harness();
    const a = {};
    const b = {};
    const c = {};
    const sa = tracker.create(a, 'webgl.texture', 1);
    const sb = tracker.create(b, 'webgl.texture', 1);
    const sc = tracker.create(c, 'webgl.texture', 1);
    expect(tracker.stateOf(a)).toBe(sa);
    expect(tracker.stateOf(b)).toBe(sb);
    expect(tracker.stateOf(c)).toBe(sc);
    expect(tracker.stateOf({})).toBeUndefined();
    expect(tracker.stateOf(null)).toBeUndefined();
    expect(tracker.stateOf(3)).toBeUndefined();
  });

  it('counts churn by kind, context and peak size, however the kinds interleave', () => {
    const { tracker, sent, tasks } = harness();
    const T = KIND_CODE['webgl.texture'];
    const churn = (kind: 'webgl.buffer' | 'webgl.texture', ctx: number, bytes: number): void => {
      const st = tracker.create({}, kind, ctx);
      tracker.size(st, bytes);
      tracker.release(st, 'deleted');
    };
    churn('webgl.buffer', 1, 1024);
    churn('webgl.texture', 1, 256);
    churn('webgl.buffer', 1, 1024);
    churn('webgl.buffer', 1, 512);
    churn('webgl.buffer', 2, 1024);
    churn('webgl.buffer', 1, 1024);
    churn('webgl.texture', 1, 256);
    tasks.shift()!();
    expect(churnOf(sent[0]!)).toEqual([`${B}:1:1024:3`, `${B}:1:512:1`, `${B}:2:1024:1`, `${T}:1:256:2`].sort());
  });
});

describe('Tracker creation stacks', () => {
  const here = new URL('.', import.meta.url).pathname;
  /** The string table entry a survivor's Create op refers to ('' for none). */
  function stackOf(json: string, id: number): string {
    const b = parseBatch(json);
    for (let i = 0; i < b.ops.length; i++) {
      if (b.ops[i] === Op.Create && b.ops[i + 1] === id) return b.ops[i + 4] === 0 ? '' : b.strings[b.ops[i + 4]! - 1]!;
    }
    throw new Error(`no Create of ${id}`);
  }

  it("sends a survivor's short stack, the page's frames only, the caller first", () => {
    const { tracker, sent, tasks } = harness();
    // The agent's own files (this folder) are the extension; the test's helpers below stand for the page.
    tracker.stacks = new StackCapture([here + 'tracker.ts', here + 'stack-capture.ts']);
    function loadScene(): ObjState {
      return tracker.create({}, 'webgl.texture', 1);
    }
    const st = loadScene();
    tasks.shift()!();
    const lines = stackOf(sent[0]!, st.id).split('\n');
    expect(lines[0]).toMatch(/^at loadScene \(.*tracker\.test\.ts:\d+:\d+\)$/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThanOrEqual(5);
    expect(lines.join('\n')).not.toMatch(/stack-capture\.ts|[/\\]tracker\.ts/);
  });

  it('pauses stacks for a kind once the task has churned 2 of it, and for that kind only', () => {
    const { tracker, sent, tasks } = harness();
    tracker.stacks = new StackCapture([here + 'tracker.ts', here + 'stack-capture.ts']);
    expect(CHURN_CAPTURE_LIMIT).toBe(2);
    tracker.release(tracker.create({}, 'webgl.buffer', 1), 'deleted');
    const before = tracker.create({}, 'webgl.buffer', 1);
    tracker.release(tracker.create({}, 'webgl.buffer', 1), 'deleted');
    const after = tracker.create({}, 'webgl.buffer', 1);
    const tex = tracker.create({}, 'webgl.texture', 1);
    tasks.shift()!();
    expect(stackOf(sent[0]!, before.id)).toMatch(/tracker\.test\.ts/);
    expect(stackOf(sent[0]!, after.id)).toBe('');
    expect(stackOf(sent[0]!, tex.id)).toMatch(/tracker\.test\.ts/);
    // A new task captures again.
    const next = tracker.create({}, 'webgl.buffer', 1);
    tasks.shift()!();
    expect(stackOf(sent[1]!, next.id)).toMatch(/tracker\.test\.ts/);
  });

  it("sets the page's Error.prepareStackTrace aside while it formats, and puts it back", () => {
    const { tracker, sent, tasks } = harness();
    tracker.stacks = new StackCapture([here + 'tracker.ts', here + 'stack-capture.ts']);
    let calls = 0;
    const pageHook = (): string => {
      calls++;
      return 'page text';
    };
    const E = Error as unknown as { prepareStackTrace?: unknown };
    const saved = E.prepareStackTrace;
    E.prepareStackTrace = pageHook;
    try {
      const st = tracker.create({}, 'webgl.buffer', 1);
      tasks.shift()!();
      expect(stackOf(sent[0]!, st.id)).toMatch(/tracker\.test\.ts/);
      expect(calls).toBe(0);
      expect(E.prepareStackTrace).toBe(pageHook);
    } finally {
      E.prepareStackTrace = saved;
    }
  });
});

describe('Tracker observers', () => {
  it('runs every task-end observer and first-context observer, and takes the first label a reader knows', () => {
    const { tracker, sent, tasks } = harness();
    const ends: string[] = [];
    tracker.addTaskEndObserver(() => ends.push('binds'));
    tracker.addTaskEndObserver(() => ends.push('other'));
    const firsts: string[] = [];
    tracker.addFirstContextObserver(() => firsts.push('ticks'));
    // One reader per API: each answers only for its own objects.
    const gpu = {};
    tracker.addLabelReader((o) => (o === gpu ? 'mesh-1' : undefined));
    tracker.addLabelReader(() => 'never read for gpu');
    tracker.context(1, 'webgpu', 'device 1', 0);
    tracker.context(2, 'webgl2', 'canvas#c', 0);
    tracker.create(gpu, 'webgpu.buffer', 1);
    tasks.shift()!();
    expect(ends).toEqual(['binds', 'other']);
    expect(firsts).toEqual(['ticks']);
    const b = parseBatch(sent[0]!);
    expect(b.strings).toContain('mesh-1');
    expect(b.strings).not.toContain('never read for gpu');
    // An observer added after the first context runs at once.
    tracker.addFirstContextObserver(() => firsts.push('late'));
    expect(firsts).toEqual(['ticks', 'late']);
  });
});
