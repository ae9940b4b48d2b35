// How long `gpumem record` and the Playwright fixture wait for pending alerts to come due: one rule for
// both, so a CI job and a test judge a leak alike.
import type { PendingAlert } from '../model/model';

/**
 * The longest a recording settles past its duration: the longest default grace (steady-growth's window of
 * 5 slots of 2 s) and a check interval. A user's longer thresholds are cut to it; what is still pending
 * then is said.
 */
export const SETTLE_CAP_MS = 10_500;
/** Past an alert's due time, the rules look at it within this (outlived-canvas checks every 500 ms). */
const DUE_MARGIN_MS = 600;

/** How long until the latest of `pending` is due and judged, from the recording's time `now` (ms). */
export function untilDue(pending: readonly PendingAlert[], now: number): number {
  return Math.max(...pending.map((a) => a.dueAt)) - now + DUE_MARGIN_MS;
}
