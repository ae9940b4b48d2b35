import { describe, expect, it } from 'vitest';
import { KIND_CODE } from './kinds';
import { Op } from './protocol';
import { SessionStore } from './session-store';
import { summaryText } from './summary-text';
import { digestOf } from './trace-json';

describe('summaryText', () => {
  it('prints live kinds, the total, churn and what is not instrumented', () => {
    const s = new SessionStore();
    s.applyBatch({
      v: 5, realm: 'abcdefabcdef', seq: 1, origin: 0, strings: ['webgl2', 'canvas#a', 'worker', 'blob:x'],
      ops: [
        Op.Time, 1, Op.Context, 1, 1, 2, 0, Op.Create, 2, KIND_CODE['webgl.buffer'], 1, 0, Op.Size, 2, 2048,
        Op.Churn, KIND_CODE['webgl.texture'], 1, 1024, 3, Op.Context, 3, 3, 4, 4,
      ],
    }, { frameId: 0, url: 'http://x/' });
    const text = summaryText(digestOf(s.toTrace({ userAgent: 'ua', tool: 't' })));
    expect(text.split('\n')).toEqual([
      'GPU memory of http://x/',
      '  kind             live           bytes',
      '  webgl.buffer        1            2048  (2.00 KiB)',
      `  total${' '.repeat(7 + 2 + 7 + 2 + 10)}2048  (2.00 KiB)`,
      '  objects seen: 1, contexts: 2, frames: 1, events: 5',
      '  made and freed within one task: 3 webgl.texture (3.00 KiB)',
      '  not instrumented: 1 worker or canvases handed to workers',
      '  alerts: none active',
    ]);
  });

  it("lists the alerts still pending, with the page's text made inert", () => {
    const digest = digestOf(new SessionStore().toTrace({ userAgent: 'ua', tool: 't' }));
    digest.pending = [{ rule: 'outlived-canvas', severity: 'error', context: 'c1', site: '', dueAt: 6000, message: '1 texture, 4.00 KiB, outlived canvas#\u001b[2Jx' }];
    expect(summaryText(digest).split('\n').slice(-2)).toEqual([
      '  pending: 1 alert not due yet when the recording ended (record longer, or let it settle)',
      '    [error, pending] outlived-canvas: 1 texture, 4.00 KiB, outlived canvas#\\x1b[2Jx',
    ]);
  });
});
