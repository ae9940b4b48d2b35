// src/background: the service worker. It keeps a recording per tab (so a panel opened late, or the CLI,
// sees everything since document_start) and serves it to panels; relays replay after a worker restart.
import browser, { type Runtime } from 'webextension-polyfill';
import {
  badgeAlerts,
  type PageHealth,
  PANEL_PORT,
  type PanelToBackground,
  parseSettings,
  rebasePageHealth,
  RECONNECT_MESSAGE,
  RELAY_PORT,
  type RelayToBackground,
  type BackgroundToPanel,
  type Settings,
  SETTINGS_KEY,
  TAB_STATE_MESSAGE,
  type TabState,
  type TabStateRequest,
} from '../model/model';
import { registerAgent } from './agent-registration';
import { Badges } from './badge';
import { Exports } from './exports';
import { gzipBase64 } from './gzip';
import { scriptIgnoreTransitions } from './source-maps';
import { type DocumentState, TabSession } from './tab-session';

const sessions = new Map<number, TabSession>();
const badges = new Badges();
const exports = new Exports();
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
    s = new TabSession(tabId, () => settings.rules, undefined, () => settings.ignoreList, scriptIgnoreTransitions);
    sessions.set(tabId, s);
  }
  return s;
}

function onRelay(port: Runtime.Port): void {
  // Tab, frame, document and URL are the browser's word: nothing in a batch says who sent it.
  const sender = port.sender as (Runtime.MessageSender & { documentId?: string }) | undefined;
  const tabId = sender?.tab?.id;
  if (tabId === undefined || sender === undefined) return port.disconnect();
  const frameId = sender.frameId ?? 0;
  let gone = false;
  // The session is made once the settings are read (its rules take the user's thresholds); messages wait
  // for the same promise, and callbacks on one promise run in order, so batches keep their order.
  const attached = ready.then(() => {
    const s = session(tabId);
    const doc = gone ? null : s.attach(port, { frameId, documentId: sender.documentId, url: sender.url });
    return { s, doc };
  });
  port.onDisconnect.addListener(() => {
    gone = true;
    void attached.then(({ s }) => s.detach(port));
  });
  port.onMessage.addListener((msg: unknown) => void attached.then(({ s, doc }) => {
    // A session replaced since (the tab's new top document) is not this document's any more.
    if (doc && sessions.get(tabId) === s && s.relays.get(port) === doc) onRelayMessage(s, doc, msg);
  }));

  function onRelayMessage(s: TabSession, doc: DocumentState, msg: unknown): void {
    const m = msg as RelayToBackground;
    // Each relay is an untrusted page's neighbour: every batch is validated again in TabSession.batch.
    switch (m?.type) {
      case 'replay':
        if (Array.isArray(m.batches)) s.replay(doc, m.batches, m.upTo);
        badges.update(tabId!, s.store.rules.alerts.values());
        break;
      case 'batch':
        s.batch(doc, m.n, m.batch);
        badges.update(tabId!, s.store.rules.alerts.values());
        break;
      case 'rejected':
        s.relayRejects(doc, m.count, m.reason);
        break;
      case 'flushed':
        if (typeof m.nonce === 'number') s.flushed(m.nonce);
        break;
    }
  }
}

function onPanel(port: Runtime.Port): void {
  let s: TabSession | undefined;
  let tabId: number | undefined;
  const reply = (m: BackgroundToPanel): void => {
    try {
      port.postMessage(m);
    } catch {
      // The panel went away meanwhile.
    }
  };
  port.onDisconnect.addListener(() => {
    if (tabId !== undefined) sessions.get(tabId)?.dropPanel(port);
  });
  port.onMessage.addListener(async (msg: unknown) => {
    await ready;
    const m = msg as PanelToBackground;
    if (m?.type === 'subscribe' && typeof m.tabId === 'number') {
      tabId = m.tabId;
      s = session(m.tabId);
      s.panels.add(port);
      void s.sendHistory([port]);
      // After a worker restart the relays have not reconnected yet: ask them to replay their logs.
      if (s.relays.size === 0) browser.tabs.sendMessage(m.tabId, { type: RECONNECT_MESSAGE }).catch(() => {});
    } else if (m?.type === 'shown' && typeof m.shown === 'boolean') {
      if (tabId !== undefined) sessions.get(tabId)?.setPanelShown(port, m.shown);
    } else if (m?.type === 'flush' && typeof m.nonce === 'number') {
      const current = tabId === undefined ? undefined : sessions.get(tabId);
      if (!current) return reply({ type: 'error', nonce: m.nonce, message: 'no recording for this tab (was it closed?)' });
      // The frames' batches reach this port before the answer: it goes out on the same port after them.
      await current.flushFrames();
      reply({ type: 'flushed', nonce: m.nonce });
    } else if (m?.type === 'snapshot' && typeof m.nonce === 'number') {
      const current = tabId === undefined ? undefined : sessions.get(tabId);
      if (!current) return reply({ type: 'error', nonce: m.nonce, message: 'no recording for this tab (was it closed?)' });
      const taken = await current.snapshot();
      if ('refused' in taken) reply({ type: 'error', nonce: m.nonce, message: taken.refused });
      else reply({ type: 'snapshot-taken', nonce: m.nonce, ...taken });
    }
  });
}

