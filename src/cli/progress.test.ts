import { describe, expect, it } from 'vitest';
import { progressLine, ProgressReporter, type ProgressState } from './progress';

const at = (elapsedMs: number, over: Partial<ProgressState> = {}): ProgressState => ({ elapsedMs, totalMs: 10_000, bytes: 3 * 1048576, objects: 140, alerts: 0, pending: 0, ...over });

describe('progress', () => {
  it('says elapsed and planned time, live bytes and objects, alerts and pending ones', () => {
    expect(progressLine(at(2500))).toBe('recording 2.5 / 10.0 s · 3.00 MiB in 140 live objects · 0 alerts');
    expect(progressLine(at(7000, { alerts: 1, pending: 2, totalMs: 12_300 }))).toBe('recording 7.0 / 12.3 s · 3.00 MiB in 140 live objects · 1 alert, 2 pending');
  });

  it('updates one line in place on a terminal, and ends it', () => {
    const out: string[] = [];
    const r = new ProgressReporter({ isTTY: true, write: (t) => out.push(t) }, false);
    r.update(at(500));
    r.update(at(1000));
    r.done();
    expect(out).toEqual([`\r${progressLine(at(500))}\x1b[K`, `\r${progressLine(at(1000))}\x1b[K`, '\n']);
  });

  it('writes a line every 5 s to a log, and nothing when quiet', () => {
    const out: string[] = [];
    const r = new ProgressReporter({ isTTY: false, write: (t) => out.push(t) }, false);
    for (let ms = 0; ms <= 12_000; ms += 500) r.update(at(ms));
    r.done();
    expect(out).toEqual([5000, 10_000].map((ms) => `${progressLine(at(ms))}\n`));
    // An alert turning pending, then active, gets a line of its own between the 5 s ones.
    const changes: string[] = [];
    const c = new ProgressReporter({ isTTY: false, write: (t) => changes.push(t) }, false);
    const states = [at(500), at(3500, { pending: 1 }), at(6000, { pending: 1 }), at(8500, { alerts: 1 }), at(9000, { alerts: 1 }), at(13_500, { alerts: 1 })];
    for (const st of states) c.update(st);
    expect(changes).toEqual([states[1], states[3], states[5]].map((st) => `${progressLine(st!)}\n`));
    const quiet: string[] = [];
    const q = new ProgressReporter({ isTTY: true, write: (t) => quiet.push(t) }, true);
    q.update(at(0));
    q.done();
    expect(quiet).toEqual([]);
  });
});
