// The leak rules' thresholds and bounds, with their defaults (docs/leak-rules.md); the options page edits
// the thresholds (../settings.ts).
export interface RuleSettings {
  /** outlived-canvas: how long a canvas may be out of a live document before its objects are reported. */
  canvasGraceMs: number;
  /**
   * outlived-canvas: bytes below which a gone canvas's objects are not reported. A renderer disposed the
   * documented way can keep a few placeholders (three.js keeps four 1x1 textures, 36 bytes; its leaked test scene holds 11 KiB).
   */
  canvasMinBytes: number;
  /** steady-growth: the baseline is the minimum live count of each slot of this length… */
  growthSlotMs: number;
  /** …and it must rise from slot to slot over this many slots in a row… */
  growthSlots: number;
  /** …by at least this many objects in all; or its live bytes' baseline by at least growthMinBytes. */
  growthMinObjects: number;
  growthMinBytes: number;
  /**
   * outlived-frame: frames after its own that an object may stay unused before it is reported. The agent
   * applies it (the page's settings reach it through the relay); it is kept here for the trace.
   */
  frameGrace: number;
  /**
   * outlived-frame: a site is reported once objects it made in this many different frames outlived them:
   * the pattern is re-creating every frame, and a one-time batch of spare objects (three.js uploads a UV
   * buffer that a mesh's material never reads) is not it.
   */
  frameMinFrames: number;
  /** Object ids listed in one alert (its count has them all). */
  maxAlertObjects: number;
  /** Creation-site groups followed for steady growth; objects past it are counted in `droppedGroups`. */
  maxGroups: number;
  /** Resolved alerts kept for the trace; the oldest go first. */
  maxResolved: number;
  /** Alerts kept in all: past it, new ones are counted in `droppedAlerts` (a page can make any number of sites). */
  maxAlerts: number;
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  canvasGraceMs: 5000,
  canvasMinBytes: 1024,
  growthSlotMs: 2000,
  growthSlots: 5,
  growthMinObjects: 8,
  growthMinBytes: 1024 * 1024,
  frameGrace: 120,
  frameMinFrames: 3,
  maxAlertObjects: 1000,
  maxGroups: 10_000,
  maxResolved: 1000,
  maxAlerts: 2000,
};
