// src/relay: the isolated-world content script. It takes batches from the page agent on their private
// channel (src/agent/channel.ts), numbers and logs them, and forwards them to the background. It shares the
// page's thread, so it only checks that a batch is a string of bounded length; the background parses and
// validates every batch (parseBatch) before use.
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
 * a worker restart says how many it lacks. The log's strings arrive from the page's world as copies of up
 * to two bytes a character, so 16 M characters hold up to 32 MiB in the page's renderer (bench/heap.mjs).
 */
const MAX_LOG_CHARS = 16 * 1024 * 1024;

/** The batches of this document, the first of them numbered 1, as long as they fit MAX_LOG_CHARS. */
const log: string[] = [];
let logChars = 0;
/**
 * The number of the last batch taken from the agent. The relay numbers batches itself, in this world the
 * page cannot reach: the background drops a replayed batch by this number, whatever the batch says.
 */
let numbered = 0;
let port: Runtime.Port | null = null;
let extensionGone = false;
let rejected = 0;
let rejectedReported = 0;
/** The channel to this document's agent, once it handed it over. */
let channel: EventTarget | null = null;

function post(msg: RelayToBackground): void {
  try {
    port?.postMessage(msg);
  } catch {
    // The port closed under us (worker stopped): the next batch reconnects and replays.
    port = null;
  }
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
      channel?.dispatchEvent(new CustomEvent(EVENT_FLUSH));
      post({ type: 'flushed', nonce: m.nonce });
    }
  });
  post({ type: 'replay', batches: log, upTo: numbered });
}

function onBatch(e: Event): void {
  const batch: unknown = (e as CustomEvent).detail;
  if (typeof batch !== 'string' || batch.length > LIMITS.maxBatchChars) {
    rejected++;
    // Report rejections sparsely: a runaway agent could send millions.
    if (rejected >= rejectedReported * 2 || rejected === 1) {
      rejectedReported = rejected;
      if (!port) connect();
      post({ type: 'rejected', count: rejected, reason: typeof batch === 'string' ? 'batch too large' : 'batch is not a string' });
    }
    return;
  }
  // A (re)connect replays what came before this batch; this one follows as a batch of its own.
  if (!port) connect();
  const n = ++numbered;
  if (logChars + batch.length <= MAX_LOG_CHARS && log.length === n - 1) {
    log.push(batch);
    logChars += batch.length;
  }
  post({ type: 'batch', n, batch });
}

/** The settings the agent applies itself, once read from storage; a string crosses the worlds as it is. */
let agentSettings: string | null = null;
function sendSettings(): void {
  if (agentSettings !== null) channel?.dispatchEvent(new CustomEvent(EVENT_SETTINGS, { detail: agentSettings }));
}
browser.storage.local.get(SETTINGS_KEY).then(
  (got) => {
    agentSettings = JSON.stringify({ frameGrace: parseSettings(got[SETTINGS_KEY]).rules.frameGrace });
    sendSettings();
  },
  () => {},
);

// The agent's hello carries the channel; the first one is the agent's own (no page script runs before this
// script and the agent), and later ones are ignored.
document.addEventListener(EVENT_AGENT_HELLO, (e: Event) => {
  const node = (e as MouseEvent).relatedTarget;
  if (channel !== null || !(node instanceof EventTarget)) return;
  channel = node;
  node.addEventListener(EVENT_BATCH, onBatch);
  node.dispatchEvent(new CustomEvent(EVENT_RELAY_READY));
  sendSettings();
});
browser.runtime.onMessage.addListener((msg: unknown) => {
  if ((msg as { type?: unknown })?.type === RECONNECT_MESSAGE && !port && numbered > 0) connect();
  return undefined;
});
// An agent that installed first waits for this announcement to hand over its channel.
document.dispatchEvent(new CustomEvent(EVENT_RELAY_READY));
