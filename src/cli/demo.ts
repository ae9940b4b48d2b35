// `gpumem demo` (npm start): serves examples/ and opens Chromium with the extension and DevTools on the
// demo page; with no display it records the demo headless instead and prints the summary.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summaryText } from '../model/model';
import { launchBrowser } from './launch-browser';
import { recordPage } from './record';
import { serveStatic } from './static-server';

const DEMO_SECONDS = 14;

function examplesDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform === 'darwin' || process.platform === 'win32' || !!env.DISPLAY || !!env.WAYLAND_DISPLAY;
}

export async function runDemo(browser: string, headless: boolean): Promise<void> {
  const server = await serveStatic(examplesDir());
  const url = `${server.url}leaky-scene.html`;
  try {
    if (headless || !hasDisplay()) {
      if (!headless) console.log('No display (DISPLAY and WAYLAND_DISPLAY are unset): recording the demo headless instead.');
      // Long enough for the steady-growth window (5 slots of 2 s) to see the demo's leak.
      console.log(`Recording ${url} for ${DEMO_SECONDS} s…`);
      const out = join(mkdtempSync(join(tmpdir(), 'gpumem-demo-')), 'trace.json');
      console.log(summaryText((await recordPage({ url, durationS: DEMO_SECONDS, browser, browserArgs: [], out })).digest));
      console.log(`trace written to ${out}`);
      return;
    }
    const { context } = await launchBrowser({ browser, headless: false, devtools: true });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    console.log(`Opened ${url} with GPU Memory Inspector loaded. In DevTools choose the "GPU Memory" panel`);
    console.log('(it may sit behind the ">>" overflow). Close the browser window to stop.');
    await new Promise<void>((done) => context.on('close', () => done()));
  } finally {
    await server.close();
  }
}
