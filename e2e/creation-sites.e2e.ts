// Creation sites in the page's own code: three.js, Babylon.js and PixiJS (served from node_modules, as an
// app's bundler or import map would) create their GPU objects up to 25 frames below the page's call; each
// object's site is that call in the page's file, and the library frame it went through is kept beside it.
// Babylon.js makes two uniform buffers in its own coroutines, which no page frame reaches.
import { describe, expect, it } from 'vitest';
import { exportTrace, tabOf, useBrowser, waitFor } from './helpers';

describe('creation sites through libraries', () => {
  const env = useBrowser();

  async function sitesOf(file: string, minObjects: number) {
    const url = `${env.server.url}libs/${file}`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    await page.waitForFunction('window.__result !== undefined', null, { timeout: 60_000 });
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => x.objects.filter((o) => o.stack).length >= minObjects, `the objects of ${file}`);
    await page.close();
    const withStack = t.objects.filter((o) => o.stack);
    const inPage = withStack.filter((o) => (o.site ?? '').includes(`/libs/${file}:`));
    const skipped = withStack.map((o) => Number(/\u2026 (\d+) library frames?/.exec(o.stack!)?.[1] ?? 0));
    return { withStack, inPage, deepest: Math.max(...skipped) };
  }

  it.each([
    // [file, objects with a stack at least, of them in the page's file at least, the most library frames
    // between an object's creation and the page's call, as measured on these library versions]
    ['three.html', 14, 14, 8],
    ['babylon.html', 17, 15, 25],
    ['pixi.html', 7, 7, 11],
  ])('%s: objects are created at lines of the page, through the library', async (file, objects, inPage, deepest) => {
    const r = await sitesOf(file as string, objects as number);
    expect(r.inPage.length).toBeGreaterThanOrEqual(inPage as number);
    for (const o of r.inPage) {
      expect(o.site).toMatch(new RegExp(`/libs/${(file as string).replace('.', '\\.')}:\\d+:\\d+\\)?$`));
      // The library call the object was made in, kept beside the page's site.
      expect(o.via, o.stack).toMatch(/\/node_modules\//);
    }
    // The library's own frames were counted and left out of the short stack: Babylon.js and PixiJS need
    // more than V8's default ten frames to reach the page.
    expect(r.deepest).toBe(deepest);
  });
});
