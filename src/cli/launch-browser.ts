// Starts Chromium with the built extension loaded (the same unpacked dist/ a user loads), and hands back
// the extension's service worker, through which the recording is read.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

const COMMON_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Flags that run WebGL2 and WebGPU on SwiftShader without a GPU or display (docs/toolchain notes). */
export const HEADLESS_FLAGS = [
  ...COMMON_FLAGS,
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--enable-unsafe-webgpu',
  // Without Vulkan (SwiftShader's) for the compositor too, headless Chromium destroys a WebGPU device at its
  // first canvas getCurrentTexture(): WebGPU on SwiftShader and the GL compositor cannot share the image.
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
];

/**
 * Flags that run WebGL (ANGLE) and WebGPU (Dawn) on the machine's own GPU through its Vulkan driver, with
 * no display: the surface is never presented, so Vulkan needs none.
 */
export const GPU_FLAGS = [
  ...COMMON_FLAGS,
  '--use-angle=vulkan',
  '--enable-features=Vulkan',
  '--disable-vulkan-surface',
  '--disable-gpu-compositing',
  '--enable-unsafe-webgpu',
  '--ignore-gpu-blocklist',
];

export function defaultExtensionDir(): string {
  // dist-cli/*.mjs and src/cli/*.ts sit one and two levels under the package root.
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['..', '../..']) {
    const dir = resolve(here, up, 'dist');
    if (existsSync(resolve(dir, 'manifest.json'))) return dir;
  }
  return resolve(here, '..', 'dist');
}

export interface LaunchOptions {
  browser: string;
  headless: boolean;
  extensionDir?: string;
  /** Extra Chromium flags. */
  args?: string[];
  /** The machine's GPU through Vulkan instead of SwiftShader. */
  gpu?: boolean;
  /** Without the extension (benchmarks' baseline). */
  noExtension?: boolean;
  devtools?: boolean;
  /** Leave SIGINT, SIGTERM and SIGHUP to the caller (gpumem record writes what it recorded first). */
  keepSignals?: boolean;
}

export interface Launched {
  context: BrowserContext;
  worker: Worker | null;
  extensionId: string | null;
}

export class NoExtensionError extends Error {
  override name = 'NoExtensionError';
}

export async function launchBrowser(o: LaunchOptions): Promise<Launched> {
  const ext = o.extensionDir ?? defaultExtensionDir();
  if (!o.noExtension && !existsSync(resolve(ext, 'manifest.json'))) {
    throw new NoExtensionError(`No built extension at ${ext}: run \`npm run build\` first.`);
  }
  const args = [...(o.gpu ? GPU_FLAGS : HEADLESS_FLAGS), ...(o.args ?? [])];
  if (!o.noExtension) args.push(`--disable-extensions-except=${ext}`, `--load-extension=${ext}`);
  if (o.devtools) args.push('--auto-open-devtools-for-tabs');
  const context = await chromium.launchPersistentContext('', {
    executablePath: o.browser,
    headless: o.headless,
    args,
    viewport: o.headless ? { width: 1280, height: 800 } : null,
    ...(o.keepSignals ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
  });
  if (o.noExtension) return { context, worker: null, extensionId: null };
  const worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }).catch(async () => {
      await context.close().catch(() => undefined);
      // Branded Google Chrome ignores --load-extension since version 137; Chromium and Chrome for Testing do not.
      throw new NoExtensionError(
        `the extension did not start in ${o.browser} within 30 s. Google Chrome ignores --load-extension since ` +
          'version 137: use Chromium or Chrome for Testing (--browser or CHROME_PATH).',
      );
    }));
  await agentRegistered(worker);
  return { context, worker, extensionId: new URL(worker.url()).host };
}

/**
 * Waits until the background has registered the page agent (it does so at run time, from the user's
 * settings): a page opened before that would run without hooks.
 */
async function agentRegistered(worker: Worker): Promise<void> {
  const end = Date.now() + 30_000;
  for (;;) {
    const ok = await worker
      .evaluate('globalThis.__gpumem ? globalThis.__gpumem.ready.then(() => true) : false')
      .catch(() => false);
    if (ok === true) return;
    if (Date.now() > end) throw new NoExtensionError('the extension did not register its page script within 30 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The extension's service worker as it is now (a new one after a restart). */
export async function currentWorker(context: BrowserContext, extensionId: string): Promise<Worker> {
  const live = context.serviceWorkers().find((w) => new URL(w.url()).host === extensionId);
  if (live) return live;
  return context.waitForEvent('serviceworker', {
    predicate: (w) => new URL(w.url()).host === extensionId,
    timeout: 30_000,
  });
}
