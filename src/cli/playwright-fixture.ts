// gpu-memory-inspector/playwright: a Playwright Test fixture for the tests users already write. Each test
// gets a Chromium with the extension (its own browser: the recording is the test's alone) and a `gpumem`
// object to snapshot, read alerts and the trace; the matchers toHaveNoLeaks() and toStayUnder() fail a
// test as `gpumem record` fails a CI job, and a failed test carries its trace as an attachment.
import { type BrowserContext, expect as baseExpect, type Page, test as base, type TestInfo } from '@playwright/test';
import { gunzipSync } from 'node:zlib';
import { type Budget, BudgetError, budgetTable, overBudget, parseBudget, type PendingAlert, terminalSafe, type Trace, type TraceAlert } from '../model/model';
import { findBrowser } from './find-browser';
import { currentWorker, launchBrowser } from './launch-browser';
import { type SessionInfo, sessionOf } from './page-session';
import { SETTLE_CAP_MS, untilDue } from './settle';

export interface GpuMemOptions {
  /** The Chromium to run (default: $CHROME_PATH, else the usual install paths). */
  browser?: string;
  /** WebGL and WebGPU on the machine's GPU through Vulkan (default: SwiftShader). */
  gpu?: boolean;
  /** The built extension (default: this package's dist/). */
  extensionDir?: string;
  /** More Chromium flags. */
  browserArgs?: string[];
}

export interface GpuMemState {
  /** The recording's time (ms since it started). */
  now: number;
  summary: Trace['summary'];
  /** Active warnings and errors (what the toolbar badge counts). */
  alerts: TraceAlert[];
  /** Alerts whose condition holds but whose grace has not run out. */
  pending: PendingAlert[];
}


/** How long a page's first batch may take to reach the worker before it counts as having no recording. */
const NO_RECORDING_MS = 2_000;

export class GpuMem {
  constructor(
    private readonly context: BrowserContext,
    private readonly extensionId: string,
    private readonly page: Page,
  ) {}

