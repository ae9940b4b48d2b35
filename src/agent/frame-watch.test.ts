import { describe, expect, it } from 'vitest';
import { Op, parseBatch } from '../model/model';
import { Emitter } from './emitter';
import { FrameWatch, RAF_IDLE_MS } from './frame-watch';
import { Use } from './obj-state';
import type { ObjState } from './obj-state';
import { Tracker } from './tracker';

function harness() {
  const sent: string[] = [];
  const tasks: (() => void)[] = [];
  let now = 0;
  const e = new Emitter('abcdefabcdef', 1000, {
    send: (json) => sent.push(json),
    schedule: (cb) => tasks.push(cb),
    clock: () => now,
  });
  e.relayReady();
  const tracker = new Tracker(e);
  const errors: unknown[] = [];
  const frames = new FrameWatch(e, () => now, (err) => errors.push(err));
  tracker.frames = frames;
  /** Ends the task: the flush materializes the task's objects (and, without rAF frames, ends a frame). */
  const endTask = (): void => {
    while (tasks.length) tasks.shift()!();
  };
  /** The Unused and Used ops sent since the last call. */
  const ops = (): number[] => {
    const out: number[] = [];
    for (const json of sent.splice(0)) {
      const a = parseBatch(json).ops;
      for (let i = 0; i < a.length; ) {
        const n = a[i] === Op.Time ? 2 : a[i] === Op.Unused ? 4 : a[i] === Op.Used ? 2 : a[i] === Op.Create ? 5 : a[i] === Op.Size ? 3 : a[i] === Op.Release ? 3 : 1;
        if (a[i] === Op.Unused || a[i] === Op.Used) out.push(...a.slice(i, i + n));
        i += n;
      }
    }
    return out;
  };
  /** Runs `n` rAF frames, 16 ms apart, each a task; `body` runs inside frame k's callback. */
  const rafFrames = (n: number, body: (k: number) => void = () => {}): void => {
    for (let k = 0; k < n; k++) {
      now += 16;
      frames.rafStart(now, frames.frame);
      body(k);
      frames.inRaf = false;
      endTask();
    }
  };
  return { tracker, frames, ops, endTask, rafFrames, errors, advance: (ms: number) => (now += ms) };
}

