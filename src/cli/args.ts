// Command-line grammar of `gpumem`, parsed with node:util's parseArgs: `--opt value` and `--opt=value`
// both work, per-command help and options, and every value is checked before a browser starts.
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
import { KINDS, parseBytes } from '../model/model';

export const VERSION_LINE = (version: string): string => `gpumem ${version}`;

export const RECORD_USAGE = `usage: gpumem record <url> [options]

Loads <url> in headless Chromium with the extension, records it, prints a summary and writes the trace.

options:
  --duration <seconds>   how long to record (default 5; 0 to 86400)
  --out <file>           where to write the trace (default gpumem-trace.json; gzipped when it ends in .gz)
  --fail-on-leak         exit 1 when the trace has active leak alerts (warnings and errors), or
                         alerts still pending when the recording ends
  --allow-pending        with --fail-on-leak, do not count pending alerts
  --json                 print the summary as JSON on stdout (what it says besides goes to stderr)
  --quiet                no progress on stderr (by default: one updating line on a terminal, else a
                         line every 5 s and whenever an alert turns pending or active)
  --no-settle            stop at --duration even when alerts are pending (by default the recording
                         goes on until they are due: at most the longest grace, 10 s by default)
  --fail-on-page-error   exit 1 when the page threw an uncaught error or crashed (a page that does not
                         load exits 2 in any case)
  --budget <file.json>   exit 1 when the recording goes over a budget: {"bytes": "64MiB", "perKind":
                         {"webgl.texture": {"bytes": "32MiB", "count": 200}}, "growthPerSite": "1MiB"}
                         (growth is from the start of the recording window to its end)
  --wait-for <selector>  start the recording window once the page shows this (CSS or Playwright selector)
  --script <file.mjs>    a module whose default export, async (page, gpumem) => {…}, drives the page
                         (Playwright's Page; gpumem.snapshot() marks a snapshot): the recording lasts
                         while it runs (at most --duration, default 300 s with a script), then settles
  --browser <path>       the Chromium to run (default: $CHROME_PATH, else the usual install paths)
  --browser-arg <flag>   one more Chromium command-line flag (repeatable)
  --gpu                  WebGL and WebGPU on the machine's GPU through Vulkan (default: SwiftShader)
  -h, --help             this help

exit codes:
  0  recorded
  1  --fail-on-leak and the trace has active leak alerts, or pending ones (without --allow-pending);
     --fail-on-page-error and the page threw or crashed; --budget and it went over
  2  bad usage, no browser, the page did not load, the script failed, or the extension failed
  3  interrupted (SIGINT, SIGTERM, the browser exited): the trace holds what was recorded until then

A trace is written whatever happens once the browser has started, and the summary says what went wrong.`;

const DEMO_USAGE = `usage: gpumem demo [options]

Serves examples/leaky-scene.html and opens it in Chromium with the extension and DevTools (what
\`npm start\` runs). With --headless, or with no display, records it for 14 s and prints the summary.

options:
  --headless             record headless and print the summary instead of opening a window
  --browser <path>       the Chromium to run (default: $CHROME_PATH, else the usual install paths)
  -h, --help             this help`;

export const DIFF_USAGE = `usage: gpumem diff <a.json> [<b.json>] [options]

Compares the GPU memory live at two points, per kind and per creation site: the end of trace a and the
end of trace b, or two snapshots of one trace (--from, --to). Traces may be gzipped.

options:
  --from <snapshot>            the point in a: a snapshot's name, id or number (1 is the first), or end (default)
  --to <snapshot>              the point in b (in a when only a is given): as --from; default end
  --max-growth <bytes>         exit 1 when the total grew by more (e.g. 0, 4096, 1.5MiB, 2MB)
  --max-growth-kind <kind=bytes>  exit 1 when that kind grew by more (repeatable: webgl.texture=1MiB)
  --json                       print the comparison as JSON
  -h, --help                   this help

exit codes:
  0  compared, within the limits
  1  a growth limit was exceeded
  2  bad usage, or a file that is not a readable trace (the message says which field and why)`;

