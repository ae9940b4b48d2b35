// `gpumem record`: load a page in headless Chromium with the extension, wait, and read the background's
// trace for that tab: the same code path as the panel's Export button.
import { writeFileSync } from 'node:fs';
import { SessionStore, TOOL, type Trace } from '../model/model';
import { currentWorker, launchBrowser } from './launch-browser';

export class PageLoadError extends Error {
  override name = 'PageLoadError';
}

export interface RecordOptions {
  url: string;
  durationS: number;
  browser: string;
  browserArgs: string[];
  /** The machine's GPU instead of SwiftShader. */
  gpu?: boolean;
  extensionDir?: string;
}

interface SessionInfo {
  tabId: number;
  url: string;
}

export async function recordPage(o: RecordOptions): Promise<Trace> {
  const { context, extensionId } = await launchBrowser({
    browser: o.browser,
    headless: true,
    args: o.browserArgs,
    gpu: o.gpu,
    extensionDir: o.extensionDir,
  });
  try {
    const page = await context.newPage();
    let response;
    try {
      response = await page.goto(o.url, { waitUntil: 'load', timeout: 30_000 });
    } catch (e) {
      throw new PageLoadError(`${o.url} did not load: ${(e as Error).message.split('\n')[0]}`);
    }
    if (response && response.status() >= 400) throw new PageLoadError(`${o.url} answered HTTP ${response.status()}`);
    // The recording window itself: the page runs for as long as the user asked.
    await page.waitForTimeout(o.durationS * 1000);
    const finalUrl = page.url();
    const worker = await currentWorker(context, extensionId!);
    const sessions = (await worker.evaluate('globalThis.__gpumem.sessions()')) as SessionInfo[];
    const mine = sessions.find((s) => s.url === finalUrl) ?? (sessions.length === 1 ? sessions[0] : undefined);
    let trace: Trace | null = null;
    if (mine) trace = (await worker.evaluate(`globalThis.__gpumem.exportTrace(${mine.tabId})`)) as Trace | null;
    if (!trace) {
      // The page never touched WebGL: an empty but valid trace.
      const ua = (await page.evaluate('navigator.userAgent')) as string;
      trace = new SessionStore().toTrace({ userAgent: ua, tool: TOOL });
      trace.meta.startedAt = new Date().toISOString();
    }
    if (!trace.meta.url) trace.meta.url = finalUrl;
    return trace;
  } finally {
    await context.close();
  }
}

export function writeTrace(path: string, trace: Trace): void {
  writeFileSync(path, JSON.stringify(trace, null, 1) + '\n');
}
