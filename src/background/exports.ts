// Traces being read out piece by piece (the panel's Export, gpumem record): a trace of a million objects
// is more text than one string or one message can hold, so a reader asks for the next piece until there is
// none. An export that nobody reads for a minute is dropped, and at most a few are open at once.
import { digestOf, type Trace, type TraceDigest, traceJsonPieces } from '../model/model';

const IDLE_MS = 60_000;
const MAX_OPEN = 4;

interface OpenExport {
  pieces: Iterator<string, void>;
  touched: number;
}

export class Exports {
  private readonly open = new Map<string, OpenExport>();
  private next = 0;

  /** Opens a trace for reading; its digest comes at once (what a summary prints). */
  start(trace: Trace): { id: string; digest: TraceDigest } {
    this.sweep();
    while (this.open.size >= MAX_OPEN) this.open.delete(this.open.keys().next().value!);
    const id = `x${++this.next}`;
    this.open.set(id, { pieces: traceJsonPieces(trace), touched: Date.now() });
    return { id, digest: digestOf(trace) };
  }

  /**
   * The next piece of JSON text, or null once the trace is written out (the export is then closed).
   * Throws for an export that is unknown, read out, or dropped for idleness.
   */
  read(id: string): string | null {
    this.sweep();
    const x = this.open.get(id);
    if (!x) throw new Error(`export ${id} is not open (finished, or idle for over ${IDLE_MS / 1000} s)`);
    x.touched = Date.now();
    const r = x.pieces.next();
    if (r.done) {
      this.open.delete(id);
      return null;
    }
    return r.value;
  }

  close(id: string): void {
    this.open.delete(id);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, x] of this.open) if (now - x.touched > IDLE_MS) this.open.delete(id);
  }
}