export const SUMMARY_USAGE = `usage: gpumem summary <trace.json> [--json]

Prints a trace's live GPU memory per kind, its alerts, losses and snapshots, as the panel computes them
from its events. Traces may be gzipped.

options:
  --json       print it as JSON
  -h, --help   this help

exit codes:
  0  printed
  2  bad usage, or a file that is not a readable trace (the message says which field and why)`;

export const CONVERT_USAGE = `usage: gpumem convert <trace.json> --to chrome-trace [--out <file>]

Writes a trace in Chrome's Trace Event Format, which Perfetto UI (ui.perfetto.dev), chrome://tracing and
the DevTools Performance panel open: counter tracks of bytes and count per kind per context, each
object's lifetime as an async slice (kind and label; bytes and creation site in its args), alerts,
snapshots and page errors as instant events, and the tab, its document frames and contexts named.

options:
  --to <format>    chrome-trace (the only one)
  --out <file>     where to write it (default: the trace's name with .chrome-trace.json; gzipped when
                   it ends in .gz, which Perfetto opens as well)
  -h, --help       this help

exit codes:
  0  written
  2  bad usage, or a file that is not a readable trace (the message says which field and why)`;

export const VIEW_USAGE = `usage: gpumem view <trace.json> [options]

Opens the trace in the extension's trace viewer (every view of the panel) in Chromium. Close the window
or press Ctrl-C to stop.

options:
  --browser <path>       the Chromium to run (default: $CHROME_PATH, else the usual install paths)
  --browser-arg <flag>   one more Chromium command-line flag (repeatable)
  --headless             without a window (for scripts that drive the viewer over --remote-debugging-port)
  -h, --help             this help

exit codes:
  0  the viewer was closed
  2  bad usage, no browser, or a file that is not a readable trace`;

export const USAGE = `usage: gpumem <command> [options]

commands:
  record <url>      record a page headless and write its trace (gpumem record --help)
  diff <a> [<b>]    compare two traces, or two snapshots of one, per kind and site (gpumem diff --help)
  summary <trace>   print a trace's summary (gpumem summary --help)
  view <trace>      open a trace in the extension's viewer (gpumem view --help)
  convert <trace>   write a trace for Perfetto and chrome://tracing (gpumem convert --help)
  demo              open the demo scene with the extension (gpumem demo --help)

options:
  -h, --help     this help, or a command's with gpumem <command> --help
  -v, --version  the version`;

export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    /** The usage text shown with the message. */
    readonly usage: string = USAGE,
  ) {
    super(message);
  }
}

export interface RecordCommand {
  command: 'record';
  url: string;
  durationS: number;
  out: string;
  browser: string | undefined;
  browserArgs: string[];
  gpu: boolean;
  failOnLeak: boolean;
  /** Go on recording until pending alerts are due (bounded by their grace). */
  settle: boolean;
  /** --fail-on-leak does not count pending alerts. */
  allowPending: boolean;
  /** The summary as JSON on stdout. */
  json: boolean;
  /** No progress lines (nor the settling notice) on stderr. */
  quiet: boolean;
  failOnPageError: boolean;
  waitFor: string | undefined;
  /** The user's module that drives the page. */
  script: string | undefined;
  /** A budget file to check the recording against. */
  budget: string | undefined;
}

export interface DiffCommand {
  command: 'diff';
  files: string[];
  from: string | undefined;
  to: string | undefined;
  maxGrowth: number | undefined;
  maxGrowthKind: Map<string, number>;
  json: boolean;
}

export type Command =
  | { command: 'help'; text: string }
  | { command: 'version' }
  | RecordCommand
  | DiffCommand
  | { command: 'summary'; file: string; json: boolean }
  | { command: 'convert'; file: string; to: 'chrome-trace'; out: string }
  | { command: 'view'; file: string; browser: string | undefined; browserArgs: string[]; headless: boolean }
  | { command: 'demo'; headless: boolean; browser: string | undefined };