describe('FrameWatch', () => {
  it('watches only objects that hold memory, made after the first frame began', () => {
    const { tracker, frames, rafFrames } = harness();
    const setup = tracker.create({}, 'webgl.texture', 1);
    rafFrames(1);
    const tex = tracker.create({}, 'webgl.texture', 1);
    const fb = tracker.create({}, 'webgl.framebuffer', 1);
    expect([setup.use, tex.use, fb.use]).toEqual([Use.None, Use.Watched, Use.None]);
    expect(tex.frame).toBe(1);
    expect(frames.watching).toBe(1);
  });

  it('reports an object unused for `grace` frames after its own, once, and a later use', () => {
    const { tracker, frames, ops, rafFrames } = harness();
    frames.grace = 3;
    rafFrames(1);
    const obj = {};
    let st!: ObjState;
    rafFrames(1, () => {
      st = tracker.create(obj, 'webgl.texture', 1);
      frames.use(st); // its own frame: no use
    });
    ops();
    // Made in frame 2; frames 3, 4 and 5 pass unused; the boundary into frame 6 judges it.
    rafFrames(3);
    expect(ops()).toEqual([]);
    rafFrames(1);
    expect(ops()).toEqual([Op.Unused, st.id, 2, 3]);
    expect(st.use).toBe(Use.Flagged);
    rafFrames(5);
    expect(ops()).toEqual([]);
    frames.use(tracker.stateOf(obj)!);
    expect(ops()).toEqual([]); // not flushed yet
    rafFrames(1);
    expect(ops()).toEqual([Op.Used, st.id]);
    expect(frames.watching).toBe(0);
  });

  it('ends the watch on a use in any later frame, directly or through a container that holds it', () => {
    const { tracker, frames, ops, rafFrames } = harness();
    frames.grace = 2;
    rafFrames(1);
    let direct!: ObjState;
    let held!: ObjState;
    let vao!: ObjState;
    rafFrames(1, () => {
      direct = tracker.create({}, 'webgl.buffer', 1);
      held = tracker.create({}, 'webgl.buffer', 1);
      vao = tracker.create({}, 'webgl.vertexArray', 1);
      frames.hold(vao, held);
    });
    rafFrames(1, () => {
      frames.use(direct);
      frames.use(vao);
    });
    rafFrames(5);
    expect(ops()).toEqual([]);
    expect([direct.use, held.use, frames.watching]).toEqual([Use.None, Use.None, 0]);
  });

  it('asks once, when the frame after its own is over, whether a watched object is still bound', () => {
    const { tracker, frames, ops, rafFrames } = harness();
    frames.grace = 4;
    const asked: number[] = [];
    let bound = new Set<ObjState>();
    frames.addBoundSource((ctx) => {
      asked.push(ctx);
      return bound;
    });
    rafFrames(1);
    let kept!: ObjState;
    let dropped!: ObjState;
    rafFrames(1, () => {
      kept = tracker.create({}, 'webgl.texture', 7);
      dropped = tracker.create({}, 'webgl.texture', 7);
    });
    bound = new Set([kept]);
    rafFrames(1);
    expect(asked).toEqual([]); // frame 3 has only begun: frame 2's objects are judged when it ends
    rafFrames(1);
    expect(asked).toEqual([7]); // one query for both objects of context 7
    expect([kept.use, dropped.use]).toEqual([Use.None, Use.Watched]);
    rafFrames(3);
    expect(asked).toEqual([7]);
    expect(ops()).toEqual([Op.Unused, dropped.id, 2, 4]);
  });

  it('counts one frame per rendering update, however many callbacks share it', () => {
    const { frames } = harness();
    // Two callbacks requested before the first frame run in one update, at one time.
    frames.rafStart(16, 0);
    frames.rafStart(16, 0);
    expect(frames.frame).toBe(1);
    // Requested during frame 1, so in a later update: a frame, though Chromium passed the same time.
    frames.rafStart(16, 1);
    expect(frames.frame).toBe(2);
    // Requested during frame 1 too, but run in the same update as the one before (same time).
    frames.rafStart(16, 1);
    expect(frames.frame).toBe(2);
    // A new time is a new update, wherever the callback was requested.
    frames.rafStart(32, 1);
    expect(frames.frame).toBe(3);
    expect(frames.rafMode).toBe(true);
  });

  it('without rAF frames for RAF_IDLE_MS, counts a frame per task that made GPU calls, not the agent\'s own tasks', () => {
    const { tracker, frames, endTask, advance } = harness();
    frames.rafStart(16, 0);
    tracker.create({}, 'webgl.texture', 1);
    endTask();
    expect(frames.frame).toBe(1); // rAF frames are recent: a task is no frame
    advance(RAF_IDLE_MS);
    tracker.create({}, 'webgl.texture', 1);
    endTask();
    expect([frames.frame, frames.rafMode]).toEqual([2, false]);
    tracker.tick(); // an agent tick: a flush with no page call
    endTask();
    expect(frames.frame).toBe(2);
  });

  it('an asynchronous startup spread over tasks is no frame loop: nothing it made is reported', () => {
    const { tracker, frames, ops, endTask, rafFrames, advance } = harness();
    frames.grace = 5;
    // Placeholders made 20 ms apart in five tasks (awaits between them), then a rAF loop.
    const made: ObjState[] = [];
    for (let i = 0; i < 5; i++) {
      advance(20);
      made.push(tracker.create({}, 'webgpu.texture', 1));
      endTask();
    }
    expect(frames.frame).toBe(0);
    expect(made.map((m) => m.use)).toEqual([0, 0, 0, 0, 0]);
    rafFrames(20);
    expect(ops()).toEqual([]);
  });

  it('a startup longer than RAF_IDLE_MS: the first rAF frame ends the watch of what its task frames made', () => {
    const { tracker, frames, ops, endTask, rafFrames, advance } = harness();
    frames.grace = 5;
    const made: ObjState[] = [];
    for (let i = 0; i < 5; i++) {
      advance(600);
      made.push(tracker.create({}, 'webgpu.texture', 1));
      endTask();
    }
    // The first GPU task ends at 600 ms; the task ending at 1 800 ms is the first frame, so the objects of
    // the tasks at 2 400 and 3 000 ms were made in frames 1 and 2.
    expect(frames.frame).toBe(3);
    expect(made.map((m) => m.use)).toEqual([Use.None, Use.None, Use.None, Use.Watched, Use.Watched]);
    rafFrames(1);
    expect(made.map((m) => m.use)).toEqual([0, 0, 0, 0, 0]);
    expect(frames.watching).toBe(0);
    rafFrames(20);
    expect(ops()).toEqual([]);
  });

  it('a timer loop with no rAF: frames begin RAF_IDLE_MS after its first GPU task, and its leak is reported', () => {
    const { tracker, frames, ops, endTask, advance } = harness();
    frames.grace = 5;
    const made: ObjState[] = [];
    for (let i = 0; i < 100; i++) {
      advance(16);
      made.push(tracker.create({}, 'webgl.texture', 1));
      endTask();
    }
    // The first GPU task ends at 16 ms; the 64th, ending at 1 024 ms, is the first task 1 s later: the first
    // frame. Its object and those before were made while no frame had begun.
    expect(made.slice(0, 64).every((m) => m.frame === -1)).toBe(true);
    expect(made[64]!.frame).toBe(1);
    expect(frames.frame).toBe(37);
    // Objects of frames 1 to 31 were unused in the 5 frames after their own by the end of frame 36.
    const unused = ops();
    expect(unused.length / 4).toBe(31);
    expect(unused.slice(0, 4)).toEqual([Op.Unused, made[64]!.id, 1, 5]);
  });

  it('forgets objects released, collected with their context, or used before their verdict', () => {
    const { tracker, frames, ops, rafFrames } = harness();
    frames.grace = 1;
    rafFrames(1);
    let a!: ObjState;
    let b!: ObjState;
    let churn!: ObjState;
    rafFrames(1, () => {
      a = tracker.create({}, 'webgpu.buffer', 3);
      b = tracker.create({}, 'webgpu.texture', 4);
      churn = tracker.create({}, 'webgpu.buffer', 3);
      tracker.release(churn, 'deleted');
    });
    expect(frames.watching).toBe(2);
    tracker.release(a, 'deleted');
    tracker.cascade(4, 'device-destroyed');
    expect([a.use, b.use, churn.use, frames.watching]).toEqual([Use.None, Use.None, Use.None, 0]);
    rafFrames(4);
    expect(ops().filter((x) => x === Op.Unused)).toEqual([]);
  });
});
