// Collects the agent's ops as flat numbers and sends them as batches (model/protocol.ts): the end of a task that
// made ops runs the tracker's deferred work at once, and the batch goes out SEND_DELAY_MS later with the ops
// of every task in between. Everything here runs on the page's hot path: store numbers, allocate nothing per
// call. Ops carry no time of their own: a Time op sets it for the ops after it, because a clock read costs as
// much as a GL call and a time is the longest, slowest number to serialize.
//
// Ops go into a Float64Array and strings into their JSON text as they come, and the batch's JSON is put
// together here: no Array.prototype method of the page's can reach them (natives.ts; Map and JSON are the
// pristine copies the build maps them to, scripts/build-agent.mjs).
import { CLIP_MARK, LIMITS, Op, PROTOCOL_VERSION } from '../model/model';
import { StringSlice, TypedJoin, TypedSet, TypedSubarray } from './natives';

export interface EmitterIo {
  /** Hands a serialized batch to the relay. */
  send(json: string): void;
  /** Runs cb at the end of the current task (a microtask). */
  schedule(cb: () => void): void;
  /** Runs cb in a later task, about `ms` from now. Without it each task's batch goes out as the task ends. */
  later?(cb: () => void, ms: number): void;
  /** ms since the agent's time origin. */
  clock(): number;
}

/** Characters of batches held while no relay has answered; past it the oldest are dropped and counted. */
const MAX_PENDING_CHARS = 16 * 1024 * 1024;
const MAX_AGENT_ERRORS = 100;
/** A batch goes out early at this many numbers, far below the decoder's limit, however long the task runs. */
const MAX_BATCH_OPS = 256 * 1024;
/**
 * …or at this many strings, or characters in them, below the decoder's LIMITS.maxStrings: a task that makes
 * 25 000 labelled buffers sends two batches, not one the background must reject. An op adds at most two
 * strings after the check.
 */
const MAX_BATCH_STRINGS = 16_000;
const MAX_BATCH_STRING_CHARS = 8 * 1024 * 1024;
/** The ops array's first size; it doubles as needed up to a batch's bound and is kept between batches. */
const FIRST_OPS = 4096;
/** Ops read the clock at the first op of a batch or of a task, and every this many ops after it. */
const CLOCK_EVERY = 64;
/**
 * How long a batch waits for the ops of later tasks. A send costs the page's thread about the same whatever
 * the batch holds (the relay's event, the extension port's serialization and IPC), and one send per task
 * cost churn loops 2 – 5 % of their time. Well inside the panel's refresh and the badge's second; an
 * explicit flush (an export, pagehide) sends at once.
 */
export const SEND_DELAY_MS = 100;

