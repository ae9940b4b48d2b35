// release-after-loss (info): a delete or destroy() of an object whose context was lost or whose device was
// destroyed or lost: a harmless no-op, noted once per context so that cleanup code after a loss is visible.
import type { ReleaseReason } from '../protocol';
import type { TraceContext } from '../trace-types';
import type { AlertBook } from './alert-book';
import { countsText } from '../alert-text';
import { INTERNAL, type LeakRule, ownerText, type RuleEvent, siteText } from './rule';

const LOST_REASONS = /* @__PURE__ */ new Set<ReleaseReason>(['context-lost', 'device-destroyed', 'device-lost']);

export class ReleaseAfterLossRule implements LeakRule {
  readonly droppedGroups = 0;

  constructor(
    private readonly book: AlertBook,
    private readonly contexts: ReadonlyMap<string, TraceContext>,
  ) {}

  reset(): void {}

  handleEvent(e: RuleEvent): void {
    if (e.type !== 'releasedAgain') return;
    const o = e.o;
    if (INTERNAL.has(o.kind) || !o.releaseReason || !LOST_REASONS.has(o.releaseReason)) return;
    const key = `release-after-loss|${o.context}`;
    if (this.book.refuse(key)) return;
    const a = this.book.tally(key, o, e.t, 'release-after-loss', 'info', o.context);
    const c = this.contexts.get(o.context);
    const owner = c ? ownerText(c) : 'its context';
    const gone = o.releaseReason === 'device-destroyed' ? 'was destroyed' : 'was lost';
    a.message =
      `${countsText(this.book.kinds(key))} released after ${owner} ${gone} (created ${siteText(a.site)}): ` +
      'harmless no-ops, the browser had already freed them';
  }

  tick(): void {}

  finalize(): void {}
}
