import { describe, expect, it } from 'vitest';
import { BudgetError, budgetTable, overBudget, parseBudget } from './budget';
import type { DeltaRow } from './snapshots';

const row = (key: string, bytes: number): DeltaRow => ({
  key, base: { count: 0, bytes: 0 }, target: { count: 1, bytes }, count: 1, bytes, added: { count: 1, bytes }, freed: { count: 0, bytes: 0 },
});

describe('budgets', () => {
  it('reads byte counts as numbers or with units, and counts', () => {
    expect(parseBudget({ bytes: '64MiB', perKind: { 'webgl.texture': { bytes: '1.5 MB', count: 200 }, 'webgpu.buffer': { count: 0 } }, growthPerSite: 0 })).toEqual({
      bytes: 67_108_864,
      perKind: { 'webgl.texture': { bytes: 1_500_000, count: 200 }, 'webgpu.buffer': { count: 0 } },
      growthPerSite: 0,
    });
    expect(parseBudget({})).toEqual({ perKind: {} });
  });

  it('names the field of a wrong budget', () => {
    const why = (j: unknown): string => {
      try {
        parseBudget(j);
      } catch (e) {
        expect(e).toBeInstanceOf(BudgetError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(why([])).toMatch(/^a budget is a JSON object/);
    expect(why({ byte: 1 })).toBe('byte: not a budget field (bytes, perKind, growthPerSite)');
    expect(why({ bytes: -1 })).toBe('bytes: expected bytes, as 4096, "1.5MiB" or "2MB" (found -1)');
    expect(why({ bytes: '12 parsecs' })).toBe('bytes: expected bytes, as 4096, "1.5MiB" or "2MB" (found "12 parsecs")');
    expect(why({ perKind: { 'webgl.texture': { count: 1.5 } } })).toBe('perKind.webgl.texture.count: expected a whole number of objects (found 1.5)');
    expect(why({ perKind: { 'webgl.texture': { size: 1 } } })).toBe('perKind.webgl.texture.size: not a limit (bytes, count)');
    expect(why({ perKind: { texture: {} } })).toMatch(/^perKind\.texture: not a kind \(webgl\.buffer, /);
  });

  it('lists what went over: the total, a kind by bytes and count, and each site that grew past the limit', () => {
    const live = { live: { 'webgl.texture': { count: 3, bytes: 49_152 }, 'webgl.buffer': { count: 2, bytes: 4096 } }, totalBytes: 53_248 };
    const b = parseBudget({ bytes: 53_247, perKind: { 'webgl.texture': { bytes: '48KiB', count: 2 }, 'webgl.buffer': { bytes: 4096, count: 2 }, 'webgpu.texture': { count: 0 } }, growthPerSite: 4096 });
    const over = overBudget(b, live, [row('at load (app.js:10:3)', 49_152), row('lib.js:1:1', 4096), row('', 8192)]);
    expect(over).toEqual([
      { what: 'total bytes', unit: 'bytes', limit: 53_247, actual: 53_248 },
      { what: 'webgl.texture count', unit: 'count', limit: 2, actual: 3 },
      { what: 'growth at load (app.js:10:3)', unit: 'bytes', limit: 4096, actual: 49_152 },
      { what: 'growth at an unknown site', unit: 'bytes', limit: 4096, actual: 8192 },
    ]);
    expect(budgetTable(over).split('\n')).toEqual([
      '  over budget                      limit    actual    over by',
      '  total bytes                   52.0 KiB  52.0 KiB       +1 B',
      '  webgl.texture count                  2         3         +1',
      '  growth at load (app.js:10:3)  4.00 KiB  48.0 KiB  +44.0 KiB',
      '  growth at an unknown site     4.00 KiB  8.00 KiB  +4.00 KiB',
    ]);
    expect(overBudget(parseBudget({ bytes: '52KiB' }), live)).toEqual([]);
  });
});
