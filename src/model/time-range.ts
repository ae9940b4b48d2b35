// The allocation timeline's question for a range of a recording: which objects were made in it and are
// still live at its end (or at the end of the recording). Pure, so the panel and its tests agree.
import type { TraceObject } from './trace-types';

/**
 * Objects created in [from, to] (ms) and live at `liveAt`: a moment (ms), or null for "live now" (not
 * released). The order is creation order.
 */
export function allocatedIn(objects: Iterable<TraceObject>, from: number, to: number, liveAt: number | null): TraceObject[] {
  const out: TraceObject[] = [];
  for (const o of objects) {
    if (o.createdAt < from || o.createdAt > to) continue;
    if (liveAt === null ? o.releasedAt !== null : o.releasedAt !== null && o.releasedAt <= liveAt) continue;
    out.push(o);
  }
  return out;
}
