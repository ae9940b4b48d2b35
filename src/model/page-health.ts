// What `gpumem record` saw of the page besides its GPU memory: uncaught errors, a crashed renderer, a load
// that failed, a recording cut short. It goes into the trace (meta.page) and the summary; its messages are
// the page's own text, so they are bounded here and made terminal-safe where printed.
import { terminalSafe } from './page-text';

export interface PageError {
  /** ms after the recording's start. */
  t: number;
  message: string;
}

export interface PageHealth {
  /** Uncaught exceptions and unhandled rejections, the first MAX_PAGE_ERRORS. */
  errors: PageError[];
  /** Errors past MAX_PAGE_ERRORS, counted only. */
  droppedErrors: number;
  /** When the page's renderer crashed (ms after the recording's start). */
  crashedAt?: number;
  /** Why the page did not load (navigation error, HTTP status, --wait-for selector that never came). */
  loadError?: string;
  /** Why the recording ended before it was due (a signal, the browser exiting). */
  interrupted?: string;
}

export const MAX_PAGE_ERRORS = 50;
/** Characters of one error message kept: a page can throw a megabyte. */
export const MAX_PAGE_ERROR_CHARS = 2000;

export function emptyPageHealth(): PageHealth {
  return { errors: [], droppedErrors: 0 };
}

/** Adds an error, within the bounds. */
export function addPageError(h: PageHealth, t: number, message: string): void {
  if (h.errors.length >= MAX_PAGE_ERRORS) {
    h.droppedErrors++;
    return;
  }
  const text = message.length > MAX_PAGE_ERROR_CHARS ? `${message.slice(0, MAX_PAGE_ERROR_CHARS)}… (${message.length} characters in all)` : message;
  h.errors.push({ t: Math.max(0, Math.round(t)), message: text });
}

/** How many things went wrong in the page itself (what --fail-on-page-error fails on). */
export function pageProblems(h: PageHealth | undefined): number {
  if (!h) return 0;
  return h.errors.length + h.droppedErrors + (h.crashedAt === undefined ? 0 : 1) + (h.loadError === undefined ? 0 : 1);
}

/** The summary's lines for the page's health; none when all was well. */
export function pageHealthLines(h: PageHealth | undefined): string[] {
  if (!h) return [];
  const lines: string[] = [];
  if (h.interrupted !== undefined) lines.push(`recording interrupted: ${terminalSafe(h.interrupted)}`);
  if (h.loadError !== undefined) lines.push(`page did not load: ${terminalSafe(h.loadError)}`);
  if (h.crashedAt !== undefined) lines.push(`page crashed at ${(h.crashedAt / 1000).toFixed(1)} s (its renderer process died)`);
  const n = h.errors.length + h.droppedErrors;
  if (n > 0) {
    lines.push(`page errors: ${n} uncaught${h.droppedErrors > 0 ? ` (the first ${h.errors.length} kept)` : ''}`);
    for (const e of h.errors.slice(0, 5)) lines.push(`  at ${(e.t / 1000).toFixed(1)} s: ${terminalSafe(e.message.split('\n')[0] ?? '')}`);
    if (h.errors.length > 5) lines.push(`  … ${h.errors.length - 5} more in the trace (meta.page.errors)`);
  }
  return lines;
}

/** The same health with its times made relative to `originMs` (the recording's start, on the same clock). */
export function rebasePageHealth(h: PageHealth, originMs: number): PageHealth {
  const at = (t: number): number => Math.max(0, Math.round(t - originMs));
  const out: PageHealth = { ...h, errors: h.errors.map((e) => ({ t: at(e.t), message: e.message })) };
  if (h.crashedAt !== undefined) out.crashedAt = at(h.crashedAt);
  return out;
}
