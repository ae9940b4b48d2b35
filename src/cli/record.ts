// `gpumem record`: load a page in headless Chromium with the extension, wait, and read the background's
// trace for that tab: the same code path as the panel's Export button. The trace comes out of the worker
// in pieces of JSON text and goes straight to the file, so a recording of any size is written in seconds
// and never held whole in memory; the summary is printed from the trace's digest.
import { gunzipSync } from 'node:zlib';
import type { Worker } from 'playwright-core';
import { digestOf, SessionStore, TOOL, type TraceDigest, traceJsonPieces } from '../model/model';
import { currentWorker, launchBrowser } from './launch-browser';
import { traceFile } from './trace-file';

export class PageLoadError extends Error {
  override name = 'PageLoadError';
}

export class ExtensionError extends Error {
  override name = 'ExtensionError';
}

export interface RecordOptions {
  url: string;
  durationS: number;
  browser: string;
  browserArgs: string[];
  /** The machine's GPU instead of SwiftShader. */
  gpu?: boolean;
  extensionDir?: string;
  /** Where the trace goes; without it only the digest is read. */
  out?: string;
}

interface SessionInfo {
  tabId: number;
  url: string;
}

/** How long one call into the extension's worker may take before the recording is given up. */
const WORKER_CALL_MS = 60_000;

async function inWorker<T>(worker: Worker, expr: string, what: string): Promise<T> {
  const ms = WORKER_CALL_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new ExtensionError(`the extension did not answer (${what}) within ${ms / 1000} s`)), ms);
  });
  try {
    return (await Promise.race([worker.evaluate(expr), deadline])) as T;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads the open export's pieces (gzipped in the worker: the DevTools protocol carries about 11 MB/s of
 * text) into `path`, through a temporary file.
 */
async function writeTrace(worker: Worker, id: string, path: string): Promise<void> {
  const file = traceFile(path);
  try {
    const read = (): Promise<string | null> =>
      inWorker<string | null>(worker, `globalThis.__gpumem.exportReadGzip(${JSON.stringify(id)})`, 'read the trace');
    for (let piece = await read(); piece !== null; piece = await read()) file.write(gunzipSync(Buffer.from(piece, 'base64')));
  } catch (e) {
    file.abandon();
    throw e;
  }
  file.commit();
}

export async function recordPage(o: RecordOptions): Promise<TraceDigest> {
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
    const sessions = await inWorker<SessionInfo[]>(worker, 'globalThis.__gpumem.sessions()', 'list recordings');
    const mine = sessions.find((s) => s.url === finalUrl) ?? (sessions.length === 1 ? sessions[0] : undefined);
    const open = mine
      ? await inWorker<{ id: string; digest: TraceDigest } | null>(worker, `globalThis.__gpumem.exportOpen(${mine.tabId})`, 'open the trace')
      : null;
    if (open) {
      if (o.out) await writeTrace(worker, open.id, o.out);
      if (!open.digest.meta.url) open.digest.meta.url = finalUrl;
      return open.digest;
    }
    // The page never touched WebGL or WebGPU: an empty but valid trace.
    const ua = (await page.evaluate('navigator.userAgent')) as string;
    const trace = new SessionStore().toTrace({ userAgent: ua, tool: TOOL });
    trace.meta.startedAt = new Date().toISOString();
    trace.meta.url = finalUrl;
    if (o.out) {
      const file = traceFile(o.out);
      for (const piece of traceJsonPieces(trace)) file.write(piece);
      file.commit();
    }
    return digestOf(trace);
  } finally {
    await context.close();
  }
}
