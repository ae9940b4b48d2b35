// Command-line grammar of `gpumem`, parsed with node:util's parseArgs: `--opt value` and `--opt=value`
// both work, per-command help and options, and every value is checked before a browser starts.
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';

export const VERSION_LINE = (version: string): string => `gpumem ${version}`;

export const RECORD_USAGE = `usage: gpumem record <url> [options]

Loads <url> in headless Chromium with the extension, records it, prints a summary and writes the trace.

options:
  --duration <seconds>   how long to record (default 5; 0 to 86400)
  --out <file>           where to write the trace (default gpumem-trace.json)
  --fail-on-leak         exit 1 when the trace has active leak alerts (warnings and errors)
  --browser <path>       the Chromium to run (default: $CHROME_PATH, else the usual install paths)
  --browser-arg <flag>   one more Chromium command-line flag (repeatable)
  --gpu                  WebGL and WebGPU on the machine's GPU through Vulkan (default: SwiftShader)
  -h, --help             this help

exit codes:
  0  recorded
  1  --fail-on-leak and the trace has active leak alerts
  2  bad usage, no browser, the page did not load, or the extension failed`;

const DEMO_USAGE = `usage: gpumem demo [options]

Serves examples/leaky-scene.html and opens it in Chromium with the extension and DevTools (what
\`npm start\` runs). With --headless, or with no display, records it for 14 s and prints the summary.

options:
  --headless             record headless and print the summary instead of opening a window
  --browser <path>       the Chromium to run (default: $CHROME_PATH, else the usual install paths)
  -h, --help             this help`;

export const USAGE = `usage: gpumem <command> [options]

commands:
  record <url>   record a page headless and write its trace (gpumem record --help)
  demo           open the demo scene with the extension (gpumem demo --help)

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
}

export type Command =
  | { command: 'help'; text: string }
  | { command: 'version' }
  | RecordCommand
  | { command: 'demo'; headless: boolean; browser: string | undefined };

const RECORD_OPTIONS = {
  duration: { type: 'string' },
  out: { type: 'string', default: 'gpumem-trace.json' },
  browser: { type: 'string' },
  'browser-arg': { type: 'string', multiple: true, default: [] },
  gpu: { type: 'boolean', default: false },
  'fail-on-leak': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

const DEMO_OPTIONS = {
  headless: { type: 'boolean', default: false },
  browser: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

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

function seconds(v: string | undefined): number {
  if (v === undefined) return 5;
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
    return {
      command: 'record',
      url: recordUrl(positionals[0]!),
      durationS: seconds(values.duration),
      out: values.out,
      browser: values.browser,
      browserArgs: values['browser-arg'],
      gpu: values.gpu,
      failOnLeak: values['fail-on-leak'],
    };
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