// The toolbar popup's question, answered only to the extension's own pages (the browser says who sent it):
// a content script's message comes from the page's URL.
browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender): Promise<TabState> | undefined => {
  const m = msg as TabStateRequest;
  if (m?.type !== TAB_STATE_MESSAGE || typeof m.tabId !== 'number' || !sender.url?.startsWith(browser.runtime.getURL(''))) return undefined;
  return ready.then(() => tabState(m.tabId));
});

function tabState(tabId: number): TabState {
  const s = sessions.get(tabId);
  if (!s || (s.store.contexts.size === 0 && s.store.objects.size === 0)) return null;
  const active = [...s.store.rules.alerts.values()]
    .filter((a) => a.resolvedAt === null && a.severity !== 'info')
    .sort((a, b) => (b.severity === 'error' ? 1 : 0) - (a.severity === 'error' ? 1 : 0) || b.bytes - a.bytes);
  const summary = s.store.summary();
  return {
    url: s.store.url,
    live: summary.live,
    totalBytes: summary.totalBytes,
    alerts: active.slice(0, 20).map((a) => ({ rule: a.rule, severity: a.severity, message: a.message })),
    count: active.length,
  };
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name === RELAY_PORT) onRelay(port);
  else if (port.name === PANEL_PORT) onPanel(port);
});

// A closed tab's recording goes with it; open panels keep what they have and are told.
browser.tabs.onRemoved.addListener((tabId) => {
  badges.forget(tabId);
  const s = sessions.get(tabId);
  if (!s) return;
  sessions.delete(tabId);
  s.toPanels({ type: 'tab-closed' });
});

// A new top document, also one that never touches the GPU, ends the recording and clears the badge. Its
// own relay may have connected first (then the ids match and nothing is lost); history.pushState and
// fragment changes are not commits, so a single-page app's route change keeps its recording.
browser.webNavigation.onCommitted.addListener((d) => {
  if (d.frameId !== 0) return;
  const s = sessions.get(d.tabId);
  const documentId = (d as { documentId?: string }).documentId;
  if (s && documentId) s.topDocument(documentId, d.url);
  badges.update(d.tabId, s?.store.rules.alerts.values() ?? []);
});

// A document's URL changed in place (pushState, replaceState, a fragment): its frames show the new one.
const urlChanged = (d: { tabId: number; url: string; documentId?: string }): void => {
  if (d.documentId) sessions.get(d.tabId)?.documentUrl(d.documentId, d.url);
};
browser.webNavigation.onHistoryStateUpdated.addListener(urlChanged);
browser.webNavigation.onReferenceFragmentUpdated.addListener(urlChanged);

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
  /** The whole trace as one object: for tests of small recordings (a CDP reply this large is slow). */
  exportTrace: (tabId: number) => sessions.get(tabId)?.exportTrace() ?? Promise.resolve(null),
  /** Flushes every frame and opens the trace for reading: its digest, and an id for exportRead. */
  exportOpen: async (tabId: number, page?: PageHealth) => {
    const s = sessions.get(tabId);
    if (!s) return null;
    const trace = await s.exportTrace();
    // What gpumem record saw of the page (its times on this clock) goes into the trace's meta.
    if (page) trace.meta.page = rebasePageHealth(page, s.store.startedAt ?? Date.now());
    const open = exports.start(trace);
    open.digest.pending = s.store.pendingAlerts();
    return open;
  },
  /** Live bytes and objects, the alerts the badge counts and those pending: gpumem record's progress. */
  status: (tabId: number) => {
    const s = sessions.get(tabId);
    if (!s) return null;
    let objects = 0;
    for (const t of s.store.live.values()) objects += t.count;
    return { bytes: s.store.totalBytes(), objects, alerts: badgeAlerts(s.store.rules.alerts.values()).count, pending: s.store.pendingAlerts().length };
  },
  /** The alerts not due yet, and the recording's time now (ms): what gpumem record waits for. */
  pending: (tabId: number) => {
    const s = sessions.get(tabId);
    return s ? { now: s.store.lastTime(), pending: s.store.pendingAlerts() } : null;
  },
  /** The next piece of an open export's JSON text; null once it is all read. */
  exportRead: (id: string) => exports.read(id),
  /**
   * The next piece, gzipped and in base64; null once it is all read. What gpumem record reads: the DevTools
   * protocol carries about 11 MB/s of text here, and a trace's JSON shrinks about tenfold (bench/).
   */
  exportReadGzip: async (id: string) => {
    const piece = exports.read(id);
    return piece === null ? null : gzipBase64(piece);
  },
  summary: (tabId: number) => sessions.get(tabId)?.store.summary() ?? null,
  /**
   * After every frame has flushed: the live totals, the alerts that count (active warnings and errors)
   * and those pending, and the recording's time (the Playwright fixture's matchers read this).
   */
  state: async (tabId: number) => {
    const s = sessions.get(tabId);
    if (!s) return null;
    await s.flushFrames();
    const alerts = [...s.store.rules.alerts.values()].filter((a) => a.resolvedAt === null && a.severity !== 'info');
    return { now: s.store.lastTime(), summary: s.store.summary(), alerts, pending: s.store.pendingAlerts() };
  },
  /** Takes a snapshot as the panel's button does (gpumem record's scripts and budgets, the Playwright fixture). */
  snapshot: (tabId: number, name?: string) => sessions.get(tabId)?.snapshot(typeof name === 'string' ? name : undefined) ?? Promise.resolve(null),
};
