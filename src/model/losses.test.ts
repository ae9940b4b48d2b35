import { describe, expect, it } from 'vitest';
import { lossLine, lossLines, LossTally } from './losses';
import { SessionStore } from './session-store';

describe('LossTally', () => {
  it('adds counts per cause and reason, in the order first seen', () => {
    const t = new LossTally();
    t.add('rejected', 3, 'too many strings');
    t.add('missing', 2);
    t.add('rejected', 1, 'too many strings');
    t.add('rejected', 4, 'bad kind');
    t.add('missing', 0);
    expect(t.list()).toEqual([
      { cause: 'rejected', reason: 'too many strings', count: 4 },
      { cause: 'missing', count: 2 },
      { cause: 'rejected', reason: 'bad kind', count: 4 },
    ]);
    expect(t.total('rejected')).toBe(8);
    expect(t.total()).toBe(10);
  });
});

describe('lossLine', () => {
  it('says each loss in plain words with its unit and count', () => {
    expect(lossLine({ cause: 'rejected', reason: 'too many strings', count: 4 })).toBe('4 batches rejected: too many strings');
    expect(lossLine({ cause: 'refused', reason: 'its realm belongs to another document', count: 1 })).toBe(
      '1 batch refused: its realm belongs to another document',
    );
    expect(lossLine({ cause: 'replay', count: 90_000 })).toMatch(/^90,000 batches lost when the extension's service worker restarted/);
    expect(lossLine({ cause: 'flush', count: 2 })).toMatch(/^2 frames did not answer an export's flush within 2 s/);
  });
});

describe('lossLines', () => {
  it('is empty for a recording that lost nothing', () => {
    expect(lossLines(new SessionStore().toMeta({ userAgent: 'ua', tool: 't' }))).toEqual([]);
  });
  it('lists the transport\'s losses, then the store\'s bounds', () => {
    const s = new SessionStore();
    s.applyEvent({ t: 1, op: 'loss', cause: 'rejected', reason: 'string too long', count: 2 });
    s.applyEvent({ t: 2, op: 'dropped', frame: 'f0:aaaaaaaaaaaa', count: 3 });
    const meta = s.toMeta({ userAgent: 'ua', tool: 't' });
    meta.droppedObjects = 5;
    expect(lossLines(meta)).toEqual([
      '2 batches rejected: string too long',
      '3 batches dropped by the page agent while no relay answered (it holds 16 MiB)',
      '5 released objects forgotten, the oldest first (bound of 100,000)',
    ]);
  });
});