const RECORD_OPTIONS = {
  duration: { type: 'string' },
  out: { type: 'string', default: 'gpumem-trace.json' },
  browser: { type: 'string' },
  'browser-arg': { type: 'string', multiple: true, default: [] },
  gpu: { type: 'boolean', default: false },
  'fail-on-leak': { type: 'boolean', default: false },
  'allow-pending': { type: 'boolean', default: false },
  'no-settle': { type: 'boolean', default: false },
  'fail-on-page-error': { type: 'boolean', default: false },
  'wait-for': { type: 'string' },
  script: { type: 'string' },
  budget: { type: 'string' },
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

const DEMO_OPTIONS = {
  headless: { type: 'boolean', default: false },
  browser: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

const DIFF_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  'max-growth': { type: 'string' },
  'max-growth-kind': { type: 'string', multiple: true, default: [] },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

const SUMMARY_OPTIONS = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

const CONVERT_OPTIONS = {
  to: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** `a.json` → `a.chrome-trace.json`, `a.json.gz` → `a.chrome-trace.json.gz`. */
export function chromeTraceName(file: string): string {
  const m = /^(.*?)(\.json)?(\.gz)?$/i.exec(file)!;
  return `${m[1]}.chrome-trace.json${m[3] ?? ''}`;
}

const VIEW_OPTIONS = {
  browser: { type: 'string' },
  'browser-arg': { type: 'string', multiple: true, default: [] },
  headless: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** A byte count as a person writes it: 4096, 1.5MiB, 2 MB (KiB, MiB, GiB are powers of 1024; kB, MB, GB of 1000). */
export function parseByteCount(v: string, option: string, usage: string): number {
  const n = parseBytes(v);
  if (n === null) throw new UsageError(`${option} ${JSON.stringify(v)}: expected bytes, as 4096, 1.5MiB or 2MB`, usage);
  return n;
}

/** node:util's parse, with its errors (unknown option, missing value) turned into usage errors. */
function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: O, usage: string) {
  // A Chromium flag begins with "--", which parseArgs would take for an option: the value of
  // --browser-arg is the next word whatever it looks like.
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--browser-arg' && i + 1 < args.length) joined.push(`--browser-arg=${args[++i]}`);
    else joined.push(args[i]!);
  }
  try {
    return parseNodeArgs({ args: joined, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/\s*To specify a positional argument.*$/, ''), usage);
  }
}

function seconds(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const s = v.trim();
  // Number('') is 0: an empty value is a mistake, not "record for no time".
  const n = s === '' ? NaN : Number(s);
  if (!Number.isFinite(n) || n < 0 || n > 86_400) {
    throw new UsageError(`--duration ${JSON.stringify(v)}: expected seconds between 0 and 86400`, RECORD_USAGE);
  }
  return n;
}

function recordUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${url} is not a URL (include the scheme, e.g. http://127.0.0.1:8080/)`, RECORD_USAGE);
  }
  if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) {
    throw new UsageError(`${url}: only http, https and file URLs can be recorded`, RECORD_USAGE);
  }
  return parsed.href;
}

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) throw new UsageError('no command given');
  const [cmd, ...rest] = argv;
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') return { command: 'help', text: USAGE };
  if (cmd === '--version' || cmd === '-v') return { command: 'version' };
  if (cmd === 'record') {
    const { values, positionals } = parse(rest, RECORD_OPTIONS, RECORD_USAGE);
    if (values.help) return { command: 'help', text: RECORD_USAGE };
    if (positionals.length !== 1) throw new UsageError('record takes exactly one <url>', RECORD_USAGE);
    if (values.out.trim() === '') throw new UsageError('--out needs a file name', RECORD_USAGE);
    if (values.browser !== undefined && values.browser.trim() === '') throw new UsageError('--browser needs a path', RECORD_USAGE);
    if (values['wait-for'] !== undefined && values['wait-for'].trim() === '') throw new UsageError('--wait-for needs a selector', RECORD_USAGE);
    if (values.script !== undefined && values.script.trim() === '') throw new UsageError('--script needs a file', RECORD_USAGE);
    return {
      command: 'record',
      url: recordUrl(positionals[0]!),
      durationS: seconds(values.duration, values.script === undefined ? 5 : 300),
      out: values.out,
      browser: values.browser,
      browserArgs: values['browser-arg'],
      gpu: values.gpu,
      failOnLeak: values['fail-on-leak'],
      settle: !values['no-settle'],
      allowPending: values['allow-pending'],
      json: values.json,
      quiet: values.quiet,
      failOnPageError: values['fail-on-page-error'],
      waitFor: values['wait-for'],
      script: values.script,
      budget: values.budget,
    };
  }
  if (cmd === 'diff') {
    const { values, positionals } = parse(rest, DIFF_OPTIONS, DIFF_USAGE);
    if (values.help) return { command: 'help', text: DIFF_USAGE };
    if (positionals.length < 1 || positionals.length > 2) throw new UsageError('diff takes one or two trace files', DIFF_USAGE);
    if (positionals.length === 1 && values.from === undefined && values.to === undefined) {
      throw new UsageError('with one trace, name its snapshots to compare with --from and --to', DIFF_USAGE);
    }
    const perKind = new Map<string, number>();
    for (const v of values['max-growth-kind']) {
      const eq = v.indexOf('=');
      const kind = v.slice(0, eq);
      if (eq < 1 || !(KINDS as readonly string[]).includes(kind)) {
        throw new UsageError(`--max-growth-kind ${JSON.stringify(v)}: expected <kind>=<bytes> with a kind such as webgl.texture (${KINDS.length} kinds: gpumem summary lists a trace's)`, DIFF_USAGE);
      }
      perKind.set(kind, parseByteCount(v.slice(eq + 1), '--max-growth-kind', DIFF_USAGE));
    }
    return {
      command: 'diff',
      files: positionals,
      from: values.from,
      to: values.to,
      maxGrowth: values['max-growth'] === undefined ? undefined : parseByteCount(values['max-growth'], '--max-growth', DIFF_USAGE),
      maxGrowthKind: perKind,
      json: values.json,
    };
  }
  if (cmd === 'summary') {
    const { values, positionals } = parse(rest, SUMMARY_OPTIONS, SUMMARY_USAGE);
    if (values.help) return { command: 'help', text: SUMMARY_USAGE };
    if (positionals.length !== 1) throw new UsageError('summary takes exactly one trace file', SUMMARY_USAGE);
    return { command: 'summary', file: positionals[0]!, json: values.json };
  }
  if (cmd === 'convert') {
    const { values, positionals } = parse(rest, CONVERT_OPTIONS, CONVERT_USAGE);
    if (values.help) return { command: 'help', text: CONVERT_USAGE };
    if (positionals.length !== 1) throw new UsageError('convert takes exactly one trace file', CONVERT_USAGE);
    if (values.to !== 'chrome-trace') {
      throw new UsageError(values.to === undefined ? 'convert needs --to chrome-trace' : `--to ${JSON.stringify(values.to)}: the format is chrome-trace`, CONVERT_USAGE);
    }
    if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a file name', CONVERT_USAGE);
    return { command: 'convert', file: positionals[0]!, to: 'chrome-trace', out: values.out ?? chromeTraceName(positionals[0]!) };
  }
  if (cmd === 'view') {
    const { values, positionals } = parse(rest, VIEW_OPTIONS, VIEW_USAGE);
    if (values.help) return { command: 'help', text: VIEW_USAGE };
    if (positionals.length !== 1) throw new UsageError('view takes exactly one trace file', VIEW_USAGE);
    if (values.browser !== undefined && values.browser.trim() === '') throw new UsageError('--browser needs a path', VIEW_USAGE);
    return { command: 'view', file: positionals[0]!, browser: values.browser, browserArgs: values['browser-arg'], headless: values.headless };
  }
  if (cmd === 'demo') {
    const { values, positionals } = parse(rest, DEMO_OPTIONS, DEMO_USAGE);
    if (values.help) return { command: 'help', text: DEMO_USAGE };
    if (positionals.length) throw new UsageError('demo takes no arguments', DEMO_USAGE);
    if (values.browser !== undefined && values.browser.trim() === '') throw new UsageError('--browser needs a path', DEMO_USAGE);
    return { command: 'demo', headless: values.headless, browser: values.browser };
  }
  throw new UsageError(cmd!.startsWith('-') ? `unknown option ${cmd}` : `unknown command ${cmd}`);
}
