// src/relay: the isolated-world content script. It takes batches from the page agent, keeps this document's
// log and forwards it to the background. It shares the page's thread, so it only checks that a batch is a
// string of bounded length; the background parses and validates every batch (parseBatch) before use.
import browser, { type Runtime } from 'webextension-polyfill';
import {
  type BackgroundToRelay,
  EVENT_AGENT_HELLO,
  EVENT_BATCH,
  EVENT_FLUSH,
  EVENT_RELAY_READY,
  EVENT_SETTINGS,
  LIMITS,
  parseSettings,
  RECONNECT_MESSAGE,
  RELAY_PORT,
  type RelayToBackground,
  SETTINGS_KEY,
} from '../model/model';

/**
 * Bound of the replay log in characters; past it new batches are forwarded but not kept, and a replay after
 * a worker restart says it is truncated. The log's strings arrive from the page's world as copies of up to
 * two bytes a character, so 16 M characters hold up to 32 MiB in the page's renderer (bench/heap.mjs).
 */
const MAX_LOG_CHARS = 16 * 1024 * 1024;

const log: string[] = [];
let logChars = 0;
let truncated = false;
let port: Runtime.Port | null = null;
let extensionGone = false;
let rejected = 0;
let rejectedReported = 0;

function post(msg: RelayToBackground): void {
  port?.postMessage(msg);
}

/** (Re)connects and sends the whole log: after a service-worker restart the background has nothing. */
function connect(): void {
  if (extensionGone) return;
  try {
    port = browser.runtime.connect({ name: RELAY_PORT });
  } catch {
    // The extension was reloaded or removed: this content script is orphaned.
    extensionGone = true;
    port = null;
    return;
  }
  port.onDisconnect.addListener(() => {
    port = null;
  });
  port.onMessage.addListener((msg: unknown) => {
    const m = msg as BackgroundToRelay;
    if (m?.type === 'flush') {
      // Agent listeners run synchronously inside dispatchEvent, so its batch is posted before 'flushed'.
      document.dispatchEvent(new CustomEvent(EVENT_FLUSH));
      post({ type: 'flushed', nonce: m.nonce });
    }
  });
  post({ type: 'replay', batches: log, truncated });
}

function onBatch(e: Event): void {
  const batch: unknown = (e as CustomEvent).detail;
  if (typeof batch !== 'string' || batch.length > LIMITS.maxBatchChars) {
    rejected++;
    // Report rejections sparsely: a hostile page could fire millions.
    if (rejected >= rejectedReported * 2 || rejected === 1) {
      rejectedReported = rejected;
      if (!port) connect();
      post({ type: 'rejected', count: rejected, reason: typeof batch === 'string' ? 'batch too large' : 'batch is not a string' });
    }
    return;
  }
  const chars = batch.length;
  if (logChars + chars <= MAX_LOG_CHARS) {
    log.push(batch);
    logChars += chars;
  } else truncated = true;
  if (!port) connect();
  else post({ type: 'batch', batch });
}

/** The settings the agent applies itself, once read from storage; a string crosses the worlds as it is. */
let agentSettings: string | null = null;
function sendSettings(): void {
  if (agentSettings !== null) document.dispatchEvent(new CustomEvent(EVENT_SETTINGS, { detail: agentSettings }));
}
browser.storage.local.get(SETTINGS_KEY).then(
  (got) => {
    agentSettings = JSON.stringify({ frameGrace: parseSettings(got[SETTINGS_KEY]).rules.frameGrace });
    sendSettings();
  },
  () => {},
);

document.addEventListener(EVENT_BATCH, onBatch);
document.addEventListener(EVENT_AGENT_HELLO, () => {
  document.dispatchEvent(new CustomEvent(EVENT_RELAY_READY));
  sendSettings();
});
browser.runtime.onMessage.addListener((msg: unknown) => {
  if ((msg as { type?: unknown })?.type === RECONNECT_MESSAGE && !port && log.length > 0) connect();
  return undefined;
});
document.dispatchEvent(new CustomEvent(EVENT_RELAY_READY));
