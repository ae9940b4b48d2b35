// Collects the agent's ops as flat numbers and sends them as batches (model/protocol.ts): the end of a task that
// made ops runs the tracker's deferred work at once, and the batch goes out SEND_DELAY_MS later with the ops
// of every task in between. Everything here runs on the page's hot path: push numbers, allocate nothing per
// call. Ops carry no time of their own: a Time op sets it for the ops after it, because a clock read costs as
// much as a GL call and a time is the longest, slowest number to serialize.
import { LIMITS, Op, PROTOCOL_VERSION } from '../model/model';

export interface EmitterIo {
  /** Hands a serialized batch to the relay. */
  send(json: string): void;
  /** Runs cb at the end of the current task (a microtask). */
  schedule(cb: () => void): void;
  /** Runs cb in a later task, about `ms` from now. Without it each task's batch goes out as the task ends. */
  later?(cb: () => void, ms: number): void;
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
/** Ops read the clock at the first op of a batch or of a task, and every this many ops after it. */
const CLOCK_EVERY = 64;
/**
 * How long a batch waits for the ops of later tasks. A send costs the page's thread about the same whatever
 * the batch holds (the relay's event, the extension port's serialization and IPC), and one per task cost
 * churn loops 2 – 5 % of their time: builds interleaved in bench/same-renderer.mjs read WebGPU churn 1.337x
 * sending at each task's end, 1.288x with this delay, and 1.362x sending each task's batch from a timer of
 * 0 ms (so it is the number of sends, not where they run); WebGL churn 1.370x, 1.343x and 1.369x. Well
 * inside the panel's refresh and the badge's second; an explicit flush (an export, pagehide) sends at once.
 */
export const SEND_DELAY_MS = 100;

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
  private sendArmed = false;
  private readonly endTaskBound = (): void => this.endTask();
  private readonly sendBound = (): void => {
    this.sendArmed = false;
    this.flush();
  };
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
    if (this.ops.length === 0 || ++this.tUses >= CLOCK_EVERY) {
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
      this.io.schedule(this.endTaskBound);
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

  /** The tracker's deferred work. Ops it pushes join the current batch: no second task end is scheduled for them. */
  private runBeforeFlush(): void {
    this.scheduled = true;
    this.beforeFlush?.();
    this.scheduled = false;
  }

  /** The end of a task that made ops: the tracker's deferred work now, the batch within SEND_DELAY_MS. */
  private endTask(): void {
    if (this.io.later === undefined) {
      this.flush();
      return;
    }
    this.runBeforeFlush();
    // A batch holds the ops of several tasks: the next task's first op reads the clock.
    this.tUses = CLOCK_EVERY;
    if (this.ops.length !== 0 && !this.sendArmed) {
      this.sendArmed = true;
      this.io.later(this.sendBound, SEND_DELAY_MS);
    }
  }

  /** Sends every op made so far, now (an export's flush, pagehide, a full batch, the send timer). */
  flush(): void {
    this.runBeforeFlush();
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
      this.io.schedule(this.endTaskBound);
    }
  }
}
