// Collects the agent's ops as flat numbers and flushes them once per microtask as one batch (protocol v2).
// Everything here runs on the page's hot path: push numbers, allocate nothing per call. Ops carry no time of
// their own: a Time op sets it for the ops after it, because a clock read costs as much as a GL call and a
// time is the longest, slowest number to serialize.
import { LIMITS, Op, PROTOCOL_VERSION } from '../model/model';

export interface EmitterIo {
  /** Hands a serialized batch to the relay. */
  send(json: string): void;
  schedule(cb: () => void): void;
  /** ms since the agent's time origin. */
  clock(): number;
  stringify(v: unknown): string;
  url(): string;
}

/** Characters of batches held while no relay has answered; past it the oldest are dropped and counted. */
const MAX_PENDING_CHARS = 16 * 1024 * 1024;
const MAX_AGENT_ERRORS = 100;
/** A batch goes out early at this many numbers, far below the decoder's limit, however long the task runs. */
const MAX_BATCH_OPS = 256 * 1024;

export class Emitter {
  private ops: number[] = [];
  private strings: string[] = [];
  private stringIds = new Map<string, number>();
  private seq = 0;
  private scheduled = false;
  private ready = false;
  private pending: string[] = [];
  private pendingChars = 0;
  private droppedBatches = 0;
  private agentErrors = 0;
  private readonly flushBound = (): void => this.flush();
  /** Runs at the start of every flush, before the batch is built (the tracker's deferred work). */
  beforeFlush: (() => void) | null = null;
  private t = 0;
  private tUses = 0;

  constructor(
    private readonly realm: string,
    private readonly origin: number,
    private readonly io: EmitterIo,
  ) {}

  /**
   * Starts an op: at the first op of a batch and every 64 ops after it, reads the clock and emits a Time op
   * when the reading changed, so ops of one burst of calls share one time.
   */
  private tick(): void {
    if (this.ops.length === 0 || ++this.tUses >= 64) {
      const t = Math.round(this.io.clock() * 1000) / 1000;
      this.tUses = 0;
      if (this.ops.length === 0 || t !== this.t) {
        this.t = t;
        this.ops.push(Op.Time, t);
      }
    }
  }

  /** 1-based index of `s` in this batch's string table. */
  str(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      if (s.length > LIMITS.maxStringLength) s = s.slice(0, LIMITS.maxStringLength);
      id = this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  op1(a: number): void {
    this.tick();
    this.ops.push(a);
    this.kick();
  }

  op2(a: number, b: number): void {
    this.tick();
    this.ops.push(a, b);
    this.kick();
  }

  op3(a: number, b: number, c: number): void {
    this.tick();
    this.ops.push(a, b, c);
    this.kick();
  }

  op4(a: number, b: number, c: number, d: number): void {
    this.tick();
    this.ops.push(a, b, c, d);
    this.kick();
  }

  op5(a: number, b: number, c: number, d: number, e: number): void {
    this.tick();
    this.ops.push(a, b, c, d, e);
    this.kick();
  }

  agentError(message: string): void {
    if (++this.agentErrors > MAX_AGENT_ERRORS) return;
    this.op2(Op.AgentError, this.str(message));
  }

  /** Makes sure a flush comes at the end of this task, with no op to send yet (the tracker's pending objects). */
  schedule(): void {
    if (!this.scheduled) {
      this.scheduled = true;
      this.io.schedule(this.flushBound);
    }
  }

  /** The relay answered: from now on batches go out directly. */
  relayReady(): void {
    if (this.ready) return;
    this.ready = true;
    const held = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    for (const json of held) this.io.send(json);
    this.flush();
  }

  flush(): void {
    // Ops pushed by beforeFlush go out in this batch: no second flush is scheduled for them.
    this.scheduled = true;
    this.beforeFlush?.();
    this.scheduled = false;
    if (this.ops.length === 0 && this.droppedBatches === 0) return;
    if (this.droppedBatches > 0 && this.ready) {
      const n = this.droppedBatches;
      this.droppedBatches = 0;
      this.op2(Op.Dropped, n);
    }
    if (this.ops.length === 0) return;
    const json = this.io.stringify({
      v: PROTOCOL_VERSION,
      realm: this.realm,
      seq: ++this.seq,
      origin: this.origin,
      url: this.io.url(),
      strings: this.strings,
      ops: this.ops,
    });
    this.ops = [];
    this.strings = [];
    this.stringIds.clear();
    if (this.ready) {
      this.io.send(json);
      return;
    }
    this.pending.push(json);
    this.pendingChars += json.length;
    while (this.pendingChars > MAX_PENDING_CHARS && this.pending.length > 1) {
      this.pendingChars -= this.pending.shift()!.length;
      this.droppedBatches++;
    }
  }

  private kick(): void {
    if (this.ops.length >= MAX_BATCH_OPS) {
      this.flush();
      return;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      this.io.schedule(this.flushBound);
    }
  }
}
