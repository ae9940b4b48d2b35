import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { traceBlob, traceFileName } from './download';

const meta = { url: 'https://example.com:8080/app?x=1', startedAt: '2026-12-02T10:11:12.345Z' } as Parameters<typeof traceFileName>[0];

describe('traceBlob', () => {
  it('keeps a trace under the bound as plain JSON, pieces in order', async () => {
    const { file, saved } = await traceBlob(['{"a":', '[1,2]', '}'], meta, 100);
    expect(saved).toEqual({ name: 'gpumem-example.com_8080-2026-12-02T10-11-12-345Z.json', bytes: 11, gzipped: false });
    expect(await file.text()).toBe('{"a":[1,2]}');
  });

  it('gzips a trace past the bound: the pieces before the bound and after it, in order', async () => {
    // 3 pieces of 40 characters: 80 fit under a bound of 100, the third crosses it.
    const pieces = ['a'.repeat(40), 'é'.repeat(40), 'c'.repeat(40), 'd'.repeat(5)];
    const { file, saved } = await traceBlob(pieces, meta, 100);
    expect(saved.gzipped).toBe(true);
    expect(saved.name).toBe('gpumem-example.com_8080-2026-12-02T10-11-12-345Z.json.gz');
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(saved.bytes).toBe(bytes.length);
    expect(gunzipSync(bytes).toString('utf8')).toBe(pieces.join(''));
  });

  it('names a trace of a page without a host "page"', () => {
    expect(traceFileName({ ...meta, url: 'about:blank' })).toBe('gpumem-page-2026-12-02T10-11-12-345Z.json');
    expect(traceFileName({ ...meta, url: 'about:blank' }, true, 'chrome')).toBe('gpumem-page-2026-12-02T10-11-12-345Z.chrome-trace.json.gz');
  });
});
