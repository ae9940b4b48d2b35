// `gpumem record` from the command line: signals, the summary on stdout, and the exit code a CI job reads.
import { badgeAlerts, budgetTable, overBudget, pageProblems, summaryJson, summaryText, terminalSafe } from '../model/model';
import type { RecordCommand } from './args';
import { readBudget, siteGrowth } from './budget-file';
import { findBrowser } from './find-browser';
import { ProgressReporter } from './progress';
import { recordPage } from './record';
import { loadUserScript } from './user-script';

/** Exit codes (RECORD_USAGE lists them). */
export const EXIT = { ok: 0, failed: 1, error: 2, interrupted: 3 } as const;

export async function runRecord(cmd: RecordCommand): Promise<number> {
  const script = cmd.script === undefined ? undefined : await loadUserScript(cmd.script);
  const budget = cmd.budget === undefined ? undefined : readBudget(cmd.budget);
  const browser = findBrowser(cmd.browser);
  const progress = new ProgressReporter(process.stderr, cmd.quiet);
  // The first SIGINT or SIGTERM stops the recording and writes what it holds; a second one quits at once.
  const stop = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => {
    progress.done();
    if (stop.signal.aborted) {
      console.error(`gpumem: ${sig} again: quitting without the trace`);
      process.exit(sig === 'SIGINT' ? 130 : 143);
    }
    console.error(`gpumem: ${sig}: stopping the recording and writing what it holds (${sig} again quits at once)`);
    stop.abort(new Error(sig));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const r = await recordPage({
      url: cmd.url, durationS: cmd.durationS, browser, browserArgs: cmd.browserArgs, gpu: cmd.gpu, out: cmd.out,
      settle: cmd.settle, waitFor: cmd.waitFor, script, signal: stop.signal, startSnapshot: budget?.growthPerSite !== undefined,
      log: (line) => {
        progress.done();
        if (!cmd.quiet) console.error(line);
      },
      progress: (p) => progress.update(p),
    }).finally(() => progress.done());
    const { digest } = r;
    const say = cmd.json ? console.error : console.log;
    const over = budget ? overBudget(budget, digest.summary, budget.growthPerSite === undefined ? [] : siteGrowth(cmd.out)) : [];
    if (cmd.json) console.log(JSON.stringify(summaryJson(digest, { trace: cmd.out, scriptError: r.scriptError, checkpoints: r.checkpoints, ...(budget ? { overBudget: over } : {}) }), null, 2));
    else console.log(summaryText(digest));
    if (budget) say(over.length === 0 ? `budget ${terminalSafe(cmd.budget!)}: within it` : `budget ${terminalSafe(cmd.budget!)}: ${over.length} over\n${budgetTable(over)}`);
    say(`trace written to ${cmd.out}${r.interrupted ? ' (what was recorded until the interruption)' : ''}`);
    if (r.scriptError !== null) console.error(`gpumem: the script failed: ${r.scriptError.split('\n').map(terminalSafe).join('\n')}`);
    const unseen = digest.counts.notInstrumented;
    if (unseen > 0) console.error(`gpumem: ${unseen} worker${unseen === 1 ? '' : 's'} or canvases handed to workers: their GPU memory, and any leak in it, is not recorded`);
    if (digest.meta.page?.loadError !== undefined) console.error(`gpumem: the page did not load: ${terminalSafe(digest.meta.page.loadError)}`);
    if (r.interrupted) return EXIT.interrupted;
    if (r.loadFailed || r.scriptError !== null) return EXIT.error;
    // The alerts the badge counts: active warnings and errors (info alerts never fail a build), and those
    // pending when the recording ended, unless the user allows them.
    const pending = cmd.allowPending ? 0 : (digest.pending ?? []).length;
    const leaks = cmd.failOnLeak && badgeAlerts(digest.alerts).count + pending > 0;
    const pageFailed = cmd.failOnPageError && pageProblems(digest.meta.page) > 0;
    return leaks || pageFailed || over.length > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
