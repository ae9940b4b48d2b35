// `gpumem record`: load a page in headless Chromium with the extension, let it run (or drive it with the
// user's script), and read the background's trace for that tab: the same code path as the panel's Export
// button. The trace comes out of the worker in pieces of JSON text and goes straight to the file, so a
// recording of any size is written in seconds and never held whole in memory; the summary is printed from
// the trace's digest. A recording cut short (a signal, the browser exiting) still leaves a trace.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { digestOf, type PageHealth, type PendingAlert, rebasePageHealth, SessionStore, terminalSafe, TOOL, type TraceDigest, traceJsonPieces } from '../model/model';
import { currentWorker, launchBrowser } from './launch-browser';
import { type SessionInfo, sessionOf } from './page-session';
import { watchPage } from './page-watch';
import type { ProgressState } from './progress';
import { readTraceFile } from './read-trace';
import { SETTLE_CAP_MS, untilDue } from './settle';
import { traceOutput } from './trace-file';
import type { UserScript } from './user-script';

export class ExtensionError extends Error {
  override name = 'ExtensionError';
}

export interface RecordOptions {
  url: string;
  /** How long to record; with a script, the most it may run. */
  durationS: number;
  browser: string;
  browserArgs: string[];
  /** The machine's GPU instead of SwiftShader. */
  gpu?: boolean;
  extensionDir?: string;
  /** Where the trace goes. */
  out: string;
  /**
   * Past the duration, go on while alerts are pending, until they are due (at most SETTLE_CAP_MS more):
   * a leak whose grace runs out just after the duration would otherwise pass unseen.
   */
  settle?: boolean;
  /** A selector the page must show before the recording window starts. */
  waitFor?: string;
  /** Drives the page; the recording lasts while it runs (at most durationS), then settles. */
  script?: UserScript;
  /** Marks a snapshot named START_SNAPSHOT when the recording window starts (what growth is measured from). */
  startSnapshot?: boolean;
  /** Aborted by SIGINT or SIGTERM: the recording stops and what it holds is written. */
  signal?: AbortSignal;
  /** Where the settling wait and checkpoints are told (stderr). */
  log?: (line: string) => void;
  /** Told how the recording goes, twice a second (live bytes, objects, alerts). */
  progress?: (p: ProgressState) => void;
}

export interface RecordResult {
  digest: TraceDigest;
  /** The page did not load, or the --wait-for selector never showed. */
  loadFailed: boolean;
  /** The recording ended early (meta.page.interrupted says why). */
  interrupted: boolean;
  /** Why the user's script failed, if it did. */
  scriptError: string | null;
  /** Checkpoints written while recording, and the time they took (ms). */
  checkpoints: { count: number; ms: number };
}

/** The snapshot marked when the recording window starts, after the load (and --wait-for). */
export const START_SNAPSHOT = 'recording start';

/** How often the recording's numbers are read for the progress line. */
const PROGRESS_MS = 500;
/** How long the page and a --wait-for selector may take. */
const LOAD_MS = 30_000;
/**
 * A checkpoint of the trace is written this often, so that a browser that dies mid-recording still leaves
 * what was recorded; after one that took t, the next comes no sooner than 10 t later.
 */
const CHECKPOINT_MS = 5_000;

/** GPUMEM_CHECKPOINT_MS=0 turns checkpoints off (bench/record-checkpoints.mjs compares with and without). */
const checkpointMs = (): number => {
  const v = process.env.GPUMEM_CHECKPOINT_MS;
  return v === undefined || v === '' || !Number.isFinite(Number(v)) ? CHECKPOINT_MS : Number(v);
};

interface StatusState {
  bytes: number;
  objects: number;
  alerts: number;
  pending: number;
}

