// `gpumem record`'s progress on stderr while it records: on a terminal one line updated in place, else
// (a CI log) a line every few seconds and when the alerts change; nothing with --quiet. The numbers come from the extension's worker.
import { formatBytes } from '../model/model';

export interface ProgressState {
  elapsedMs: number;
  /** The planned length: the duration, or longer while pending alerts are awaited. */
  totalMs: number;
  bytes: number;
  objects: number;
  /** Active warnings and errors, and alerts pending. */
  alerts: number;
  pending: number;
}

export function progressLine(s: ProgressState): string {
  const secs = (ms: number): string => (ms / 1000).toFixed(1);
  const pending = s.pending > 0 ? `, ${s.pending} pending` : '';
  return `recording ${secs(s.elapsedMs)} / ${secs(s.totalMs)} s · ${formatBytes(s.bytes)} in ${s.objects} live objects · ${s.alerts} alert${s.alerts === 1 ? '' : 's'}${pending}`;
}

/** Where the lines go: process.stderr, or a test's stand-in. */
export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Lines on a log, one per this from its start: a 10-minute recording writes 120 of them, one shorter
 * than this none.
 */
const LOG_EVERY_MS = 5000;

export class ProgressReporter {
  private lastLogged = 0;
  private alerts = 0;
  private pending = 0;
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly quiet: boolean,
  ) {}

  update(s: ProgressState): void {
    if (this.quiet) return;
    if (this.sink.isTTY) {
      // Back to the line's start, the new line, then erase what a longer previous one left.
      this.sink.write(`\r${progressLine(s)}\x1b[K`);
      this.drawn = true;
    } else if (s.elapsedMs - this.lastLogged >= LOG_EVERY_MS || s.alerts !== this.alerts || s.pending !== this.pending) {
      // Also when an alert comes, goes or turns pending: the log shows when a leak was seen.
      this.sink.write(`${progressLine(s)}\n`);
      this.lastLogged = s.elapsedMs;
    }
    this.alerts = s.alerts;
    this.pending = s.pending;
  }

  /** Ends the updated line, so that what follows starts on a line of its own. */
  done(): void {
    if (this.drawn) this.sink.write('\n');
    this.drawn = false;
  }
}
