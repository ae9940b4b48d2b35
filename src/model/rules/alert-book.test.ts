import { describe, expect, it } from 'vitest';
import { badgeAlerts } from './badge-alerts';
import { SessionStore } from '../session-store';
import type { Trace, TraceEvent } from '../trace-types';
import { F, HUD, SCENE, make, store, tick } from './test-store';
import { AlertBook } from './alert-book';
import { DEFAULT_RULE_SETTINGS } from './rule-settings';
import type { TraceObject } from '../trace-types';

describe('alerts in traces', () => {
  it('an exported trace carries the alerts, and importing it computes the same ones', () => {
    const s = store();
    make(s, 20, 't1', 'webgl.texture', 4096, SCENE);
    make(s, 20, 'g', 'webgl.buffer', 16, HUD);
    s.applyEvent({ t: 30, op: 'release', id: 'g', reason: 'collected' });
    s.applyEvent({ t: 1000, op: 'canvas', id: 'c1', state: 'removed' });
    tick(s, 7000);
    const trace = s.toTrace({ userAgent: 'ua', tool: 't' });
    expect(trace.alerts.map((a) => a.rule).sort()).toEqual(['collected-undeleted', 'outlived-canvas']);
    const back = SessionStore.fromTrace(trace);
    expect(back.toTrace({ userAgent: 'ua', tool: 't' }).alerts).toEqual(trace.alerts);
    // With the thresholds it was recorded with: a 1 s grace gives an alert that a default store would not.
    const quick = store({ canvasGraceMs: 1000 });
    make(quick, 20, 't1', 'webgl.texture', 4096, SCENE);
    quick.applyEvent({ t: 1000, op: 'canvas', id: 'c1', state: 'removed' });
    tick(quick, 2500);
    const qt = quick.toTrace({ userAgent: 'ua', tool: 't' });
    expect(qt.meta.rules).toMatchObject({ canvasGraceMs: 1000 });
    expect(qt.alerts).toHaveLength(1);
    expect(SessionStore.fromTrace(qt).toTrace({ userAgent: 'ua', tool: 't' }).alerts).toEqual(qt.alerts);
    // A trace whose rules are not numbers (a file is not bound by our types) falls back to the defaults.
    const bad = { ...qt, meta: { ...qt.meta, rules: { canvasGraceMs: 'soon' } } } as unknown as Trace;
    expect(SessionStore.fromTrace(bad).rules.settings.canvasGraceMs).toBe(5000);
    expect(badgeAlerts(trace.alerts)).toMatchObject({ count: 2, error: true, worst: { rule: 'outlived-canvas' } });
  });
});

describe('bounds', () => {
  it('keeps at most maxAlerts alerts and counts the ones it did not raise', () => {
    const s = store({ maxAlerts: 2 });
    for (let i = 1; i <= 4; i++) {
      make(s, i, `o${i}`, 'webgl.buffer', 16, `at f${i} (https://x/gen${i}.js:1:1)`);
      s.applyEvent({ t: 10 + i, op: 'release', id: `o${i}`, reason: 'collected' });
    }
    expect(s.rules.alerts.size).toBe(2);
    expect(s.rules.droppedAlerts).toBe(2);
    expect(s.toTrace({ userAgent: 'ua', tool: 't' }).meta.droppedAlerts).toBe(2);
  });

  it('follows at most maxGroups creation sites and counts the objects it could not group', () => {
    const s = store({ maxGroups: 2 });
    const ev = (i: number): TraceEvent => ({ t: i, op: 'create', id: `o${i}`, kind: 'webgl.buffer', context: 'c1', frame: F, stack: `at f${i} (https://x/a.js:${i}:1)` });
    for (let i = 1; i <= 5; i++) s.applyEvent(ev(i));
    expect(s.rules.droppedGroups).toBe(3);
  });
});

describe('AlertBook', () => {
  const settings = { ...DEFAULT_RULE_SETTINGS, maxAlerts: 2, maxResolved: 1, maxAlertObjects: 2 };
  const obj = (id: string, kind: TraceObject['kind'], bytes: number): TraceObject =>
    ({ id, kind, bytes, peakBytes: bytes, context: 'c1', frame: F, createdAt: 0, releasedAt: null, site: 'at a (x.js:1:1)' }) as TraceObject;

  it('tallies objects one by one, per kind, listing at most maxAlertObjects ids', () => {
    const book = new AlertBook(settings);
    book.tally('k', obj('a', 'webgl.buffer', 10), 5, 'collected-undeleted', 'warning');
    book.tally('k', obj('b', 'webgl.buffer', 20), 6, 'collected-undeleted', 'warning');
    const a = book.tally('k', obj('c', 'webgl.texture', 30), 7, 'collected-undeleted', 'warning');
    expect(a).toMatchObject({ count: 3, bytes: 60, objects: ['a', 'b'], t: 5, updatedAt: 7, site: 'at a (x.js:1:1)' });
    expect([...book.kinds('k')]).toEqual([['webgl.buffer', 2], ['webgl.texture', 1]]);
  });

  it('refuses a new key past maxAlerts and counts it, never an existing one', () => {
    const book = new AlertBook(settings);
    book.tally('a', obj('a', 'webgl.buffer', 1), 0, 'collected-undeleted', 'warning');
    book.tally('b', obj('b', 'webgl.buffer', 1), 0, 'collected-undeleted', 'warning');
    expect(book.refuse('a')).toBe(false);
    expect(book.refuse('c')).toBe(true);
    expect(book.refuse('d')).toBe(true);
    expect(book.droppedAlerts).toBe(2);
  });

  it('resolves, opens again under the same key, and keeps only the newest maxResolved resolved', () => {
    const book = new AlertBook(settings);
    const a = book.tally('a', obj('a', 'webgl.buffer', 1), 0, 'collected-undeleted', 'warning');
    const b = book.tally('b', obj('b', 'webgl.buffer', 1), 0, 'collected-undeleted', 'warning');
    book.resolve(a, 10);
    expect(a).toMatchObject({ resolvedAt: 10, updatedAt: 10 });
    expect(book.active()).toEqual([b]);
    book.unresolve(a);
    expect(book.active()).toEqual([a, b]);
    book.resolve(a, 20);
    book.resolve(b, 30);
    // maxResolved 1: the older resolved alert leaves the book.
    expect([...book.alerts.keys()]).toEqual(['b']);
  });
});

describe('LeakRules', () => {
  it('forgets every alert and group on reset, as a new recording', () => {
    const s = store({ growthSlotMs: 100, growthSlots: 2, growthMinObjects: 2 });
    for (let i = 0; i < 8; i++) make(s, i * 60, `b${i}`, 'webgl.buffer', 4, SCENE);
    tick(s, 600);
    expect(s.rules.active().map((a) => a.rule)).toEqual(['steady-growth']);
    s.rules.reset();
    expect(s.rules.alerts.size).toBe(0);
    tick(s, 1000);
    expect(s.rules.active()).toEqual([]);
  });
});
