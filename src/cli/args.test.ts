import { describe, expect, it } from 'vitest';
import { parseArgs, parseByteCount, UsageError } from './args';

describe('parseArgs', () => {
  it('parses record with every option', () => {
    expect(parseArgs(['record', 'http://127.0.0.1:8080/x', '--duration', '2.5', '--out', 't.json', '--browser', '/b',
      '--browser-arg', '--foo', '--browser-arg', '--bar=1', '--gpu', '--fail-on-leak'])).toEqual({
      command: 'record', url: 'http://127.0.0.1:8080/x', durationS: 2.5, out: 't.json', browser: '/b',
      browserArgs: ['--foo', '--bar=1'], gpu: true, failOnLeak: true, settle: true, allowPending: false, json: false, quiet: false,
      failOnPageError: false, waitFor: undefined, script: undefined, budget: undefined,
    });
    expect(parseArgs(['record', 'http://x/', '--fail-on-page-error', '--wait-for', '#app canvas', '--script', 'r.mjs', '--budget', 'b.json'])).toMatchObject({
      failOnPageError: true, waitFor: '#app canvas', script: 'r.mjs', budget: 'b.json', durationS: 300,
    });
    expect(parseArgs(['record', 'http://x/', '--script', 'r.mjs', '--duration', '20'])).toMatchObject({ durationS: 20 });
    expect(() => parseArgs(['record', 'http://x/', '--wait-for', ' '])).toThrow('--wait-for needs a selector');
    expect(parseArgs(['record', 'http://x/', '--no-settle', '--allow-pending', '--json'])).toMatchObject({ settle: false, allowPending: true, json: true });
  });
  it('takes --opt=value as --opt value, in any order around the url', () => {
    expect(parseArgs(['record', '--duration=3', '--browser-arg=--enable-unsafe-webgpu', '--out=a b.json', 'https://example.test/'])).toMatchObject({
      url: 'https://example.test/', durationS: 3, out: 'a b.json', browserArgs: ['--enable-unsafe-webgpu'],
    });
  });
  it('has defaults', () => {
    expect(parseArgs(['record', 'https://example.test/'])).toMatchObject({ durationS: 5, out: 'gpumem-trace.json', failOnLeak: false, gpu: false, browserArgs: [] });
    expect(parseArgs(['demo'])).toEqual({ command: 'demo', headless: false, browser: undefined });
  });
  it('gives the general and each command help, and the version', () => {
    const help = (argv: string[]): string => {
      const c = parseArgs(argv);
      if (c.command !== 'help') throw new Error(`not help: ${c.command}`);
      return c.text;
    };
    expect(help(['--help'])).toMatch(/^usage: gpumem <command>/);
    expect(help(['-h'])).toMatch(/^usage: gpumem <command>/);
    expect(help(['record', '--help'])).toMatch(/^usage: gpumem record <url>[\s\S]*exit codes:/);
    expect(help(['record', 'http://x/', '-h'])).toMatch(/^usage: gpumem record/);
    expect(help(['demo', '--help'])).toMatch(/^usage: gpumem demo/);
    expect(parseArgs(['--version'])).toEqual({ command: 'version' });
    expect(parseArgs(['-v'])).toEqual({ command: 'version' });
  });
  it.each([
    [[], /no command given/],
    [['frobnicate'], /unknown command frobnicate/],
    [['--wat'], /unknown option --wat/],
    [['record'], /exactly one <url>/],
    [['record', 'a', 'b'], /exactly one <url>/],
    [['record', 'not a url'], /not a URL/],
    [['record', 'javascript:alert(1)'], /only http, https and file/],
    [['record', 'http://x/', '--duration'], /--duration/],
    [['record', 'http://x/', '--duration', 'soon'], /--duration "soon"/],
    [['record', 'http://x/', '--duration', '-1'], /--duration/],
    [['record', 'http://x/', '--duration='], /--duration "": expected seconds/],
    [['record', 'http://x/', '--duration', ' '], /--duration " ": expected seconds/],
    [['record', 'http://x/', '--duration', '86401'], /between 0 and 86400/],
    [['record', 'http://x/', '--out='], /--out needs a file name/],
    [['record', 'http://x/', '--wat'], /Unknown option '--wat'/],
    [['record', 'http://x/', '--gpu=yes'], /--gpu/],
    [['demo', 'extra'], /demo takes no arguments/],
    [['demo', '--duration', '3'], /Unknown option '--duration'/],
  ])('rejects %j as usage', (argv, why) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(why);
  });
  it('shows the command\'s usage with its error', () => {
    try {
      parseArgs(['record', 'http://x/', '--duration', 'soon']);
      throw new Error('no error');
    } catch (e) {
      expect((e as UsageError).usage).toMatch(/^usage: gpumem record/);
    }
  });

  it('parses diff, summary and view', () => {
    expect(parseArgs(['diff', 'a.json', 'b.json.gz', '--max-growth', '1.5MiB', '--max-growth-kind', 'webgl.texture=2MB', '--json'])).toEqual({
      command: 'diff', files: ['a.json', 'b.json.gz'], from: undefined, to: undefined, maxGrowth: 1572864,
      maxGrowthKind: new Map([['webgl.texture', 2_000_000]]), json: true,
    });
    expect(parseArgs(['diff', 'a.json', '--from=1', '--to', 'end'])).toMatchObject({ files: ['a.json'], from: '1', to: 'end' });
    expect(parseArgs(['summary', 't.json', '--json'])).toEqual({ command: 'summary', file: 't.json', json: true });
    expect(parseArgs(['view', 't.json', '--headless', '--browser-arg', '--foo'])).toEqual({ command: 'view', file: 't.json', browser: undefined, browserArgs: ['--foo'], headless: true });
  });
  it('refuses a diff it cannot do, with the reason', () => {
    const why = (argv: string[]): string => {
      try {
        parseArgs(argv);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(why(['diff', 'a.json'])).toBe('with one trace, name its snapshots to compare with --from and --to');
    expect(why(['diff'])).toBe('diff takes one or two trace files');
    expect(why(['diff', 'a', 'b', '--max-growth-kind', 'webgl.teapot=1'])).toMatch(/^--max-growth-kind "webgl.teapot=1": expected <kind>=<bytes>/);
    expect(why(['diff', 'a', 'b', '--max-growth=-1'])).toBe('--max-growth "-1": expected bytes, as 4096, 1.5MiB or 2MB');
    expect(why(['summary'])).toBe('summary takes exactly one trace file');
  });
  it('reads byte counts as people write them', () => {
    const b = (v: string): number => parseByteCount(v, '--x', '');
    expect([b('0'), b('4096'), b('1KiB'), b('1 kB'), b('1.5MiB'), b('2MB'), b('1GiB'), b('10b')]).toEqual([0, 4096, 1024, 1000, 1572864, 2_000_000, 1073741824, 10]);
    expect(() => b('1 KB/s')).toThrow(UsageError);
  });
});
