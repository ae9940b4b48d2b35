// src/cli: the `gpumem` command and the Playwright fixture (Node). They drive Chromium with the built
// extension; they share only src/model with the extension.
import { BudgetError, DiffPointError, terminalSafe } from '../model/model';
import pkg from '../../package.json';
import { CONVERT_USAGE, parseArgs, RECORD_USAGE, UsageError, VERSION_LINE } from './args';
import { runDemo } from './demo';
import { findBrowser, NoBrowserError } from './find-browser';
import { NoExtensionError } from './launch-browser';
import { ExtensionError } from './record';
import { runRecord } from './record-command';
import { readTraceFile, TraceFileError } from './read-trace';
import { runConvert, runDiff, runSummary } from './trace-commands';
import { unwritable } from './trace-file';
import { ScriptError } from './user-script';
import { NoDisplayError, viewTrace } from './view';

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const cmd = parseArgs(argv);
    if (cmd.command === 'help') {
      console.log(cmd.text);
      return 0;
    }
    if (cmd.command === 'version') {
      console.log(VERSION_LINE(pkg.version));
      return 0;
    }
    if (cmd.command === 'summary') return runSummary(cmd.file, cmd.json);
    if (cmd.command === 'diff') return runDiff(cmd);
    if (cmd.command === 'convert') {
      const why = unwritable(cmd.out);
      if (why !== null) throw new UsageError(`--out ${cmd.out}: ${why}`, CONVERT_USAGE);
      return await runConvert(cmd.file, cmd.out);
    }
    if (cmd.command === 'view') readTraceFile(cmd.file);
    if (cmd.command === 'record') {
      const why = unwritable(cmd.out);
      if (why !== null) throw new UsageError(`--out ${cmd.out}: ${why}`, RECORD_USAGE);
      return await runRecord(cmd);
    }
    const browser = findBrowser(cmd.browser);
    if (cmd.command === 'demo') {
      await runDemo(browser, cmd.headless);
      return 0;
    }
    if (cmd.command === 'view') {
      await viewTrace({ file: cmd.file, browser, browserArgs: cmd.browserArgs, headless: cmd.headless });
      return 0;
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`gpumem: ${terminalSafe(e.message)}\n\n${e.usage}`);
      return 2;
    }
    if (e instanceof NoBrowserError || e instanceof TraceFileError || e instanceof DiffPointError || e instanceof NoDisplayError || e instanceof ScriptError || e instanceof BudgetError || e instanceof NoExtensionError || e instanceof ExtensionError) {
      console.error(`gpumem: ${terminalSafe(e.message)}`);
      return 2;
    }
    console.error(`gpumem: ${terminalSafe((e as Error).stack ?? String(e))}`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  () => process.exit(2),
);