  /**
   * Evaluates `expr` for the page's recording in the extension's worker; null when the page has no
   * recording within NO_RECORDING_MS (its first batch leaves the page at most SEND_DELAY_MS after its first
   * GPU call, so a page that has just made one is waited for).
   */
  private async call<T>(expr: (tabId: number) => string): Promise<T | null> {
    const end = Date.now() + NO_RECORDING_MS;
    for (;;) {
      const w = await currentWorker(this.context, this.extensionId);
      const list = (await w.evaluate('globalThis.__gpumem.sessions()')) as SessionInfo[];
      const tab = sessionOf(list, this.page.url());
      if (tab) return (await w.evaluate(expr(tab.tabId))) as T;
      if (Date.now() > end) return null;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Marks a snapshot of the live set, as the panel's button does (it shows in the trace and the panel). */
  async snapshot(name?: string): Promise<{ id: string; name: string }> {
    const arg = name === undefined ? '' : `, ${JSON.stringify(name)}`;
    const r = await this.call<{ id: string; name: string } | { refused: string }>((tab) => `globalThis.__gpumem.snapshot(${tab}${arg})`);
    if (!r) throw new Error('gpumem.snapshot(): the page has used no WebGL or WebGPU yet');
    if ('refused' in r) throw new Error(`gpumem.snapshot(): ${r.refused}`);
    return r;
  }

  /** Live totals, alerts and pending alerts, with everything the page did before the call. */
  async state(): Promise<GpuMemState> {
    return (await this.call<GpuMemState>((tab) => `globalThis.__gpumem.state(${tab})`)) ?? { now: 0, summary: { live: {}, totalBytes: 0 }, alerts: [], pending: [] };
  }

  /** The active leak alerts (warnings and errors). */
  async alerts(): Promise<TraceAlert[]> {
    return (await this.state()).alerts;
  }

  /** Records on while alerts are pending, until they are due (at most 10.5 s): what toHaveNoLeaks() does first. */
  async settle(capMs = SETTLE_CAP_MS): Promise<GpuMemState> {
    const end = Date.now() + capMs;
    for (;;) {
      const st = await this.state();
      const left = end - Date.now();
      if (st.pending.length === 0 || left <= 0) return st;
      const dueIn = untilDue(st.pending, st.now);
      await new Promise((r) => setTimeout(r, Math.min(Math.max(dueIn, 100), left)));
    }
  }

  /** The trace's JSON text, as Export trace writes it (empty of events when the page used no GPU). */
  async traceText(): Promise<string> {
    const open = await this.call<{ id: string }>((tab) => `globalThis.__gpumem.exportOpen(${tab})`);
    if (!open) return '';
    const w = await currentWorker(this.context, this.extensionId);
    const parts: Buffer[] = [];
    for (;;) {
      const piece = (await w.evaluate(`globalThis.__gpumem.exportReadGzip(${JSON.stringify(open.id)})`)) as string | null;
      if (piece === null) break;
      parts.push(gunzipSync(Buffer.from(piece, 'base64')));
    }
    return Buffer.concat(parts).toString('utf8');
  }

  /** The trace as an object (null when the page used no WebGL or WebGPU). */
  async trace(): Promise<Trace | null> {
    const text = await this.traceText();
    return text === '' ? null : (JSON.parse(text) as Trace);
  }
}

const alertLines = (alerts: readonly TraceAlert[], pending: readonly PendingAlert[]): string =>
  [
    ...alerts.map((a) => `  [${a.severity}] ${a.rule}: ${terminalSafe(a.message)}`),
    ...pending.map((p) => `  [${p.severity}, pending] ${p.rule}: ${terminalSafe(p.message)}`),
  ].join('\n');

export const expect = baseExpect.extend({
  /**
   * Passes when the page has no active leak alert (warning or error). Alerts pending when it is called are
   * waited for until due, at most 10.5 s, unless `settle: false`; then they count unless `allowPending`.
   */
  async toHaveNoLeaks(gpumem: GpuMem, options: { settle?: boolean; allowPending?: boolean } = {}) {
    const st = options.settle === false ? await gpumem.state() : await gpumem.settle();
    const pending = options.allowPending ? [] : st.pending;
    const pass = st.alerts.length + pending.length === 0;
    return {
      name: 'toHaveNoLeaks',
      pass,
      message: () =>
        pass
          ? 'expected leak alerts, but the page has none'
          : `expected no leak alerts, but the page has ${st.alerts.length} active${pending.length ? ` and ${pending.length} pending` : ''}:\n${alertLines(st.alerts, pending)}`,
    };
  },

  /**
   * Passes when the live GPU memory is within the limits: `bytes` in all, and per kind `bytes` and `count`
   * (bytes as numbers or "32MiB"), as in `gpumem record --budget`.
   */
  async toStayUnder(gpumem: GpuMem, limits: { bytes?: number | string; perKind?: Record<string, { bytes?: number | string; count?: number }> }) {
    let budget: Budget;
    try {
      budget = parseBudget(limits);
    } catch (e) {
      throw new BudgetError(`toStayUnder(): ${(e as Error).message}`);
    }
    const over = overBudget(budget, (await gpumem.state()).summary);
    return {
      name: 'toStayUnder',
      pass: over.length === 0,
      message: () => (over.length === 0 ? 'expected the GPU memory to go over the limits, but it stayed under' : `GPU memory over the limits:\n${budgetTable(over)}`),
    };
  },
});

/** Attaches the test's trace to the report when the test did not end as expected. */
async function attachOnFailure(gpumem: GpuMem, testInfo: TestInfo): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus) return;
  const text = await gpumem.traceText().catch(() => '');
  if (text !== '') await testInfo.attach('gpumem-trace.json', { body: text, contentType: 'application/json' });
}

interface Launched {
  context: BrowserContext;
  extensionId: string;
}

export const test = base.extend<{ gpumem: GpuMem; gpumemOptions: GpuMemOptions; gpumemBrowser: Launched }>({
  gpumemOptions: [{}, { option: true }],
  // Each test's own browser with the extension (a persistent context is how Chromium loads one): the
  // recording is the test's alone.
  gpumemBrowser: async ({ gpumemOptions }, use) => {
    const { context, extensionId } = await launchBrowser({
      browser: findBrowser(gpumemOptions.browser),
      headless: true,
      gpu: gpumemOptions.gpu,
      extensionDir: gpumemOptions.extensionDir,
      args: gpumemOptions.browserArgs,
    });
    await use({ context, extensionId: extensionId! });
    await context.close();
  },
  context: async ({ gpumemBrowser }, use) => {
    await use(gpumemBrowser.context);
  },
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
  gpumem: async ({ gpumemBrowser, page }, use, testInfo) => {
    const gpumem = new GpuMem(gpumemBrowser.context, gpumemBrowser.extensionId, page);
    await use(gpumem);
    await attachOnFailure(gpumem, testInfo);
  },
});
