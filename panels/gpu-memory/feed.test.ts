import { describe, expect, it } from 'vitest';
import { type BackgroundToPanel, KIND_CODE, Op, SessionStore } from '../../src/model/model';
import { Feed, MAX_PAST_RECORDINGS } from './feed';

const B = KIND_CODE['webgl.buffer'];
const emptyMeta = new SessionStore().toMeta({ userAgent: '', tool: '' });

/** A batch as the background forwards it: buffer `id` of `bytes`, made at 1 ms after `origin`. */
function batch(id: number, bytes: number, origin = 1000): BackgroundToPanel {
  const text = JSON.stringify({ v: 5, realm: 'aaaaaaaaaaaa', seq: id, origin, strings: [], ops: [Op.Time, 1, Op.Create, id, B, 1, 0, Op.Size, id, bytes] });
  return { type: 'batch', frameId: 0, url: 'http://x/', text };
}

const reset = (recording: string): BackgroundToPanel => ({ type: 'reset', meta: emptyMeta, pieces: 0, recording });

async function fed(messages: BackgroundToPanel[]): Promise<Feed> {
  const feed = new Feed(() => {});
  for (const m of messages) feed.push(m);
  await feed.idle();
  return feed;
}

describe('Feed recordings', () => {
  it('keeps the recording it had when a new page load starts, newest first', async () => {
    const feed = await fed([reset('load-1'), batch(1, 100), reset('load-2'), batch(1, 7), reset('load-3')]);
    expect(feed.past.map((p) => p.store.summary().totalBytes)).toEqual([7, 100]);
    expect(feed.store.objects.size).toBe(0);
  });

  it('replaces its copy when the same page load is sent again (a worker restart), and keeps nothing empty', async () => {
    const feed = await fed([reset(''), reset('load-1'), batch(1, 100), reset(''), batch(1, 100), reset('load-1'), batch(1, 100)]);
    expect(feed.past).toEqual([]);
    expect(feed.store.summary().totalBytes).toBe(100);
  });

  it('keeps a page load that began before the panel knew its id once a new one starts', async () => {
    const feed = await fed([reset(''), batch(1, 100), reset('load-2')]);
    expect(feed.past).toHaveLength(1);
  });

  it(`keeps at most ${MAX_PAST_RECORDINGS} earlier recordings and counts the ones it dropped`, async () => {
    const messages: BackgroundToPanel[] = [];
    for (let i = 1; i <= MAX_PAST_RECORDINGS + 3; i++) messages.push(reset(`load-${i}`), batch(1, i));
    const feed = await fed(messages);
    expect(feed.past.map((p) => p.store.summary().totalBytes)).toEqual([7, 6, 5, 4, 3]);
    expect(feed.droppedRecordings).toBe(2);
  });
});

describe('Feed snapshots', () => {
  const snap = (id: string): BackgroundToPanel => ({ type: 'events', events: [{ t: 5, op: 'snapshot', id, name: id }] });
  const synced: BackgroundToPanel = { type: 'synced' };

  it('counts the snapshots a restarted worker no longer has, and none a resubscribe brings back', async () => {
    const feed = await fed([reset('load-1'), synced, batch(1, 100), snap('s1'), snap('s2')]);
    expect(feed.store.snapshots).toHaveLength(2);
    // A resubscribe: the same recording, its snapshots in its history.
    for (const m of [reset('load-1'), batch(1, 100), snap('s1'), snap('s2'), synced]) feed.push(m);
    await feed.idle();
    expect(feed.lostSnapshots).toBe(0);
    // A worker restart: the page's batches come back, the snapshots do not.
    for (const m of [reset('load-1'), batch(1, 100), synced]) feed.push(m);
    await feed.idle();
    expect(feed.lostSnapshots).toBe(2);
    // A new page load starts the count again.
    for (const m of [reset('load-2'), synced]) feed.push(m);
    await feed.idle();
    expect(feed.lostSnapshots).toBe(0);
  });
});

describe('Feed while the panel is hidden', () => {
  it('holds messages unapplied, and applies them in order when shown', async () => {
    const feed = await fed([reset('load-1'), batch(1, 100)]);
    feed.setPaused(true);
    feed.push(batch(2, 50));
    await feed.idle();
    expect(feed.store.summary().totalBytes).toBe(100);
    feed.setPaused(false);
    await feed.idle();
    expect(feed.store.summary().totalBytes).toBe(150);
  });

  it('drops what it cannot hold and asks for the whole recording again when shown', async () => {
    let asked = 0;
    const feed = new Feed(() => {}, () => asked++);
    feed.push(reset('load-1'));
    await feed.idle();
    feed.setPaused(true);
    // 33 MiB of batches: past the bound of 32 MiB.
    const big: BackgroundToPanel = { type: 'batch', frameId: 0, url: 'http://x/', text: 'x'.repeat(1024 * 1024) };
    for (let i = 0; i < 33; i++) feed.push(big);
    feed.push(batch(1, 7));
    expect(asked).toBe(0);
    feed.setPaused(false);
    await feed.idle();
    expect(asked).toBe(1);
    // Nothing of what was dropped was applied: the history that follows the resubscribe brings it all.
    expect(feed.store.objects.size).toBe(0);
  });
});
