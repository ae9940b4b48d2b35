// Messages on the extension's ports: relay <-> background and panel <-> background.
import type { Batch } from './protocol';
import type { Trace } from './trace-types';

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
  | { type: 'replay'; batches: string[]; truncated: boolean }
  | { type: 'batch'; batch: string }
  | { type: 'rejected'; count: number; reason: string }
  | { type: 'flushed'; nonce: number };

export type BackgroundToRelay = { type: 'flush'; nonce: number };

export type PanelToBackground =
  | { type: 'subscribe'; tabId: number }
  | { type: 'export'; nonce: number };

export type BackgroundToPanel =
  /** The whole session so far; the panel rebuilds its store from it. */
  | { type: 'reset'; trace: Trace }
  | { type: 'batch'; frameId: number; batch: Batch }
  | { type: 'trace'; nonce: number; trace: Trace };
