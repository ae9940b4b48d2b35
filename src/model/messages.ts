// Messages on the extension's ports: relay <-> background and panel <-> background.
import type { Batch } from './protocol';
import type { TraceDigest } from './trace-json';
import type { Trace, TraceEvent } from './trace-types';

export const RELAY_PORT = 'gpumem-relay';
export const PANEL_PORT = 'gpumem-panel';
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
  | { type: 'flushed'; nonce: number };

export type BackgroundToRelay = { type: 'flush'; nonce: number };

export type PanelToBackground =
  | { type: 'subscribe'; tabId: number }
  /** Flush every frame and open the trace for reading: answered by `export-open`. */
  | { type: 'export'; nonce: number }
  /** The next piece of an open export: answered by `export-piece`. */
  | { type: 'export-read'; nonce: number; id: string };

export type BackgroundToPanel =
  /**
   * A recording starts over on this port (on subscribe, or a new top document): its meta, and how many
   * events follow in `events` messages before `synced`.
   */
  | { type: 'reset'; meta: Trace['meta']; events: number }
  /** Events in order: a piece of the history, or events the background made itself (losses). */
  | { type: 'events'; events: TraceEvent[] }
  /** The history is all sent; live batches follow. */
  | { type: 'synced' }
  /** A validated batch from the document at `url` in frame `frameId` (the browser's word for both). */
  | { type: 'batch'; frameId: number; url: string; batch: Batch }
  /** A document's URL changed (history.pushState); `top` when it is the tab's top document. */
  | { type: 'frame-url'; frame: string; url: string; top: boolean }
  /** The inspected tab was closed: no more data will come. */
  | { type: 'tab-closed' }
  | { type: 'export-open'; nonce: number; id: string; digest: TraceDigest }
  /** `piece` null: the trace is complete. */
  | { type: 'export-piece'; nonce: number; piece: string | null }
  | { type: 'export-error'; nonce: number; message: string };
