// The panel's port to the background, reconnecting after a service-worker restart. The panel never talks
// to the page directly.
import browser, { type Runtime } from 'webextension-polyfill';
import { type BackgroundToPanel, PANEL_PORT, type PanelToBackground, type Trace } from '../../src/model/model';

export class Connection {
  private port: Runtime.Port | null = null;
  private nonce = 0;
  private readonly exports = new Map<number, (t: Trace) => void>();

  constructor(
    private readonly tabId: number,
    private readonly onMessage: (m: BackgroundToPanel) => void,
  ) {
    this.connect();
  }

  private connect(): void {
    let port: Runtime.Port;
    try {
      port = browser.runtime.connect({ name: PANEL_PORT });
    } catch {
      return; // the extension was reloaded or removed: this panel page is orphaned
    }
    this.port = port;
    port.onMessage.addListener((msg: unknown) => {
      const m = msg as BackgroundToPanel;
      if (m.type === 'trace') {
        this.exports.get(m.nonce)?.(m.trace);
        this.exports.delete(m.nonce);
      } else this.onMessage(m);
    });
    port.onDisconnect.addListener(() => {
      this.port = null;
      // The worker went away (idle stop, update, crash): a new connection wakes it and resubscribes.
      queueMicrotask(() => this.connect());
    });
    this.send({ type: 'subscribe', tabId: this.tabId });
  }

  private send(m: PanelToBackground): void {
    this.port?.postMessage(m);
  }

  /** The trace as the background has it after every frame flushed (what `gpumem record` writes too). */
  exportTrace(): Promise<Trace> {
    const nonce = ++this.nonce;
    return new Promise((resolve) => {
      this.exports.set(nonce, resolve);
      this.send({ type: 'export', nonce });
    });
  }
}
