// Messages on the extension's ports: relay <-> background and panel <-> background.
import type { Trace, TraceEvent } from './trace-types';

export const RELAY_PORT = 'gpumem-relay';
export const PANEL_PORT = 'gpumem-panel';
/** The trace viewer page, in the built extension (the panel with no tab, over opened trace files). */
export const VIEWER_PAGE = 'panels/gpu-memory/viewer.html';
/** runtime message the background sends to a tab's relays when a client wants their history again. */
export const RECONNECT_MESSAGE = 'gpumem-reconnect';

export type RelayToBackground =
  /**
   * Everything this document sent so far (sent on every connect); the background skips what it has.
   * Batches travel as the agent's JSON text: the relay runs on the page's thread, so parsing and checking
   * them is the background's job (parseBatch), off the page's hot path.
   */
  | { type: 'replay'; batches: string[]; upTo: number }
  /**
   * One batch, numbered by the relay (1, 2, …): the replay's `batches` are numbers 1 to its length (the log
   * keeps the first 16 M characters), and `upTo` is the last number handed out before the replay, so the
   * background knows which it has, and how many a restart lost.
   */
  | { type: 'batch'; n: number; batch: string }
  | { type: 'rejected'; count: number; reason: string }
  | { type: 'flushed'; nonce: number }
  /** The snapshot's event went out to the panels (before this answer) under this id and name. */
  | { type: 'snapshot-taken'; nonce: number; id: string; name: string };

export type BackgroundToRelay = { type: 'flush'; nonce: number };

/**
 * The function the DevTools page calls on its panel's window when DevTools shows or hides the panel
 * (onShown / onHidden): a hidden panel stops drawing and applying data until it is shown again.
 */
export const PANEL_SHOWN_HOOK = '__gpumemPanelShown';

/** The toolbar popup asks for one tab's state (a one-off runtime message; only extension pages can send it). */
export const TAB_STATE_MESSAGE = 'gpumem-tab-state';
export interface TabStateRequest {
  type: typeof TAB_STATE_MESSAGE;
  tabId: number;
}
/** What the popup shows: null when the tab has no recording (no WebGL or WebGPU use seen). */
export type TabState = {
  url: string;
  live: Trace['summary']['live'];
  totalBytes: number;
  /** Active warnings and errors, worst first (what the badge counts), at most 20 of `count`. */
  alerts: { rule: string; severity: string; message: string }[];
  count: number;
} | null;

export type PanelToBackground =
  | { type: 'subscribe'; tabId: number }
  /** DevTools hid or showed the panel: hidden, it is sent nothing; shown, it gets what it missed. */
  | { type: 'shown'; shown: boolean }
  /**
   * Ask every frame to flush its agent: answered by `flushed` once their batches have come and gone out
   * to this port, so that the panel's own copy then holds every op made before the request (its Export).
   */
  | { type: 'flush'; nonce: number }
  /** Take a snapshot of the live set once every frame has flushed: answered by `snapshot-taken`. */
  | { type: 'snapshot'; nonce: number };

export type BackgroundToPanel =
  /**
   * A recording starts over on this port (on subscribe, or a new top document): its meta, and how many
   * `history` and `history-log` messages follow before `synced`. `recording` names the page load it
   * records (the browser's id of the tab's top document; '' before one is known): a panel that gets a new
   * one keeps the recording it had as an earlier one, and one it has seen replaces its copy.
   */
  | { type: 'reset'; meta: Trace['meta']; pieces: number; recording: string }
  /**
   * A piece of the history: a JSON array of events, gzipped, in base64 (an extension message carries about
   * 7 MB/s of text here, and events' JSON shrinks about 25-fold). Sent when the recording's messages no
   * longer fit the log that `history-log` replays.
   */
  | { type: 'history'; gzip: string }
  /**
   * A piece of the history as the messages the recording was made of (batches as the agent's compact
   * text, the background's own events, URL changes), to apply in order from the meta's empty store: a
   * tenth of the events' JSON, and nothing for the worker to encode (bench/large-recording.mjs).
   */
  | { type: 'history-log'; items: BackgroundToPanel[] }
  /** Events the background made itself (losses), in order with the batches. */
  | { type: 'events'; events: TraceEvent[] }
  /** The history is all sent; live batches follow. */
  | { type: 'synced' }
  /** A validated batch (its JSON text) from the document at `url` in frame `frameId` (the browser's word). */
  | { type: 'batch'; frameId: number; url: string; text: string }
  /** A document's URL changed (history.pushState); `top` when it is the tab's top document. */
  | { type: 'frame-url'; frame: string; url: string; top: boolean }
  /** The inspected tab was closed: no more data will come. */
  | { type: 'tab-closed' }
  | { type: 'flushed'; nonce: number }
  /** The snapshot's event went out to the panels (before this answer) under this id and name. */
  | { type: 'snapshot-taken'; nonce: number; id: string; name: string }
  | { type: 'error'; nonce: number; message: string };
