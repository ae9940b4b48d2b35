// What an earlier page load held when the page was left. A document that unloads for good reports its
// contexts lost and its devices gone (the agent's pagehide), so its recording ends with everything
// released; the view of an ended recording wants the moment just before that.
import type { TraceEvent, TraceObject } from './trace-types';

/**
 * The time of the unload that ends a recording: the first of its trailing run of context losses and
 * device-lost releases (with their cascades). Null when the recording does not end that way (the page
 * was still open, or its unload never reached the recording).
 */
export function pageLeftAt(events: readonly TraceEvent[]): number | null {
  let at: number | null = null;
  for (let i = events.length - 1; i >= 0; i--) {
    const ev = events[i]!;
    if (ev.op === 'context-lost' || ev.op === 'cascade' || (ev.op === 'release' && (ev.reason === 'context-lost' || ev.reason === 'device-lost'))) {
      at = ev.t;
      continue;
    }
    // The background's own notes and the agent's heartbeat may interleave with the unload's batch.
    if (ev.op === 'tick' || ev.op === 'loss') continue;
    break;
  }
  return at;
}

/** Objects live at time t (ms): made at or before it and not released before it. */
export function liveAt(objects: Iterable<TraceObject>, t: number): TraceObject[] {
  const out: TraceObject[] = [];
  for (const o of objects) if (o.createdAt <= t && (o.releasedAt === null || o.releasedAt >= t)) out.push(o);
  return out;
}
