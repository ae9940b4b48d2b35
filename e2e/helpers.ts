// Shared e2e plumbing: a fixture server, Chromium with the built extension, and condition waits.
import { type ChildProcess, execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { findBrowser } from '../src/cli/find-browser';
import { currentWorker, launchBrowser } from '../src/cli/launch-browser';
import { serveStatic, type StaticServer } from '../src/cli/static-server';
import type { KindTotals, Trace } from '../src/model/model';

export const ROOT = resolve(import.meta.dirname, '..');
export const DIST = resolve(ROOT, 'dist');
export const ARTIFACTS = resolve(ROOT, 'e2e/artifacts');

const LEAK_APP = readFileSync(resolve(ROOT, 'e2e/fixtures/leaks/app.js'), 'utf8').split('\n');

/** `app.js:<line>:` of the line of the leak fixtures' app.js that carries `// site:<name>`. */
export function siteOf(name: string): string {
  const i = LEAK_APP.findIndex((l) => l.includes(`// site:${name}`));
  if (i < 0) throw new Error(`no site ${name}`);
  return `app.js:${i + 1}:`;
}

/** What a `gpumem` run printed, and how it exited. */
export interface GpumemRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Starts `gpumem <args>` (bin/gpumem.mjs, as a user runs it): the process, and its run once it exits. */
export function startGpumem(args: string[], o: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): { child: ChildProcess; done: Promise<GpumemRun> } {
  let child!: ChildProcess;
  const done = new Promise<GpumemRun>((finish) => {
    child = execFile(process.execPath, [resolve(ROOT, 'bin/gpumem.mjs'), ...args], { env: o.env ?? process.env, timeout: o.timeoutMs ?? 110_000 }, (err, stdout, stderr) => {
      finish({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
  return { child, done };
}

/** Runs `gpumem <args>` to its end. */
export const gpumem = (args: string[], o: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<GpumemRun> => startGpumem(args, o).done;

/** The npm packages fixture pages may load, each under /node_modules/<name>/. */
const FIXTURE_PACKAGES = ['webgl-memory', 'webgpu-memory', 'three', 'babylonjs', 'pixi.js'];

export function fixtureServer(): Promise<StaticServer> {
  const mounts = Object.fromEntries(FIXTURE_PACKAGES.map((p) => [`/node_modules/${p}/`, resolve(ROOT, 'node_modules', p)]));
  return serveStatic(resolve(ROOT, 'e2e/fixtures'), 0, mounts);
}

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
}

/** GPUMEM_GPU=1 runs the suite on the machine's GPU (Vulkan) instead of SwiftShader. */
export const ON_GPU = process.env.GPUMEM_GPU === '1';

export async function launch(args: string[] = []): Promise<Harness> {
  const { context, extensionId } = await launchBrowser({ browser: findBrowser(undefined), headless: true, extensionDir: DIST, args, gpu: ON_GPU });
  return { context, extensionId: extensionId!, worker: () => currentWorker(context, extensionId!) };
}

/** Polls `probe` until it returns a value that `ok` accepts; fails with the last value seen. */
export async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      if (ok(last)) return last;
    } catch (e) {
      // The worker may be restarting; try again until the deadline.
      lastError = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)} ${lastError ? String(lastError) : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface SessionInfo {
  tabId: number;
  url: string;
  frames: number;
}

export async function sessions(h: Harness): Promise<SessionInfo[]> {
  return (await (await h.worker()).evaluate('globalThis.__gpumem.sessions()')) as SessionInfo[];
}

/** The tab id of the page at `url` once its recording has `frames` frames. */
export async function tabOf(h: Harness, url: string, frames = 1): Promise<number> {
  const list = await waitFor(() => sessions(h), (l) => l.some((s) => s.url === url && s.frames >= frames), `a session for ${url}`);
  return list.find((s) => s.url === url)!.tabId;
}

/** The id of the tab showing `url`, whether or not it has a recording (a page without GPU use has none). */
export async function tabByUrl(h: Harness, url: string): Promise<number> {
  const id = await waitFor(
    async () => (await h.worker()).evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, url),
    (x) => typeof x === 'number',
    `the tab of ${url}`,
  );
  return id!;
}

export async function summary(h: Harness, tabId: number): Promise<Trace['summary'] | null> {
  return (await (await h.worker()).evaluate(`globalThis.__gpumem.summary(${tabId})`)) as Trace['summary'] | null;
}

export async function exportTrace(h: Harness, tabId: number): Promise<Trace> {
  return (await (await h.worker()).evaluate(`globalThis.__gpumem.exportTrace(${tabId})`)) as Trace;
}

/** Totals as the panel shows them, read from its DOM. */
export async function panelTotals(panel: Page): Promise<{ kinds: Record<string, KindTotals>; total: number }> {
  return panel.evaluate(() => {
    const kinds: Record<string, { count: number; bytes: number }> = {};
    for (const tr of document.querySelectorAll<HTMLElement>('[data-testid=totals] tbody tr')) {
      kinds[tr.dataset.kind!] = { count: Number(tr.dataset.count), bytes: Number(tr.dataset.bytes) };
    }
    const total = Number(document.querySelector<HTMLElement>('[data-testid=total]')?.dataset.bytes ?? NaN);
    return { kinds, total };
  });
}

/**
 * What e2e/fixtures/scene.html and child.html hold once loaded, worked out by hand (see the comments in
 * the fixtures): buffers 1024 + 600 + 80 + 256 (+ 512 in the iframe); textures 21844 + 5376 + 4608 + 256
 * + 1024 (+ 16); drawing buffers 64x32x8 + 16x16x(8+4) (+ 8x8x8).
 */
export const SCENE_EXPECTED = {
  'webgl.buffer': { count: 5, bytes: 2472 },
  'webgl.texture': { count: 6, bytes: 33124 },
  'webgl.drawingBuffer': { count: 3, bytes: 19968 },
} as const;
export const SCENE_TOTAL = 2472 + 33124 + 19968;

/** A second Chromium, without the extension (an oracle or a baseline), for a file's tests. */
export function usePlainBrowser(): { context: BrowserContext } {
  const env = {} as { context: BrowserContext };
  beforeAll(async () => {
    env.context = (await launchBrowser({ browser: findBrowser(undefined), headless: true, extensionDir: '', noExtension: true, gpu: ON_GPU })).context;
  });
  afterAll(async () => {
    await env.context?.close();
  });
  return env;
}

/** Opens `url` in a new page, waits until the page sets window[name], returns it and closes the page. */
export async function pageResult<T>(context: BrowserContext, url: string, name = '__done', timeout = 60_000): Promise<T> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(`window.${name} !== undefined`, null, { timeout });
    return (await page.evaluate(`window.${name}`)) as T;
  } finally {
    await page.close();
  }
}

/** Starts the fixture server and a browser before a file's tests and closes both after them. */
export function useBrowser(args: string[] = []): { server: StaticServer; h: Harness } {
  const env = {} as { server: StaticServer; h: Harness };
  beforeAll(async () => {
    env.server = await fixtureServer();
    env.h = await launch(args);
  });
  afterAll(async () => {
    await env.h?.context.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Stops the extension's service worker (as Chrome does when it is idle or updated) and waits until a new
 * one answers. A worker busy answering a relay may survive one closeTarget: it asks again every second.
 */
export async function restartWorker(h: Harness): Promise<void> {
  const bootId = await (await h.worker()).evaluate('globalThis.__gpumem.bootId');
  const cdp = await h.context.browser()!.newBrowserCDPSession();
  const stop = async (): Promise<void> => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(h.extensionId));
    if (target) await cdp.send('Target.closeTarget', { targetId: target.targetId });
  };
  await stop();
  let polls = 0;
  await waitFor(
    async () => {
      if (++polls % 20 === 0) await stop();
      const workers = h.context.serviceWorkers().filter((w) => w.url().includes(h.extensionId));
      const ids = await Promise.all(workers.map((w) => w.evaluate('globalThis.__gpumem.bootId').catch(() => null)));
      return ids.some((id) => id !== null && id !== bootId);
    },
    (restarted) => restarted,
    'a restarted worker',
  );
  await cdp.detach();
}

/** Opens the panel page for `tabId` in a tab of its own (what a DevTools panel shows). */
export async function openPanel(h: Harness, tabId: number): Promise<Page> {
  const panel = await h.context.newPage();
  await panel.goto(`chrome-extension://${h.extensionId}/panels/gpu-memory/index.html?tabId=${tabId}`);
  return panel;
}
