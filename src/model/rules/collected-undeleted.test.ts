import { describe, expect, it } from 'vitest';
import { SCENE, F, store, make } from './test-store';

describe('collected-undeleted', () => {
  it('reports objects the GC took without delete or destroy, with the bytes they held, per site', () => {
    const s = store();
    s.applyEvent({ t: 0, op: 'context', id: 'd1', api: 'webgpu', canvas: 'device 1', offscreen: false, frame: F });
    make(s, 100, 'g1', 'webgpu.buffer', 1_048_576, SCENE, 'd1');
    make(s, 100, 'g2', 'webgpu.buffer', 1_048_576, SCENE, 'd1');
    make(s, 100, 'bg', 'webgpu.bindGroup', 0, SCENE, 'd1');
    make(s, 100, 'db', 'webgl.drawingBuffer', 1000);
    make(s, 200, 'g3', 'webgpu.buffer', 512, SCENE, 'd1');
    s.applyEvent({ t: 3100, op: 'release', id: 'g3', reason: 'deleted' });
    for (const id of ['g1', 'g2', 'bg', 'db']) s.applyEvent({ t: 3200, op: 'release', id, reason: 'collected' });
    const [a] = s.rules.active();
    expect(s.rules.active()).toHaveLength(1);
    expect(a).toMatchObject({ key: `collected-undeleted|${SCENE.split('\n')[0]}`, severity: 'warning', count: 2, bytes: 2_097_152, t: 3200, objects: ['g1', 'g2'] });
    expect(a!.message).toBe('2 GPU buffers, 2.00 MiB, created at scene.js:120:14, were reclaimed by the garbage collector without destroy() (first at 3.2 s into the recording)');
  });

  it('says delete for WebGL objects', () => {
    const s = store();
    make(s, 0, 't', 'webgl.texture', 64);
    s.applyEvent({ t: 500, op: 'release', id: 't', reason: 'collected' });
    expect(s.rules.active()[0]!.message).toBe('1 texture, 64 B, created at an unknown site, were reclaimed by the garbage collector without delete (first at 0.5 s into the recording)');
  });
});
