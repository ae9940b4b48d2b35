// The allocation timeline's question for a range of a recording: which objects were made in it and are
// still live at its end (or at the end of the recording). Pure, so the panel and its tests agree.
import type { TraceObject } from './trace-types';

/** A range of a recording (ms) and the moment its objects must be live at (null: now, not released). */
export interface AllocationRange {
  from: number;
  to: number;
  liveAt: number | null;
}

/** Whether `o` was created in the range and is live at its moment. */
export function allocatedInRange(o: TraceObject, r: AllocationRange): boolean {
  if (o.createdAt < r.from || o.createdAt > r.to) return false;
  return r.liveAt === null ? o.releasedAt === null : o.releasedAt === null || o.releasedAt > r.liveAt;
}

/**
 * Objects created in [from, to] (ms) and live at `liveAt`: a moment (ms), or null for "live now" (not
 * released). The order is creation order.
 */
export function allocatedIn(objects: Iterable<TraceObject>, from: number, to: number, liveAt: number | null): TraceObject[] {
  const r = { from, to, liveAt };
  const out: TraceObject[] = [];
  for (const o of objects) if (allocatedInRange(o, r)) out.push(o);
  return out;
}