interface PendingState {
  now: number;
  pending: PendingAlert[];
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

/** A trace with no GPU events: the page never used WebGL or WebGPU, or the recording was lost. */
async function writeEmptyTrace(path: string, url: string, startedAt: number, health: PageHealth, userAgent: string): Promise<TraceDigest> {
  const trace = new SessionStore().toTrace({ userAgent, tool: TOOL });
  trace.meta.startedAt = new Date(startedAt).toISOString();
  trace.meta.url = url;
  trace.meta.page = rebasePageHealth(health, startedAt);
  const file = traceOutput(path);
  for (const piece of traceJsonPieces(trace)) await file.write(piece);
  await file.commit();
  return digestOf(trace);
}

/** Resolves after `ms`, or at once when `stop` is aborted. */
function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (stop.aborted) return done();
    const timer = setTimeout(finish, ms);
    function finish(): void {
      clearTimeout(timer);
      stop.removeEventListener('abort', finish);
      done();
    }
    stop.addEventListener('abort', finish);
  });
}

class Recording {
  readonly stop = new AbortController();
  /** Why the recording was cut short, when it was. */
  interrupted: string | null = null;
  tabId: number | undefined;
  private readonly every = checkpointMs();
  private nextCheckpoint = this.every > 0 ? Date.now() + this.every : Infinity;
  private checkpointed = false;
  /** Checkpoints written, and the time they took (ms). */
  readonly checkpoints = { count: 0, ms: 0 };
  readonly t0 = Date.now();

  constructor(
    private readonly o: RecordOptions,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly extensionId: string,
    private readonly health: PageHealth,
  ) {}

  cut(why: string): void {
    this.interrupted ??= why;
    this.stop.abort();
  }

  get checkpointPath(): string {
    // Gzipped like the output, which it becomes if the browser exits.
    return `${this.o.out}.checkpoint${this.o.out.endsWith('.gz') ? '.gz' : ''}`;
  }

  /** The page's recording in the worker, once the page has used WebGL or WebGPU. */
  async findTab(w: Worker): Promise<number | undefined> {
    if (this.tabId === undefined) {
      const list = await inWorker<SessionInfo[]>(w, 'globalThis.__gpumem.sessions()', 'list recordings');
      this.tabId = sessionOf(list, this.page.url())?.tabId;
    }
    return this.tabId;
  }

  /** The numbers for the progress line, and a checkpoint when one is due; a failed read skips a turn. */
  private async report(totalMs: number): Promise<void> {
    try {
      const w = await currentWorker(this.context, this.extensionId);
      if ((await this.findTab(w)) === undefined) return;
      const st = (await w.evaluate(`globalThis.__gpumem.status(${this.tabId})`)) as StatusState | null;
      this.o.progress?.({ elapsedMs: Date.now() - this.t0, totalMs, bytes: st?.bytes ?? 0, objects: st?.objects ?? 0, alerts: st?.alerts ?? 0, pending: st?.pending ?? 0 });
      if (Date.now() >= this.nextCheckpoint && !this.stop.signal.aborted) await this.checkpoint(w);
    } catch {
      // The worker may be restarting: the next turn tries again.
    }
  }

  /** Writes the trace so far beside the output, marked as what a browser that exits now would leave. */
  private async checkpoint(w: Worker): Promise<void> {
    const started = Date.now();
    const at = ((started - this.t0) / 1000).toFixed(1);
    const health: PageHealth = { ...this.health, interrupted: `the browser exited during the recording: this trace ends at its last checkpoint, ${at} s into it` };
    const open = await inWorker<{ id: string } | null>(w, `globalThis.__gpumem.exportOpen(${this.tabId}, ${JSON.stringify(health)})`, 'checkpoint');
    if (!open) return;
    await writeTrace(w, open.id, this.checkpointPath);
    this.checkpointed = true;
    const took = Date.now() - started;
    this.checkpoints.count++;
    this.checkpoints.ms += took;
    this.nextCheckpoint = Date.now() + Math.max(this.every, 10 * took);
  }

  /** Lets the page run for `ms` (or until `until` settles), reporting meanwhile; false once stopped. */
  async run(ms: number, totalMs: number, until?: Promise<unknown>): Promise<boolean> {
    const end = Date.now() + ms;
    let finished = false;
    void until?.then(() => (finished = true));
    for (let left = ms; left > 0 && !finished && !this.stop.signal.aborted; left = end - Date.now()) {
      await Promise.race([sleep(Math.min(PROGRESS_MS, left), this.stop.signal), until ?? new Promise(() => undefined)]);
      if (!this.stop.signal.aborted) await this.report(totalMs);
    }
    return !this.stop.signal.aborted;
  }

