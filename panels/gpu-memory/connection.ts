// The panel's port to the background, reconnecting after a service-worker restart. The panel never talks
// to the page directly. Every request it makes has a deadline and fails, with words for the user, when the
// port drops before the answer.
import browser, { type Runtime } from 'webextension-polyfill';
import { type BackgroundToPanel, PANEL_PORT, type PanelToBackground } from '../../src/model/model';

/** How long one answer may take: a flush waits up to 2 s for each frame's relay. */
const ANSWER_MS = 30_000;

type Answer = Extract<BackgroundToPanel, { nonce: number }>;

export class Connection {
  private port: Runtime.Port | null = null;
  private nonce = 0;
  private readonly pending = new Map<number, { ok: (m: Answer) => void; fail: (e: Error) => void }>();
  /** False once the extension is gone (reloaded or removed): nothing will answer again. */
  alive = true;
  /** Whether DevTools shows the panel, told to the background again after a reconnect. */
  private shown = true;

  constructor(
    private readonly tabId: number,
    private readonly onMessage: (m: BackgroundToPanel) => void,
    private readonly onDisconnect: () => void = () => {},
  ) {
    this.connect();
  }

  private connect(): void {
    let port: Runtime.Port;
    try {
      port = browser.runtime.connect({ name: PANEL_PORT });
    } catch {
      this.alive = false;
      this.failAll('the extension was reloaded or removed: reopen DevTools');
      return;
    }
    this.port = port;
    port.onMessage.addListener((msg: unknown) => {
      const m = msg as BackgroundToPanel;
      if ('nonce' in m && typeof m.nonce === 'number') {
        const p = this.pending.get(m.nonce);
        this.pending.delete(m.nonce);
        p?.ok(m);
      } else this.onMessage(m);
    });
    port.onDisconnect.addListener(() => {
      this.port = null;
      this.failAll('the connection to the extension dropped (its service worker restarted); try again');
      this.onDisconnect();
      // The worker went away (idle stop, update, crash): a new connection wakes it and resubscribes.
      setTimeout(() => this.connect(), 0);
    });
    this.send({ type: 'subscribe', tabId: this.tabId });
    if (!this.shown) this.send({ type: 'shown', shown: false });
  }

  /** DevTools hid or showed the panel: the background holds its messages while it is hidden. */
  setShown(shown: boolean): void {
    if (shown === this.shown) return;
    this.shown = shown;
    this.send({ type: 'shown', shown });
  }

  /** Asks for the whole recording again (a reset and its history follow on this port). */
  resubscribe(): void {
    this.send({ type: 'subscribe', tabId: this.tabId });
  }

  private send(m: PanelToBackground): void {
    this.port?.postMessage(m);
  }

  private failAll(message: string): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.fail(new Error(message));
  }

  /** Sends a request and waits for its answer, ANSWER_MS at most. */
  private ask(make: (nonce: number) => PanelToBackground): Promise<Answer> {
    const nonce = ++this.nonce;
    return new Promise<Answer>((ok, fail) => {
      if (!this.port) {
        fail(new Error('not connected to the extension; try again in a moment'));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(nonce);
        fail(new Error(`no answer from the extension within ${ANSWER_MS / 1000} s`));
      }, ANSWER_MS);
      this.pending.set(nonce, {
        ok: (m) => {
          clearTimeout(timer);
          if (m.type === 'error') fail(new Error(m.message));
          else ok(m);
        },
        fail: (e) => {
          clearTimeout(timer);
          fail(e);
        },
      });
      this.send(make(nonce));
    });
  }

  /**
   * Asks every frame of the tab to flush its agent; resolves once their batches have come on this port
   * (they precede the answer), so that the panel's copy then holds every op made before the call.
   */
  /** Takes a snapshot of the tab's live set; its event reaches the panel's copy before the answer. */
  async snapshot(): Promise<{ id: string; name: string }> {
    const m = await this.ask((nonce) => ({ type: 'snapshot', nonce }));
    if (m.type !== 'snapshot-taken') throw new Error('unexpected answer to a snapshot');
    return { id: m.id, name: m.name };
  }

  async flush(): Promise<void> {
    const m = await this.ask((nonce) => ({ type: 'flush', nonce }));
    if (m.type !== 'flushed') throw new Error('unexpected answer to a flush');
  }
}
