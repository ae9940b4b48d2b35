// src/background: the service worker. It keeps a recording per tab (so a panel opened late, or the CLI,
// sees everything since document_start) and serves it to panels; relays replay after a worker restart.
import browser, { type Runtime } from 'webextension-polyfill';
import {
  PANEL_PORT,
  type PanelToBackground,
  parseSettings,
  RECONNECT_MESSAGE,
  RELAY_PORT,
  type RelayToBackground,
  type BackgroundToPanel,
  type Settings,
  SETTINGS_KEY,
} from '../model/model';
import { registerAgent } from './agent-registration';
import { Badges } from './badge';
import { TabSession } from './tab-session';

const sessions = new Map<number, TabSession>();
const badges = new Badges();
let settings: Settings = parseSettings(undefined);

/** Settings read and the agent registered for them; messages wait for it, so every session uses them. */
const ready: Promise<void> = (async () => {
  try {
    settings = parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
    await registerAgent(settings);
  } catch (e) {
    console.error('gpumem: could not apply the settings', e);
  }
})();

// A change applies to documents loaded from now on: new recordings take the new thresholds.
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !changes[SETTINGS_KEY]) return;
  settings = parseSettings(changes[SETTINGS_KEY].newValue);
  registerAgent(settings).catch((e) => console.error('gpumem: could not register the agent', e));
});

function session(tabId: number): TabSession {
  let s = sessions.get(tabId);
  if (!s) {
    s = new TabSession(tabId, () => settings.rules);
    sessions.set(tabId, s);
  }
  return s;
}

function onRelay(port: Runtime.Port): void {
  const tabId = port.sender?.tab?.id;
  const frameId = port.sender?.frameId ?? 0;
  if (tabId === undefined) return port.disconnect();
  const documentId = (port.sender as { documentId?: string } | undefined)?.documentId;
  let gone = false;
  // The session is made once the settings are read (its rules take the user's thresholds); messages wait
  // for the same promise, and callbacks on one promise run in order, so batches keep their order.
  const s = ready.then(() => {
    const s = session(tabId);
    if (!gone) s.relays.set(port, frameId);
    if (frameId === 0 && documentId) s.topDocumentId = documentId;
    return s;
  });
  port.onDisconnect.addListener(() => {
    gone = true;
    void s.then((x) => x.relays.delete(port));
  });
  port.onMessage.addListener((msg: unknown) => void s.then((x) => onRelayMessage(x, msg)));

  function onRelayMessage(s: TabSession, msg: unknown): void {
    const m = msg as RelayToBackground;
    // Each relay is an untrusted page's neighbour: every batch is validated again in receive().
    switch (m?.type) {
      case 'replay':
        if (Array.isArray(m.batches)) s.receive(frameId, m.batches);
        badges.update(tabId!, s.store.rules.alerts.values());
        break;
      case 'batch':
        s.receive(frameId, [m.batch]);
        badges.update(tabId!, s.store.rules.alerts.values());
        break;
      case 'rejected':
        if (typeof m.count === 'number') s.rejectedBatches = Math.max(s.rejectedBatches, m.count);
        break;
      case 'flushed':
        if (typeof m.nonce === 'number') s.flushed(m.nonce);
        break;
    }
  }
}

function onPanel(port: Runtime.Port): void {
  let s: TabSession | undefined;
  port.onDisconnect.addListener(() => s?.panels.delete(port));
  port.onMessage.addListener(async (msg: unknown) => {
    await ready;
    const m = msg as PanelToBackground;
    if (m?.type === 'subscribe' && typeof m.tabId === 'number') {
      s = session(m.tabId);
      s.panels.add(port);
      port.postMessage({ type: 'reset', trace: s.trace() } satisfies BackgroundToPanel);
      // After a worker restart the relays have not reconnected yet: ask them to replay their logs.
      if (s.relays.size === 0) browser.tabs.sendMessage(m.tabId, { type: RECONNECT_MESSAGE }).catch(() => {});
    } else if (m?.type === 'export' && s) {
      const trace = await s.exportTrace();
      port.postMessage({ type: 'trace', nonce: m.nonce, trace } satisfies BackgroundToPanel);
    }
  });
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name === RELAY_PORT) onRelay(port);
  else if (port.name === PANEL_PORT) onPanel(port);
});

browser.tabs.onRemoved.addListener((tabId) => {
  badges.forget(tabId);
  const s = sessions.get(tabId);
  if (s && s.panels.size === 0) sessions.delete(tabId);
});

// A new top document, also one that never touches the GPU, ends the recording and clears the badge. Its
// own relay may have connected first (then the ids match and nothing is lost); history.pushState and
// fragment changes are not commits, so a single-page app's route change keeps its recording.
browser.webNavigation.onCommitted.addListener((d) => {
  if (d.frameId !== 0) return;
  const s = sessions.get(d.tabId);
  const documentId = (d as { documentId?: string }).documentId;
  if (s && documentId && s.topDocumentId !== documentId) {
    s.topDocumentId = documentId;
    s.restart();
  }
  badges.update(d.tabId, s?.store.rules.alerts.values() ?? []);
});

// A (re)started worker has no sessions: ask every tab's relays to replay what they hold. Relays of frames
// that never used WebGL hold nothing and stay quiet.
void browser.tabs.query({}).then((tabs) => {
  for (const t of tabs) {
    if (t.id !== undefined) browser.tabs.sendMessage(t.id, { type: RECONNECT_MESSAGE }).catch(() => {});
  }
});

/** For the gpumem CLI and the tests, which evaluate in this worker through the DevTools protocol. */
(globalThis as Record<string, unknown>).__gpumem = {
  /** Differs for each start of the worker: lets a test see that a restart happened. */
  bootId: crypto.randomUUID(),
  /** Settles once the settings are read and the page agent is registered for them. */
  ready,
  sessions: () => [...sessions.values()].map((s) => ({ tabId: s.tabId, url: s.store.url, frames: s.store.frames.size })),
  exportTrace: (tabId: number) => sessions.get(tabId)?.exportTrace() ?? Promise.resolve(null),
  summary: (tabId: number) => sessions.get(tabId)?.store.summary() ?? null,
};
