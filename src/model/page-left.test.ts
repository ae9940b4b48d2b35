import { describe, expect, it } from 'vitest';
import { liveAt, pageLeftAt } from './page-left';
import type { TraceEvent, TraceObject } from './trace-types';

const obj = (id: string, createdAt: number, releasedAt: number | null): TraceObject =>
  ({ id, kind: 'webgl.buffer', context: 'c', frame: 'f0:a', label: null, bytes: 1, peakBytes: 1, createdAt, releasedAt, releaseReason: releasedAt === null ? null : 'deleted', site: '' }) as unknown as TraceObject;

describe('pageLeftAt', () => {
  it('finds the start of the unload that ends a recording, across ticks and losses among it', () => {
    const events: TraceEvent[] = [
      { t: 1, op: 'create', id: 'b1', kind: 'webgl.buffer', context: 'c', frame: 'f0:a' },
      { t: 2, op: 'release', id: 'b1', reason: 'deleted' },
      { t: 5, op: 'tick', frame: 'f0:a' },
      { t: 900, op: 'context-lost', id: 'c' },
      { t: 900, op: 'loss', cause: 'flush', count: 1 },
      { t: 901, op: 'release', id: 'g1', reason: 'device-lost' },
    ];
    expect(pageLeftAt(events)).toBe(900);
  });

  it('is null for a recording that did not end in an unload', () => {
    expect(pageLeftAt([])).toBeNull();
    expect(pageLeftAt([{ t: 3, op: 'context-lost', id: 'c' }, { t: 4, op: 'create', id: 'b', kind: 'webgl.buffer', context: 'c', frame: 'f0:a' }, { t: 5, op: 'tick', frame: 'f0:a' }])).toBeNull();
  });
});

describe('liveAt', () => {
  it('keeps objects made by t and released at t or later', () => {
    const objects = [obj('before', 1, 5), obj('held', 1, null), obj('at', 2, 10), obj('after', 11, null), obj('edge', 10, 12)];
    expect(liveAt(objects, 10).map((o) => o.id)).toEqual(['held', 'at', 'edge']);
  });
});