export class Emitter {
  private ops = new Float64Array(FIRST_OPS);
  /** Numbers in `ops`. */
  private n = 0;
  /** The string table's JSON elements, comma-separated, and how many. */
  private stringsJson = '';
  private nStrings = 0;
  private stringChars = 0;
  private readonly stringIds = new Map<string, number>();
  private seq = 0;
  private scheduled = false;
  private ready = false;
  /** Batches held until a relay answers; dropped ones (the oldest first) leave holes before pendingHead. */
  private pending: (string | undefined)[] = [];
  private pendingHead = 0;
  private pendingChars = 0;
  private droppedBatches = 0;
  private agentErrors = 0;
  private sendArmed = false;
  // The emitter's own tasks (the end of a task, the send timer) run outside any hook: nothing they meet may
  // reach the page as an uncaught error.
  private readonly endTaskBound = (): void => {
    try {
      this.endTask();
    } catch (e) {
      this.caught(e);
    }
  };
  private readonly sendBound = (): void => {
    this.sendArmed = false;
    try {
      this.flush();
    } catch (e) {
      this.caught(e);
    }
  };
  /** Run at the start of every flush, before the batch is built (the tracker's deferred work). */
  private readonly beforeFlushes: (() => void)[] = [];
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
    if (this.n === 0 || ++this.tUses >= CLOCK_EVERY) {
      const t = Math.round(this.io.clock() * 1000) / 1000;
      this.tUses = 0;
      if (this.n === 0 || t !== this.t) {
        this.t = t;
        const o = this.room(2);
        o[this.n] = Op.Time;
        o[this.n + 1] = t;
        this.n += 2;
      }
    }
  }

  /** The ops array, with room for `k` more numbers (7 at most: a Time op and the longest op). */
  private room(k: number): Float64Array {
    const o = this.ops;
    if (this.n + k <= o.length) return o;
    const grown = new Float64Array(o.length * 2);
    TypedSet(grown, o);
    this.ops = grown;
    return grown;
  }

  /**
   * 1-based index of `s` in this batch's string table. A string longer than the decoder takes (a label, a
   * stack) is cut to fit with a mark at its end, never left to fail the whole batch.
   */
  str(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      const text = s.length > LIMITS.maxStringLength ? StringSlice(s, 0, LIMITS.maxStringLength - CLIP_MARK.length) + CLIP_MARK : s;
      id = ++this.nStrings;
      const json = JSON.stringify(text);
      this.stringsJson = id === 1 ? json : `${this.stringsJson},${json}`;
      this.stringChars += text.length;
      this.stringIds.set(s, id);
    }
    return id;
  }

  op1(a: number): void {
    this.tick();
    const o = this.room(1);
    o[this.n++] = a;
    this.kick();
  }

  op2(a: number, b: number): void {
    this.tick();
    const o = this.room(2);
    const n = this.n;
    o[n] = a;
    o[n + 1] = b;
    this.n = n + 2;
    this.kick();
  }

  op3(a: number, b: number, c: number): void {
    this.tick();
    const o = this.room(3);
    const n = this.n;
    o[n] = a;
    o[n + 1] = b;
    o[n + 2] = c;
    this.n = n + 3;
    this.kick();
  }

  op4(a: number, b: number, c: number, d: number): void {
    this.tick();
    const o = this.room(4);
    const n = this.n;
    o[n] = a;
    o[n + 1] = b;
    o[n + 2] = c;
    o[n + 3] = d;
    this.n = n + 4;
    this.kick();
  }

  op5(a: number, b: number, c: number, d: number, e: number): void {
    this.tick();
    const o = this.room(5);
    const n = this.n;
    o[n] = a;
    o[n + 1] = b;
    o[n + 2] = c;
    o[n + 3] = d;
    o[n + 4] = e;
    this.n = n + 5;
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
    this.pendingHead = 0;
    this.pendingChars = 0;
    for (let i = 0; i < held.length; i++) {
      const json = held[i];
      if (json !== undefined) this.io.send(json);
    }
    this.flush();
  }

  /** `f` runs at the start of every flush, before the batch is built; ops it makes join that batch. */
  addBeforeFlush(f: () => void): void {
    this.beforeFlushes[this.beforeFlushes.length] = f;
  }

  /** The tracker's deferred work. Ops it pushes join the current batch: no second task end is scheduled for them. */
  private runBeforeFlush(): void {
    this.scheduled = true;
    try {
      const fs = this.beforeFlushes;
      for (let i = 0; i < fs.length; i++) fs[i]!();
    } catch (e) {
      this.caught(e);
    } finally {
      this.scheduled = false;
    }
  }

  /** A failure in the agent's own work: reported as an AgentError op, never thrown into the page. */
  caught(e: unknown): void {
    try {
      this.agentError(e instanceof Error ? `${e.name}: ${e.message}` : typeof e === 'string' ? e : 'a non-Error value was thrown');
    } catch {
      // Reporting must not throw either.
    }
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
    if (this.n !== 0 && !this.sendArmed) {
      this.sendArmed = true;
      this.io.later(this.sendBound, SEND_DELAY_MS);
    }
  }

  /** Sends every op made so far, now (an export's flush, pagehide, a full batch, the send timer). */
  flush(): void {
    this.runBeforeFlush();
    if (this.n === 0 && this.droppedBatches === 0) return;
    if (this.droppedBatches > 0 && this.ready) {
      const n = this.droppedBatches;
      this.droppedBatches = 0;
      this.op2(Op.Dropped, n);
    }
    if (this.n === 0) return;
    // The same text JSON.stringify gives for { v, realm, seq, origin, strings, ops }: a Float64Array's join
    // writes each number as JSON does (the ops are finite).
    const json =
      `{"v":${PROTOCOL_VERSION},"realm":"${this.realm}","seq":${++this.seq},"origin":${this.origin},` +
      `"strings":[${this.stringsJson}],"ops":[${TypedJoin(TypedSubarray(this.ops, 0, this.n), ',')}]}`;
    this.n = 0;
    this.stringsJson = '';
    this.nStrings = 0;
    this.stringChars = 0;
    this.stringIds.clear();
    if (this.ready) {
      this.io.send(json);
      return;
    }
    this.pending[this.pending.length] = json;
    this.pendingChars += json.length;
    while (this.pendingChars > MAX_PENDING_CHARS && this.pending.length - this.pendingHead > 1) {
      this.pendingChars -= this.pending[this.pendingHead]!.length;
      this.pending[this.pendingHead++] = undefined;
      this.droppedBatches++;
    }
  }

  private kick(): void {
    if (this.n >= MAX_BATCH_OPS || this.nStrings >= MAX_BATCH_STRINGS || this.stringChars >= MAX_BATCH_STRING_CHARS) {
      this.flush();
      return;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      this.io.schedule(this.endTaskBound);
    }
  }
}
