// Library code named by source maps, as DevTools' ignore list reads them: a bundle whose map lists its
// library module in x_google_ignoreList, and a library build whose map lists its one source in ignoreList
// (e2e/fixtures/maps). Each object's site is the app's line; the library frame it went through is kept.
import { describe, expect, it } from 'vitest';
import { exportTrace, openPanel, tabOf, useBrowser, waitFor } from './helpers';

describe('source-map ignore lists', () => {
  const env = useBrowser();

  it('attributes objects to the app code a bundle\'s map names, past its ignore-listed sources', async () => {
    const url = `${env.server.url}maps/maps.html`;
    const page = await env.h.context.newPage();
    await page.goto(url);
    await page.waitForFunction('window.__done === true', null, { timeout: 60_000 });
    const tabId = await tabOf(env.h, url);
    const t = await waitFor(() => exportTrace(env.h, tabId), (x) => x.objects.some((o) => o.kind === 'webgl.texture'), 'the buffer and the texture');
    const buffer = t.objects.find((o) => o.kind === 'webgl.buffer')!;
    // engineMakeBuffer (line 4) is lib/engine.js; the call on line 11 is src/main.js.
    expect(buffer.site).toMatch(/\/maps\/bundle\.js:11:\d+\)?$/);
    expect(buffer.via).toMatch(/at engineMakeBuffer \(.*\/maps\/bundle\.js:4:\d+\)$/);
    // All of gfx.js is library code: the site is the page's inline script.
    const texture = t.objects.find((o) => o.kind === 'webgl.texture')!;
    expect(texture.site).toMatch(/\/maps\/maps\.html:9:\d+\)?$/);
    expect(texture.via).toMatch(/at gfxCreateTexture \(.*\/maps\/gfx\.js:3:\d+\)$/);
    // The trace says which scripts' maps it attributed by, before the objects they concern.
    const sources = t.events.filter((e) => e.op === 'ignore-source').map((e) => (e as { url: string }).url.replace(env.server.url, ''));
    expect(sources.sort()).toEqual(['maps/bundle.js', 'maps/gfx.js']);

    // The panel attributes from the same stream: its objects view finds the buffer by the app's line.
    const panel = await openPanel(env.h, tabId);
    await panel.fill('[data-testid=objects-filter]', 'bundle.js:11:');
    await waitFor(() => panel.evaluate(() => document.querySelector<HTMLElement>('[data-testid=objects] tr[data-id]')?.dataset.kind), (k) => k === 'webgl.buffer', 'the buffer by its site in the panel');
    await panel.fill('[data-testid=objects-filter]', 'maps.html:9:');
    await waitFor(() => panel.evaluate(() => document.querySelector<HTMLElement>('[data-testid=objects] tr[data-id]')?.dataset.kind), (k) => k === 'webgl.texture', 'the texture by its site in the panel');
    await panel.close();
  }, 90_000);
});
