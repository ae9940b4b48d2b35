import { describe, expect, it } from 'vitest';
import { addPageError, emptyPageHealth, MAX_PAGE_ERROR_CHARS, MAX_PAGE_ERRORS, pageHealthLines, pageProblems, rebasePageHealth } from './page-health';

describe('page health', () => {
  it('keeps the first 50 errors, counts the rest, and cuts a long message', () => {
    const h = emptyPageHealth();
    for (let i = 0; i < MAX_PAGE_ERRORS + 3; i++) addPageError(h, 1000 + i, `Error ${i}`);
    addPageError(h, 2000, 'x'.repeat(5000));
    expect(h.errors).toHaveLength(50);
    expect(h.errors[49]).toEqual({ t: 1049, message: 'Error 49' });
    expect(h.droppedErrors).toBe(4);
    const long = emptyPageHealth();
    addPageError(long, 0, 'x'.repeat(5000));
    expect(long.errors[0]!.message).toBe(`${'x'.repeat(MAX_PAGE_ERROR_CHARS)}… (5000 characters in all)`);
  });

  it('counts errors, a crash and a failed load as problems, and an interruption not', () => {
    expect(pageProblems(undefined)).toBe(0);
    expect(pageProblems({ errors: [], droppedErrors: 0, interrupted: 'stopped by SIGINT' })).toBe(0);
    expect(pageProblems({ errors: [{ t: 1, message: 'a' }], droppedErrors: 2, crashedAt: 5, loadError: 'HTTP 500' })).toBe(5);
  });

  it('rebases its times on the recording start, never below 0', () => {
    const h = { errors: [{ t: 10_500, message: 'a' }, { t: 9_000, message: 'b' }], droppedErrors: 0, crashedAt: 12_345.6 };
    expect(rebasePageHealth(h, 10_000)).toEqual({ errors: [{ t: 500, message: 'a' }, { t: 0, message: 'b' }], droppedErrors: 0, crashedAt: 2346 });
  });

  it('prints what went wrong, first lines only, made safe for a terminal', () => {
    const errors = [1, 2, 3, 4, 5, 6].map((i) => ({ t: i * 1500, message: `Error ${i}\n    at x.js:1:1` }));
    errors[0]!.message = 'TypeError: \u001b[2Jboom\n    at y.js:2:2';
    expect(pageHealthLines({ errors, droppedErrors: 1, crashedAt: 12_000, loadError: 'HTTP 500', interrupted: 'stopped by SIGTERM' })).toEqual([
      'recording interrupted: stopped by SIGTERM',
      'page did not load: HTTP 500',
      'page crashed at 12.0 s (its renderer process died)',
      'page errors: 7 uncaught (the first 6 kept)',
      '  at 1.5 s: TypeError: \\x1b[2Jboom',
      '  at 3.0 s: Error 2',
      '  at 4.5 s: Error 3',
      '  at 6.0 s: Error 4',
      '  at 7.5 s: Error 5',
      '  … 1 more in the trace (meta.page.errors)',
    ]);
    expect(pageHealthLines({ errors: [], droppedErrors: 0 })).toEqual([]);
  });
});
