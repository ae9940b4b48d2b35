// Feeding the session store trace events, as the background and the panel do, and reading its rules.
import type { Kind } from '../kinds';
import { SessionStore } from '../session-store';

export const SCENE = 'at loadScene (https://app.example/js/scene.js?v=2:120:14)\nat main (https://app.example/js/main.js:8:3)';
export const HUD = 'at drawHud (https://app.example/js/hud.js:40:7)';
export const F = 'f0:aaaaaaaaaaaa';

/** A store with one WebGL 2 context, c1, on canvas#main. */
export function store(rules = {}): SessionStore {
  const s = new SessionStore({}, rules);
  s.applyEvent({ t: 0, op: 'context', id: 'c1', api: 'webgl2', canvas: 'canvas#main', offscreen: false, frame: F });
  return s;
}

/** Creates an object and sizes it at `t`. */
export function make(s: SessionStore, t: number, id: string, kind: Kind, bytes: number, stack?: string, context = 'c1'): void {
  s.applyEvent({ t, op: 'create', id, kind, context, frame: F, ...(stack ? { stack } : {}) });
  if (bytes) s.applyEvent({ t, op: 'size', id, bytes });
}

/** Trace time reaches `t` with nothing else happening (the agent's idle tick). */
export const tick = (s: SessionStore, t: number): void => s.applyEvent({ t, op: 'tick', frame: F });
