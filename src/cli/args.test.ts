import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args';

describe('parseArgs', () => {
  it('parses record with every option', () => {
    expect(parseArgs(['record', 'http://127.0.0.1:8080/x', '--duration', '2.5', '--out', 't.json', '--browser', '/b',
      '--browser-arg', '--foo', '--browser-arg', '--bar=1', '--gpu', '--fail-on-leak'])).toEqual({
      command: 'record', url: 'http://127.0.0.1:8080/x', durationS: 2.5, out: 't.json', browser: '/b',
      browserArgs: ['--foo', '--bar=1'], gpu: true, failOnLeak: true,
    });
  });
  it('has defaults', () => {
    expect(parseArgs(['record', 'https://example.test/'])).toMatchObject({ durationS: 5, out: 'gpumem-trace.json', failOnLeak: false, gpu: false, browserArgs: [] });
  });
  it.each([
    [[]],
    [['frobnicate']],
    [['record']],
    [['record', 'a', 'b']],
    [['record', 'not a url']],
    [['record', 'javascript:alert(1)']],
    [['record', 'http://x/', '--duration']],
    [['record', 'http://x/', '--duration', 'soon']],
    [['record', 'http://x/', '--duration', '-1']],
    [['record', 'http://x/', '--wat']],
  ])('rejects %j as usage', (argv) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
  });
});
