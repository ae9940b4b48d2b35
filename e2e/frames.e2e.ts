// The agent runs in srcdoc and about:blank frames too, and attributes each object to its own frame.
import { expect, it } from 'vitest';
import { exportTrace, sessions, summary, useBrowser, waitFor } from './helpers';

const env = useBrowser();

it('records objects made in srcdoc and about:blank frames, each in its frame', async () => {
  const { h, server } = env;
  const page = await h.context.newPage();
  await page.goto(`${server.url}frames.html`);
  await waitFor(() => page.evaluate('window.done === true'), (d) => d === true, 'both frames allocated');
  // The top document makes no WebGL call, so the session is known by its frames, not by the top URL.
  const tabId = (await waitFor(() => sessions(h), (l) => l.length === 1 && l[0]!.frames === 2, 'a session with two frames'))[0]!.tabId;
  const s = await waitFor(() => summary(h, tabId), (x) => x?.live['webgl.buffer']?.count === 2, 'two buffers');
  expect(s!.live['webgl.buffer']).toEqual({ count: 2, bytes: 384 });
  const trace = await exportTrace(h, tabId);
  const buffers = trace.objects.filter((o) => o.kind === 'webgl.buffer');
  const frameOf = (id: string) => trace.meta.frames.find((f) => f.id === id)!;
  const byBytes = Object.fromEntries(buffers.map((b) => [b.bytes, frameOf(b.frame)]));
  expect(byBytes[128]!.url).toBe('about:srcdoc');
  expect(byBytes[128]!.frameId).toBeGreaterThan(0);
  expect(byBytes[256]!.url).toBe('about:blank');
  expect(byBytes[256]!.frameId).toBeGreaterThan(0);
  expect(byBytes[256]!.frameId).not.toBe(byBytes[128]!.frameId);
});
