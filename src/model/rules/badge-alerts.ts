// Which alerts the toolbar badge counts, and which one its tooltip names.
import type { TraceAlert } from '../trace-types';

/** Active alerts the toolbar badge counts (warnings and errors; info alerts show in the panel only). */
export function badgeAlerts(alerts: Iterable<TraceAlert>): { count: number; error: boolean; worst: TraceAlert | null } {
  let count = 0;
  let error = false;
  let worst: TraceAlert | null = null;
  for (const a of alerts) {
    if (a.resolvedAt !== null || a.severity === 'info') continue;
    count++;
    if (a.severity === 'error') error = true;
    if (!worst || rank(a) > rank(worst)) worst = a;
  }
  return { count, error, worst };
}

function rank(a: TraceAlert): number {
  return (a.severity === 'error' ? 1e15 : 0) + a.bytes;
}
