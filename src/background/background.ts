// src/background: the service worker. It keeps a recording per tab (so a panel opened late, or the CLI,
// sees everything since document_start) and serves it to panels; relays replay after a worker restart.
import browser, { type Runtime } from 'webextension-polyfill';
import {
  PANEL_PORT,
  type PanelToBackground,
  RECONNECT_MESSAGE,
  RELAY_PORT,
  type RelayToBackground,
  type BackgroundToPanel,
} from '../model/model';
import { Badges } from './badge';
import { TabSession } from './tab-session';

const sessions = new Map<number, TabSession>();
const badges = new Badges();

function session(tabId: number): TabSession {
  let s = sessions.get(tabId);
  if (!s) {
    s = new TabSession(tabId);
    sessions.set(tabId, s);
  }
  return s;
}

function onRelay(port: Runtime.Port): void {
  const tabId = port.sender?.tab?.id;
  const frameId = port.sender?.frameId ?? 0;
  if (tabId === undefined) return port.disconnect();
  const s = session(tabId);
  s.relays.set(port, frameId);
  const documentId = (port.sender as { documentId?: string } | undefined)?.documentId;
  if (frameId === 0 && documentId) s.topDocumentId = documentId;
  port.onDisconnect.addListener(() => s.relays.delete(port));
  port.onMessage.addListener((msg: unknown) => {
    const m = msg as RelayToBackground;
    // Each relay is an untrusted page's neighbour: every batch is validated again in receive().
    switch (m?.type) {
      case 'replay':
        if (Array.isArray(m.batches)) s.receive(frameId, m.batches);
        badges.update(tabId, s.store.rules.alerts.values());
        break;
      case 'batch':
        s.receive(frameId, [m.batch]);
        badges.update(tabId, s.store.rules.alerts.values());
        break;
      case 'rejected':
        if (typeof m.count === 'number') s.rejectedBatches = Math.max(s.rejectedBatches, m.count);
        break;
      case 'flushed':
        if (typeof m.nonce === 'number') s.flushed(m.nonce);
        break;
    }
  });
}

function onPanel(port: Runtime.Port): void {
  let s: TabSession | undefined;
  port.onDisconnect.addListener(() => s?.panels.delete(port));
  port.onMessage.addListener(async (msg: unknown) => {
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
  sessions: () => [...sessions.values()].map((s) => ({ tabId: s.tabId, url: s.store.url, frames: s.store.frames.size })),
  exportTrace: (tabId: number) => sessions.get(tabId)?.exportTrace() ?? Promise.resolve(null),
  summary: (tabId: number) => sessions.get(tabId)?.store.summary() ?? null,
};