  /** After the browser exited: the last checkpoint becomes the trace, or a trace of the page's health alone. */
  async lost(): Promise<TraceDigest> {
    if (this.checkpointed && existsSync(this.checkpointPath)) {
      renameSync(this.checkpointPath, this.o.out);
      const d = digestOf(readTraceFile(this.o.out));
      this.interrupted = d.meta.page?.interrupted ?? this.interrupted;
      return d;
    }
    this.interrupted = `${this.interrupted ?? 'the browser exited'}, before the first checkpoint: nothing of the recording could be read`;
    return writeEmptyTrace(this.o.out, this.o.url, this.t0, { ...this.health, interrupted: this.interrupted }, '');
  }

  /** Marks a snapshot in the recording; null while the page has used no WebGL or WebGPU. */
  async snapshot(name?: string): Promise<{ id: string; name: string } | null> {
    const w = await currentWorker(this.context, this.extensionId);
    if ((await this.findTab(w)) === undefined) return null;
    const arg = name === undefined ? '' : `, ${JSON.stringify(name)}`;
    const r = await inWorker<{ id: string; name: string } | { refused: string } | null>(w, `globalThis.__gpumem.snapshot(${this.tabId}${arg})`, 'take a snapshot');
    if (r && 'refused' in r) throw new Error(`snapshot: ${r.refused}`);
    return r;
  }

  dropCheckpoint(): void {
    rmSync(this.checkpointPath, { force: true });
    rmSync(`${this.checkpointPath}.partial`, { force: true });
  }
}

