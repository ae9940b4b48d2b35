import { describe, expect, it } from 'vitest';
import { make, store } from './rules/test-store';
import { allocatedIn } from './time-range';

describe('allocatedIn', () => {
  // a: 100, freed 150. b: 200, freed 400. c: 300, live. d: 500, live. e: 250, freed 300 (at the range's end).
  const s = store();
  make(s, 100, 'a', 'webgl.buffer', 16);
  make(s, 200, 'b', 'webgl.buffer', 16);
  make(s, 250, 'e', 'webgl.buffer', 16);
  make(s, 300, 'c', 'webgl.buffer', 16);
  s.applyEvent({ t: 150, op: 'release', id: 'a', reason: 'deleted' });
  s.applyEvent({ t: 300, op: 'release', id: 'e', reason: 'deleted' });
  s.applyEvent({ t: 400, op: 'release', id: 'b', reason: 'deleted' });
  make(s, 500, 'd', 'webgl.buffer', 16);
  const ids = (from: number, to: number, at: number | null): string[] => allocatedIn(s.objects.values(), from, to, at).map((o) => o.id);

  it('keeps those made in the range and live at its end', () => {
    // e was released at 300, the range's last moment: not live at its end.
    expect(ids(100, 300, 300)).toEqual(['b', 'c']);
    expect(ids(200, 300, 300)).toEqual(['b', 'c']);
  });
  it('or live now', () => {
    expect(ids(100, 300, null)).toEqual(['c']);
    expect(ids(0, 1000, null)).toEqual(['c', 'd']);
  });
});
