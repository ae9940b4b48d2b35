// One tab's recording in the service worker: its store, the relay ports of its frames and the panels
// watching it. A new top-level document starts a new recording.
import type { Runtime } from 'webextension-polyfill';
import {
  type Batch,
  type BackgroundToPanel,
  type BackgroundToRelay,
  parseBatch,
  type RuleSettings,
  SessionStore,
  TOOL,
  type Trace,
} from '../model/model';

/** How long an export waits for each frame's relay to flush before it goes on without it. */
const FLUSH_TIMEOUT_MS = 2000;

export class TabSession {
  store: SessionStore;
  readonly relays = new Map<Runtime.Port, number>();
  readonly panels = new Set<Runtime.Port>();
  rejectedBatches = 0;
  private topRealm: string | null = null;
  /** Top documents whose recording ended: a late batch of theirs (sent while unloading) is dropped. */
  private readonly retired = new Set<string>();
  /** The top document's id (from its relay's port), to tell a navigation from a late event about it. */
  topDocumentId: string | null = null;
  private nonce = 0;
  private readonly waiting = new Map<number, () => void>();

  /** `rules`: the user's thresholds, read when a recording starts. */
  constructor(
    readonly tabId: number,
    private readonly rules: () => Partial<RuleSettings>,
  ) {
    this.store = new SessionStore({}, rules());
  }

  /** Parses, validates and applies batches (JSON text) from one frame's relay, forwarding new ones to the panels. */
  receive(frameId: number, raws: unknown[]): void {
    for (const raw of raws) {
      let batch: Batch;
      try {
        batch = parseBatch(raw);
      } catch {
        this.rejectedBatches++;
        continue;
      }
      if (frameId === 0 && this.retired.has(batch.realm)) continue;
      if (frameId === 0 && this.topRealm !== batch.realm) {
        if (this.topRealm !== null) this.restart();
        this.topRealm = batch.realm;
      }
      if (this.store.applyBatch(batch, { frameId })) this.toPanels({ type: 'batch', frameId, batch });
    }
  }

  /** A new top document: the old recording ends and open panels start over. */
  restart(): void {
    if (this.topRealm !== null && this.retired.size < 64) this.retired.add(this.topRealm);
    this.topRealm = null;
    this.store = new SessionStore({}, this.rules());
    this.toPanels({ type: 'reset', trace: this.trace() });
  }

  trace(): Trace {
    const t = this.store.toTrace({ userAgent: navigator.userAgent, tool: TOOL });
    t.meta.rejectedBatches = this.rejectedBatches;
    return t;
  }

  /** Asks every frame to flush its agent, then returns the trace with everything sent before the call. */
  async exportTrace(): Promise<Trace> {
    const waits = [...this.relays.keys()].map((port) => {
      const nonce = ++this.nonce;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.waiting.delete(nonce);
          resolve();
        }, FLUSH_TIMEOUT_MS);
        this.waiting.set(nonce, () => {
          clearTimeout(timer);
          this.waiting.delete(nonce);
          resolve();
        });
        try {
          port.postMessage({ type: 'flush', nonce } satisfies BackgroundToRelay);
        } catch {
          this.waiting.get(nonce)?.();
        }
      });
    });
    await Promise.all(waits);
    return this.trace();
  }

  flushed(nonce: number): void {
    this.waiting.get(nonce)?.();
  }

  toPanels(msg: BackgroundToPanel): void {
    for (const p of this.panels) {
      try {
        p.postMessage(msg);
      } catch {
        this.panels.delete(p);
      }
    }
  }
}