export async function recordPage(o: RecordOptions): Promise<RecordResult> {
  const { context, extensionId } = await launchBrowser({
    browser: o.browser,
    headless: true,
    args: o.browserArgs,
    gpu: o.gpu,
    extensionDir: o.extensionDir,
    keepSignals: true,
  });
  const page = await context.newPage();
  const watch = watchPage(page);
  const health = watch.health;
  const rec = new Recording(o, context, page, extensionId!, health);
  const onSignal = (): void => rec.cut(`stopped by ${o.signal?.reason instanceof Error ? o.signal.reason.message : String(o.signal?.reason ?? 'a signal')}`);
  o.signal?.addEventListener('abort', onSignal);
  if (o.signal?.aborted) onSignal();
  let browserGone = false;
  context.on('close', () => {
    browserGone = true;
    rec.cut('the browser exited');
  });
  void watch.crashed.then(() => rec.stop.abort());
  let scriptError: string | null = null;
  try {
    // Load, and wait for the selector the user named: a failure is the page's, reported with the trace.
    try {
      // A signal or the browser exiting ends the wait for a slow page at once.
      const stopped = new Promise<null>((r) => rec.stop.signal.addEventListener('abort', () => r(null)));
      const going = page.goto(o.url, { waitUntil: 'load', timeout: LOAD_MS });
      going.catch(() => undefined); // when the race is lost, its later failure is nobody's
      const response = await Promise.race([going, stopped]);
      if (response && response.status() >= 400) health.loadError = `${o.url} answered HTTP ${response.status()}`;
      else if (o.waitFor !== undefined && !rec.stop.signal.aborted) {
        const shown = page.waitForSelector(o.waitFor, { timeout: LOAD_MS }).catch(() => {
          if (!rec.stop.signal.aborted) health.loadError = `--wait-for ${o.waitFor} did not appear within ${LOAD_MS / 1000} s`;
        });
        await Promise.race([shown, stopped]);
      }
    } catch (e) {
      if (!rec.stop.signal.aborted) health.loadError = (e as Error).message.split('\n')[0]!;
    }
    const loaded = health.loadError === undefined && !rec.stop.signal.aborted;
    if (loaded) await rec.findTab(await currentWorker(context, extensionId!)).catch(() => undefined);
    if (loaded && o.startSnapshot) await rec.snapshot(START_SNAPSHOT);
    // The recording window: the duration, or the script's run (at most the duration).
    const totalMs = o.durationS * 1000;
    if (loaded && o.script) {
      const fn = o.script;
      const helpers = {
        snapshot: async () => {
          const r = await rec.snapshot();
          if (!r) throw new Error('gpumem.snapshot(): the page has used no WebGL or WebGPU yet');
          return r;
        },
      };
      const done = Promise.resolve()
        .then(() => fn(page, helpers))
        .then(
          () => null,
          (e: unknown) => (e instanceof Error ? e.stack || e.message : String(e)),
        );
      let settled = false;
      void done.then(() => (settled = true));
      await rec.run(totalMs, totalMs, done);
      if (settled) scriptError = await done;
      else if (!rec.stop.signal.aborted) scriptError = `the script was still running after --duration (${o.durationS} s): the recording stopped there`;
    } else if (loaded) {
      await rec.run(totalMs, totalMs);
    }
    if (browserGone) return { digest: await rec.lost(), loadFailed: !loaded, interrupted: true, scriptError, checkpoints: rec.checkpoints };
    const finalUrl = page.url() === 'about:blank' ? o.url : page.url();
    let worker = await currentWorker(context, extensionId!);
    const sessions = await inWorker<SessionInfo[]>(worker, 'globalThis.__gpumem.sessions()', 'list recordings');
    const mine = sessions.find((s) => s.tabId === rec.tabId) ?? sessionOf(sessions, finalUrl);
    if (mine && o.settle && loaded && !rec.stop.signal.aborted) {
      // Until no alert is pending, each wait reaching the latest one's due time, SETTLE_CAP_MS in all.
      const capAt = Date.now() + SETTLE_CAP_MS;
      for (;;) {
        const p = await inWorker<PendingState | null>(worker, `globalThis.__gpumem.pending(${mine.tabId})`, 'read pending alerts');
        if (!p || p.pending.length === 0) break;
        const dueIn = untilDue(p.pending, p.now);
        const wait = Math.min(dueIn, capAt - Date.now());
        if (wait <= 0) break;
        const rules = [...new Set(p.pending.map((a) => a.rule))].join(', ');
        o.log?.(`gpumem: ${p.pending.length} alert${p.pending.length === 1 ? '' : 's'} pending (${terminalSafe(rules)}): recording ${(wait / 1000).toFixed(1)} s more until due (--no-settle stops at --duration)`);
        if (!(await rec.run(wait, Date.now() - rec.t0 + wait))) break;
        if (browserGone) return { digest: await rec.lost(), loadFailed: false, interrupted: true, scriptError, checkpoints: rec.checkpoints };
        worker = await currentWorker(context, extensionId!);
      }
    }
    if (rec.interrupted !== null) health.interrupted = `${rec.interrupted}, ${((Date.now() - rec.t0) / 1000).toFixed(1)} s into the recording`;
    const interrupted = rec.interrupted !== null;
    const open = mine
      ? await inWorker<{ id: string; digest: TraceDigest } | null>(worker, `globalThis.__gpumem.exportOpen(${mine.tabId}, ${JSON.stringify(health)})`, 'open the trace')
      : null;
    if (open) {
      await writeTrace(worker, open.id, o.out);
      if (!open.digest.meta.url) open.digest.meta.url = finalUrl;
      return { digest: open.digest, loadFailed: !loaded, interrupted, scriptError, checkpoints: rec.checkpoints };
    }
    // The page never touched WebGL or WebGPU (or never loaded): an empty but valid trace, with its health.
    const ua = watch.health.crashedAt === undefined ? ((await page.evaluate('navigator.userAgent').catch(() => '')) as string) : '';
    const digest = await writeEmptyTrace(o.out, finalUrl, rec.t0, health, ua);
    return { digest, loadFailed: !loaded, interrupted, scriptError, checkpoints: rec.checkpoints };
  } catch (e) {
    // The browser went away under a call into it: what the checkpoint holds is the recording.
    if (browserGone) return { digest: await rec.lost(), loadFailed: false, interrupted: true, scriptError, checkpoints: rec.checkpoints };
    throw e;
  } finally {
    o.signal?.removeEventListener('abort', onSignal);
    rec.dropCheckpoint();
    await context.close().catch(() => undefined);
  }
}
