// What the path from the page to a reader did not carry, by cause, in plain words. Every bound that drops
// something counts it here (or in the store's own bound counters), and the panel footer, the CLI summary
// and the trace's meta all read the same lines.
import { formatCount } from './format-bytes';
import type { Trace } from './trace-types';

export const LOSS_CAUSES = ['rejected', 'missing', 'replay', 'agent-dropped', 'refused', 'flush'] as const;
export type LossCause = (typeof LOSS_CAUSES)[number];

/** One tally: `count` batches (frames for `flush`) lost to `cause`, with the reason where a cause has several. */
export interface LossCount {
  cause: LossCause;
  reason?: string;
  count: number;
}

/** Causes that name their unit: a batch holds a task's (or 100 ms of) ops; a flush is one frame's answer. */
const WORDS: Record<LossCause, (n: string, reason: string) => string> = {
  rejected: (n, reason) => `${n} rejected: ${reason}`,
  missing: (n) => `${n} missing (gaps in the page agent's sequence numbers): their events are not in this recording`,
  replay: (n) => `${n} lost when the extension's service worker restarted (the page keeps the first 16 MiB of its batches for a replay)`,
  'agent-dropped': (n) => `${n} dropped by the page agent while no relay answered (it holds 16 MiB)`,
  refused: (n, reason) => `${n} refused: ${reason}`,
  flush: (n) => `${n} did not answer an export's flush within 2 s: their last 100 ms of ops may be missing from it`,
};

const UNIT: Record<LossCause, [string, string]> = {
  rejected: ['batch', 'batches'],
  missing: ['batch', 'batches'],
  replay: ['batch', 'batches'],
  'agent-dropped': ['batch', 'batches'],
  refused: ['batch', 'batches'],
  flush: ['frame', 'frames'],
};

/** Running tallies by cause and reason, in the order first seen. */
export class LossTally {
  private readonly counts = new Map<string, LossCount>();

  add(cause: LossCause, count: number, reason?: string): void {
    if (!(count > 0)) return;
    const key = reason === undefined ? cause : `${cause}\n${reason}`;
    const c = this.counts.get(key);
    if (c) c.count += count;
    else this.counts.set(key, reason === undefined ? { cause, count } : { cause, reason, count });
  }

  total(cause?: LossCause): number {
    let n = 0;
    for (const c of this.counts.values()) if (cause === undefined || c.cause === cause) n += c.count;
    return n;
  }

  list(): LossCount[] {
    return [...this.counts.values()].map((c) => ({ ...c }));
  }
}

/** "4 batches rejected: URL too long": one line per tally. */
export function lossLine(c: LossCount): string {
  const [one, many] = UNIT[c.cause];
  return WORDS[c.cause](`${formatCount(c.count)} ${c.count === 1 ? one : many}`, c.reason ?? 'no reason given');
}

/**
 * Every loss and bound a trace's meta records, as lines of plain words (empty when nothing was lost): the
 * transport's tallies first, then the store's and the rules' own bounds.
 */
export function lossLines(meta: Trace['meta']): string[] {
  const lines: string[] = [];
  const losses = Array.isArray(meta.losses) ? (meta.losses as LossCount[]) : [];
  for (const c of losses) if (LOSS_CAUSES.includes(c.cause) && c.count > 0) lines.push(lossLine(c));
  if (meta.droppedEvents > 0) {
    lines.push(`${formatCount(meta.droppedEvents)} events not kept in the trace (bound of 2,000,000 events): the totals still count them`);
  }
  if (meta.droppedObjects > 0) {
    lines.push(`${formatCount(meta.droppedObjects)} released objects forgotten, the oldest first (bound of 100,000)`);
  }
  if (meta.agentErrors > 0) lines.push(`${formatCount(meta.agentErrors)} agent errors (see the "agent-error" events)`);
  const droppedAlerts = Number(meta.droppedAlerts) || 0;
  if (droppedAlerts > 0) lines.push(`${formatCount(droppedAlerts)} alerts not raised (bound of alerts reached)`);
  return lines;
}
