// A Playwright test of GPU memory, as an app's own suite would have one: open and close the viewer three
// times, then expect no leak and a bounded footprint. Run it against examples/route-app.html served over
// http (APP_URL); with ?leak in APP_URL the app forgets to free the viewer's texture and the test fails,
// with the recording attached to the report as gpumem-trace.json.
import { expect, test } from 'gpu-memory-inspector/playwright';

const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:8080/route-app.html';

test('closing the viewer frees its GPU memory', async ({ page, gpumem }) => {
  await page.goto(APP_URL);
  for (let visit = 0; visit < 3; visit++) {
    await page.click('#open');
    await page.waitForSelector('body[data-route=viewer]');
    await page.click('#close');
    await page.waitForSelector('body[data-route=list]');
    await gpumem.snapshot(`after visit ${visit + 1}`);
  }
  await expect(gpumem).toHaveNoLeaks();
  await expect(gpumem).toStayUnder({ bytes: '1MiB', perKind: { 'webgl.texture': { count: 0 } } });
});
