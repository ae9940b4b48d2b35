// `gpumem view`: opens a trace in the extension's trace viewer page (the panel with no inspected tab) in
// Chromium, through the page's own "Open trace" file input, as a user would.
import { resolve } from 'node:path';
import { VIEWER_PAGE } from '../model/model';
import { hasDisplay } from './demo';
import { launchBrowser } from './launch-browser';

export class NoDisplayError extends Error {
  override name = 'NoDisplayError';
}

export interface ViewOptions {
  file: string;
  browser: string;
  browserArgs: string[];
  headless: boolean;
}

export async function viewTrace(o: ViewOptions): Promise<void> {
  if (!o.headless && !hasDisplay()) {
    throw new NoDisplayError('no display to open the viewer on (DISPLAY and WAYLAND_DISPLAY are unset): run it where you have a desktop, or print the trace with gpumem summary');
  }
  const { context, extensionId } = await launchBrowser({ browser: o.browser, headless: o.headless, args: o.browserArgs });
  const closed = new Promise<void>((done) => context.on('close', () => done()));
  const stop = (): void => void context.close().catch(() => undefined);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`chrome-extension://${extensionId}/${VIEWER_PAGE}`);
    await page.setInputFiles('[data-testid=open-trace-file]', resolve(o.file));
    console.log(`Opened ${o.file} in the GPU Memory trace viewer. Close the browser window (or press Ctrl-C) to stop.`);
    // A viewer closed by the user ends the command; so does the last window.
    page.on('close', stop);
    await closed;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    stop();
  }
}
