// The shape every leak rule has: a single-pass handler of the session store's events, fed in trace order.
// A rule keeps its own state and writes its alerts into the shared AlertBook; it never reads the page.
import type { Kind, RuleName } from '../kinds';
import type { CanvasState, ReleaseReason } from '../protocol';
import { shortSite } from '../stack-sites';
import type { TraceContext, TraceObject } from '../trace-types';

/** What the rules are told, in the order the store applies it. `t` is trace time, ms. */
export type RuleEvent =
  /** A new object (it holds its bytes from its first size on). */
  | { type: 'created'; o: TraceObject }
  /** A live object's size changes by `delta`; sent before the object holds its new size. */
  | { type: 'sized'; o: TraceObject; delta: number }
  | { type: 'released'; o: TraceObject; reason: ReleaseReason; t: number }
  /** A delete or destroy() of an object already released (its context lost, its device destroyed). */
  | { type: 'releasedAgain'; o: TraceObject; t: number }
  /** A context's canvas moved in or out of a live document. */
  | { type: 'canvas'; ctx: string; state: CanvasState; t: number }
  /** The agent reports `o`, made during animation frame `animationFrame`, unused in the `animationFrames` after it. */
  | { type: 'unused'; o: TraceObject; animationFrame: number; animationFrames: number; t: number }
  /** An object reported unused was used after all. */
  | { type: 'used'; o: TraceObject; t: number }
  /** The texture getCurrentTexture() gave for canvas texture `o` was used `animationFrames` animation frames after its own. */
  | { type: 'lateTexture'; o: TraceObject; animationFrames: number; site: string; t: number };

/**
 * An alert whose condition holds but whose grace (or window) has not run out: it is raised at `dueAt`
 * (trace time, ms) unless the condition ends first. A recording that ends before then would miss it.
 */
export interface PendingAlert {
  rule: RuleName;
  severity: 'warning' | 'error';
  context: string;
  site: string;
  /** Trace time at which it is due, at the latest. */
  dueAt: number;
  message: string;
}

export interface LeakRule {
  /** Alerts this rule would raise if the recording went on (rules that wait for nothing have none). */
  pending?(t: number): PendingAlert[];
  /** Forgets everything seen, as a new recording would. */
  reset(): void;
  handleEvent(e: RuleEvent): void;
  /** Trace time reached `t` (events and the agent's idle ticks carry it): judge what is due. */
  tick(t: number): void;
  /** The recording ended at `t`: judge what is due then, as a last tick. */
  finalize(t: number): void;
  /** Objects the rule could not follow (more groups than its bound). */
  readonly droppedGroups: number;
}

/** The agent makes these itself (drawing buffers, canvas textures): the page cannot delete them. */
export const INTERNAL: ReadonlySet<Kind> = /* @__PURE__ */ new Set<Kind>(['webgl.drawingBuffer', 'webgpu.canvasTexture']);

/** Objects of one context, creation site and kind: the unit the growth and frame rules judge. */
export function groupKey(o: TraceObject): string {
  return `${o.context}\n${o.site ?? ''}\n${o.kind}`;
}

export function siteText(site: string): string {
  return site ? `at ${shortSite(site)}` : 'at an unknown site';
}

export function canvasText(c: TraceContext): string {
  return c.canvas.startsWith('canvas') ? c.canvas : `the canvas of ${c.canvas}`;
}

export function ownerText(c: TraceContext): string {
  return c.api === 'webgpu' ? c.canvas : `${c.api} context on ${c.canvas}`;
}
