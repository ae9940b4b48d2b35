// `gpumem record`: load a page in headless Chromium with the extension, wait, and read the background's
// trace for that tab: the same code path as the panel's Export button. The trace comes out of the worker
// in pieces of JSON text and goes straight to the file, so a recording of any size is written in seconds
// and never held whole in memory; the summary is printed from the trace's digest.
import { gunzipSync } from 'node:zlib';
import type { Worker } from 'playwright-core';
import { digestOf, type PendingAlert, SessionStore, terminalSafe, TOOL, type TraceDigest, traceJsonPieces } from '../model/model';
import { currentWorker, launchBrowser } from './launch-browser';
import type { ProgressState } from './progress';
import { traceOutput } from './trace-file';

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
  /**
   * Past the duration, go on while alerts are pending, until they are due (at most SETTLE_CAP_MS more):
   * a leak whose grace runs out just after the duration would otherwise pass unseen.
   */
  settle?: boolean;
  /** Where the settling wait is told (stderr). */
  log?: (line: string) => void;
  /** Told how the recording goes, twice a second (live bytes, objects, alerts). */
  progress?: (p: ProgressState) => void;
}

/** How often the recording's numbers are read for the progress line. */
const PROGRESS_MS = 500;

interface StatusState {
  bytes: number;
  objects: number;
  alerts: number;
  pending: number;
}

/**
 * The longest a recording settles past its duration: the longest default grace (steady-growth's window of
 * 5 slots of 2 s) and a check interval. A user's longer thresholds are cut to it; the summary says what
 * was still pending.
 */
const SETTLE_CAP_MS = 10_500;
/** Past an alert's due time, the rules look at it within this (outlived-canvas checks every 500 ms). */
const DUE_MARGIN_MS = 600;

interface PendingState {
  now: number;
  pending: PendingAlert[];
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
  const file = traceOutput(path);
  try {
    const read = (): Promise<string | null> =>
      inWorker<string | null>(worker, `globalThis.__gpumem.exportReadGzip(${JSON.stringify(id)})`, 'read the trace');
    for (let piece = await read(); piece !== null; piece = await read()) await file.write(gunzipSync(Buffer.from(piece, 'base64')));
  } catch (e) {
    file.abandon();
    throw e;
  }
  await file.commit();
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
    // The recording window itself: the page runs for as long as the user asked, its numbers read for the
    // progress line meanwhile (a failed read skips an update, never the recording).
    const t0 = Date.now();
    let tabId: number | undefined;
    const report = async (totalMs: number): Promise<void> => {
      if (!o.progress) return;
      try {
        const w = await currentWorker(context, extensionId!);
        if (tabId === undefined) {
          const list = (await w.evaluate('globalThis.__gpumem.sessions()')) as SessionInfo[];
          tabId = list.find((x) => x.url === page.url())?.tabId;
        }
        const st = tabId === undefined ? null : ((await w.evaluate(`globalThis.__gpumem.status(${tabId})`)) as StatusState | null);
        o.progress({ elapsedMs: Date.now() - t0, totalMs, bytes: st?.bytes ?? 0, objects: st?.objects ?? 0, alerts: st?.alerts ?? 0, pending: st?.pending ?? 0 });
      } catch {
        // The worker may be restarting: the next update tries again.
      }
    };
    const runFor = async (ms: number, totalMs: number): Promise<void> => {
      const end = Date.now() + ms;
      for (let left = ms; left > 0; left = end - Date.now()) {
        await page.waitForTimeout(Math.min(PROGRESS_MS, left));
        await report(totalMs);
      }
    };
    await runFor(o.durationS * 1000, o.durationS * 1000);
    const finalUrl = page.url();
    let worker = await currentWorker(context, extensionId!);
    const sessions = await inWorker<SessionInfo[]>(worker, 'globalThis.__gpumem.sessions()', 'list recordings');
    const mine = sessions.find((s) => s.url === finalUrl) ?? (sessions.length === 1 ? sessions[0] : undefined);
    if (mine && o.settle) {
      // Until no alert is pending, each wait reaching the latest one's due time, SETTLE_CAP_MS in all.
      const capAt = Date.now() + SETTLE_CAP_MS;
      for (;;) {
        const p = await inWorker<PendingState | null>(worker, `globalThis.__gpumem.pending(${mine.tabId})`, 'read pending alerts');
        if (!p || p.pending.length === 0) break;
        const dueIn = Math.max(...p.pending.map((a) => a.dueAt)) - p.now + DUE_MARGIN_MS;
        const wait = Math.min(dueIn, capAt - Date.now());
        if (wait <= 0) break;
        const rules = [...new Set(p.pending.map((a) => a.rule))].join(', ');
        o.log?.(`gpumem: ${p.pending.length} alert${p.pending.length === 1 ? '' : 's'} pending (${terminalSafe(rules)}): recording ${(wait / 1000).toFixed(1)} s more until due (--no-settle stops at --duration)`);
        await runFor(wait, Date.now() - t0 + wait);
        worker = await currentWorker(context, extensionId!);
      }
    }
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
      const file = traceOutput(o.out);
      for (const piece of traceJsonPieces(trace)) await file.write(piece);
      await file.commit();
    }
    return digestOf(trace);
  } finally {
    await context.close();
  }
}
