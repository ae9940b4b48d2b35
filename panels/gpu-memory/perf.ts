// The panel's own timings, for bench/panel-update.mjs: how long each redraw takes on the panel's thread
// (render and commit, then the charts' update) and each slice of applied data. Kept in bounded rings on the
// extension page's window (the inspected page cannot reach it); recording one costs a clock read.
const RING = 4096;

interface Rings {
  /** ms per redraw: render and commit of the views plus the charts' setData. */
  updates: number[];
  /** ms per slice of messages applied to the store. */
  slices: number[];
}

const rings: Rings = { updates: [], slices: [] };
(globalThis as Record<string, unknown>).__gpumemPanelPerf = rings;

function push(ring: number[], ms: number): void {
  if (ring.length === RING) ring.shift();
  ring.push(ms);
}

let drawStarted = -1;
let drawSpent = 0;

/** A redraw begins (the throttle fired). */
export function drawStart(): void {
  drawStarted = performance.now();
  drawSpent = 0;
}

/** The views are committed: their share of the redraw. */
export function drawCommitted(): void {
  if (drawStarted < 0) return;
  drawSpent += performance.now() - drawStarted;
  drawStarted = -1;
  push(rings.updates, drawSpent);
}

/** A chart's update after the commit: added to the last redraw's time. */
export function chartUpdated(ms: number): void {
  if (rings.updates.length > 0) rings.updates[rings.updates.length - 1]! += ms;
}

export function sliceApplied(ms: number): void {
  push(rings.slices, ms);
}
