import { describe, expect, it } from 'vitest';
import { badgeAlerts } from './badge-alerts';
import { SCENE, store, make } from './test-store';

describe('release-after-loss', () => {
  it('notes deletes after a context loss at info severity, which the badge leaves out', () => {
    const s = store();
    make(s, 0, 't1', 'webgl.texture', 64, SCENE);
    make(s, 0, 't2', 'webgl.texture', 64, SCENE);
    s.applyEvent({ t: 100, op: 'context-lost', id: 'c1' });
    s.applyEvent({ t: 200, op: 'release', id: 't1', reason: 'deleted' });
    s.applyEvent({ t: 210, op: 'release', id: 't2', reason: 'deleted' });
    const [a] = s.rules.active();
    expect(a).toMatchObject({ rule: 'release-after-loss', severity: 'info', count: 2, bytes: 128, context: 'c1' });
    expect(a!.message).toBe('2 textures released after webgl2 context on canvas#main was lost (created at scene.js:120:14): harmless no-ops, the browser had already freed them');
    expect(badgeAlerts(s.rules.alerts.values())).toEqual({ count: 0, error: false, worst: null });
  });
});
