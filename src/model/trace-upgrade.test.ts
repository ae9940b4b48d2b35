import { describe, expect, it } from 'vitest';
import { make, store } from './rules/test-store';
import { SessionStore } from './session-store';
import { TRACE_VERSION } from './trace-types';
import { type TraceV1, TraceVersionError, upgradeTrace } from './trace-upgrade';

const SITE = 'at loop (https://app.example/js/loop.js:12:5)';

/** A recording with an outlived-frame alert and a late canvas texture, as a current trace. */
function recorded() {
  const s = store();
  for (const [i, id] of ['a', 'b', 'c'].entries()) make(s, 100 + 16 * i, id, 'webgl.texture', 1024, SITE);
  make(s, 2090, 'd', 'webgl.texture', 1024, SITE);
  for (const [i, id] of ['a', 'b', 'c'].entries()) s.applyEvent({ t: 2100 + 16 * i, op: 'unused', id, animationFrame: 10 + i, animationFrames: 120 });
  make(s, 2200, 'ct', 'webgpu.canvasTexture', 0);
  s.applyEvent({ t: 2300, op: 'late-texture', id: 'ct', animationFrames: 5 });
  return s.toTrace({ userAgent: 'ua', tool: 'test' });
}

describe('upgradeTrace', () => {
  it('opens a version 1 trace, whose unused and late-texture events named animation frames "frame(s)", with the same alerts', () => {
    const now = recorded();
    expect(now.version).toBe(TRACE_VERSION);
    expect(now.alerts.map((a) => a.rule)).toEqual(['outlived-frame', 'outlived-frame']);
    // The same recording as version 1 wrote it.
    const v1: TraceV1 = {
      ...now,
      version: 1,
      events: now.events.map((e) =>
        e.op === 'unused' ? { t: e.t, op: e.op, id: e.id, frame: e.animationFrame, frames: e.animationFrames }
          : e.op === 'late-texture' ? { t: e.t, op: e.op, id: e.id, frames: e.animationFrames }
            : e,
      ),
    };
    const up = upgradeTrace(JSON.parse(JSON.stringify(v1)) as TraceV1);
    expect(up.version).toBe(TRACE_VERSION);
    expect(up.events).toEqual(now.events);
    expect(SessionStore.fromTrace(v1).rules.active()).toEqual(SessionStore.fromTrace(now).rules.active());
  });

  it('opens a version 2 trace as it is: version 3 only added the snapshot event', () => {
    const now = recorded();
    const v2 = { ...now, version: 2 } as unknown as TraceV1;
    const up = upgradeTrace(v2);
    expect(up.version).toBe(3);
    expect(up.events).toBe(now.events);
  });

  it('passes a current trace through untouched', () => {
    const now = recorded();
    expect(upgradeTrace(now)).toBe(now);
  });

  it('refuses a version it does not know, saying which it reads', () => {
    const future = { ...recorded(), version: 99 } as unknown as TraceV1;
    expect(() => upgradeTrace(future)).toThrow(TraceVersionError);
    expect(() => upgradeTrace(future)).toThrow(`trace version 99 is not one this tool reads (1 to ${TRACE_VERSION})`);
  });
});
