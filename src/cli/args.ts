// Command-line grammar of `gpumem`.

export const USAGE = `usage:
  gpumem record <url> [--duration <seconds>] [--out <file>] [--browser <path>]
                      [--browser-arg <flag>]... [--gpu] [--fail-on-leak]
  gpumem demo [--headless] [--browser <path>]      (what \`npm start\` runs)
  gpumem --help

record  loads <url> in headless Chromium with the extension, records it for --duration seconds
        (default 5), prints a summary and writes the trace (default gpumem-trace.json).
exit    0 recorded; 1 --fail-on-leak and the trace has alerts; 2 bad usage, page did not load, no browser.
browser --browser, else $CHROME_PATH, else the usual install paths.
--gpu   WebGL and WebGPU on the machine's GPU through Vulkan (default: SwiftShader, on the CPU).`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export type Command =
  | { command: 'help' }
  | {
      command: 'record';
      url: string;
      durationS: number;
      out: string;
      browser: string | undefined;
      browserArgs: string[];
      gpu: boolean;
      failOnLeak: boolean;
    }
  | { command: 'demo'; headless: boolean; browser: string | undefined };

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) throw new UsageError('no command given');
  const [cmd, ...rest] = argv;
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') return { command: 'help' };
  const positional: string[] = [];
  let durationS = 5;
  let out = 'gpumem-trace.json';
  let browser: string | undefined;
  const browserArgs: string[] = [];
  let failOnLeak = false;
  let gpu = false;
  let headless = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--duration': {
        const v = value();
        durationS = Number(v);
        if (!Number.isFinite(durationS) || durationS < 0 || durationS > 86_400) {
          throw new UsageError(`--duration ${v}: expected seconds between 0 and 86400`);
        }
        break;
      }
      case '--out': out = value(); break;
      case '--browser': browser = value(); break;
      case '--browser-arg': browserArgs.push(value()); break;
      case '--fail-on-leak': failOnLeak = true; break;
      case '--gpu': gpu = true; break;
      case '--headless': headless = true; break;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        positional.push(a);
    }
  }
  if (cmd === 'demo') {
    if (positional.length) throw new UsageError('demo takes no arguments');
    return { command: 'demo', headless, browser };
  }
  if (cmd !== 'record') throw new UsageError(`unknown command ${cmd}`);
  if (positional.length !== 1) throw new UsageError('record takes exactly one <url>');
  const url = positional[0]!;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${url} is not a URL (include the scheme, e.g. http://127.0.0.1:8080/)`);
  }
  if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) {
    throw new UsageError(`${url}: only http, https and file URLs can be recorded`);
  }
  return { command: 'record', url: parsed.href, durationS, out, browser, browserArgs, gpu, failOnLeak };
}
