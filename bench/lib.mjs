// Shared by the overhead benchmarks: three Chromiums (no tool, the extension, a page-loaded tool), timed
// loops interleaved round by round, and medians of per-round ratios against no tool, of wall time and of
// the page thread's CPU time. Each browser instance runs a few percent faster or slower than another for
// its whole life (measured: an unhooked loop at 0.79-1.17x across fresh instances), so the rounds are
// spread over several sets of fresh browsers and the medians are taken over all of them.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { launchBrowser } from '../dist-cli/launch-browser.mjs';

export const ROOT = resolve(import.meta.dirname, '..');
/** The extension build: dist, or GPUMEM_EXT (another build's folder, to compare builds). */
const EXT = resolve(process.env.GPUMEM_EXT || resolve(ROOT, 'dist'));
const browserPath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** A numeric option `--name <n>`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) || fallback : fallback;
}

/** A text option `--name <text>`. */
export function argText(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/**
 * Serves `page(tool)` at / (no tool) and /<tool> (the tool's script first), the tool's script at
 * /<tool>.js. Returns the base URL and a close function.
 */
export async function serve(tool, toolScript, page) {
  const server = createServer((q, r) => {
    if (q.url === `/${tool}.js`) return r.writeHead(200, { 'content-type': 'text/javascript' }).end(toolScript);
    r.writeHead(200, { 'content-type': 'text/html' }).end(page(q.url === `/${tool}`));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/**
 * A fresh Chromium, with the extension when `extension`; waits until the background has registered the
 * page agent (it does at run time, from the settings), after saving `settings` first when given.
 */
export async function launch(extension, settings, extraArgs = []) {
  // The CLI's launcher and flags (SwiftShader; GPUMEM_GPU=1: the machine's GPU through Vulkan); it waits
  // until the background has registered the page agent.
  const { context: ctx, worker } = await launchBrowser({
    browser: browserPath,
    headless: true,
    gpu: process.env.GPUMEM_GPU === '1',
    extensionDir: EXT,
    noExtension: !extension,
    args: extraArgs,
  });
  if (!extension) return ctx;
  if (settings) {
    await worker.evaluate(`chrome.storage.local.set({ settings: ${JSON.stringify(settings)} })`);
    // The background re-registers the agent from the settings: wait until the registration shows them.
    const want = JSON.stringify([settings.stacks === false ? 2 : 1, (settings.disabledSites ?? []).map((h) => `*://${h}/*`)]);
    const registered = () =>
      worker.evaluate('chrome.scripting.getRegisteredContentScripts().then((s) => JSON.stringify([s[0]?.js.length ?? 0, s[0]?.excludeMatches ?? []]))');
    while ((await registered()) !== want) await new Promise((r) => setTimeout(r, 50));
  }
  return ctx;
}

/**
 * Opens the page in a fresh Chromium for one variant, checks the variant is what it claims, warms up.
 * `extension-nostacks` is the extension with creation stacks switched off (options page).
 */
export async function open(variant, { url, tool, hookedProbe, toolProbe, setup, warmup }) {
  const withExtension = variant === 'extension' || variant === 'extension-nostacks';
  const ctx = await launch(withExtension, variant === 'extension-nostacks' ? { stacks: false } : undefined);
  const page = await ctx.newPage();
  await page.goto(variant === tool ? `${url}${tool}` : url);
  if ((await page.evaluate(hookedProbe)) !== withExtension) throw new Error(`extension ${withExtension ? 'not loaded' : 'loaded in the baseline'}`);
  if (setup) await page.evaluate(setup);
  if (variant === tool && !(await page.evaluate(toolProbe))) throw new Error(`${tool} not loaded`);
  await page.evaluate(warmup);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { ctx, page, cdp };
}

/** CPU time of the page's main thread: excludes the time it sleeps waiting on the GPU process. */
async function threadMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ThreadTime').value * 1000;
}

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
};

/**
 * Runs each loop (a window function returning wall ms) in every variant, round by round, in `sets` sets of
 * fresh browsers (`openVariant(v)` opens one), and prints medians over all rounds of all sets, with the
 * thread-CPU median of each set for the spread.
 */
export async function compare({ openVariant, variants, loops, rounds, sets }) {
  const lists = () => Object.fromEntries(Object.keys(loops).map((l) => [l, Object.fromEntries(variants.map((v) => [v, []]))]));
  const wall = lists();
  const cpu = lists();
  const perSet = Object.fromEntries(Object.keys(loops).map((l) => [l, Object.fromEntries(variants.slice(1).map((v) => [v, []]))]));
  let version = '';
  for (let s = 0; s < sets; s++) {
    const browsers = {};
    for (const v of variants) browsers[v] = await openVariant(v);
    version = browsers[variants[0]].ctx.browser()?.version() ?? '';
    const first = Object.fromEntries(Object.keys(loops).map((l) => [l, cpu[l][variants[0]].length]));
    for (let r = 0; r < rounds; r++) {
      for (const loop of Object.keys(loops)) {
        for (const v of variants) {
          const b = browsers[v];
          const before = await threadMs(b.cdp);
          wall[loop][v].push(await b.page.evaluate(`window.${loop}()`));
          cpu[loop][v].push((await threadMs(b.cdp)) - before);
          // The GPU work the run queued is waited for outside the measured window (the page's sync, if any).
          await b.page.evaluate('window.sync ? window.sync() : undefined');
        }
      }
    }
    for (const loop of Object.keys(loops)) {
      const base = cpu[loop][variants[0]];
      for (const v of variants.slice(1)) {
        const ratios = cpu[loop][v].slice(first[loop]).map((x, i) => x / base[first[loop] + i]);
        perSet[loop][v].push(median(ratios));
      }
    }
    for (const v of variants) await browsers[v].ctx.close();
  }
  console.log(`sets: ${sets} x rounds: ${rounds}, Chromium ${version}`);
  for (const [loop, what] of Object.entries(loops)) {
    for (const [label, t] of [['wall', wall], ['thread CPU', cpu]]) {
      const base = t[loop][variants[0]];
      const parts = variants.slice(1).map((v) => {
        const spread = label === 'thread CPU' ? ` [sets: ${perSet[loop][v].map((x) => x.toFixed(2)).join(' ')}]` : '';
        return `${v} ${median(t[loop][v].map((x, i) => x / base[i])).toFixed(3)}x (${median(t[loop][v]).toFixed(2)} ms)${spread}`;
      });
      console.log(`${what}, ${label}: no tool ${median(base).toFixed(2)} ms; ${parts.join('; ')}`);
    }
  }
}
