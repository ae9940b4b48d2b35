// Saves a trace's JSON text, given in pieces, through the browser's download of a blob URL: a Blob takes
// the pieces as they are, so a trace larger than one string can hold still saves.
import type { Trace } from '../../src/model/model';

export function traceFileName(meta: Trace['meta']): string {
  let host = 'page';
  try {
    host = new URL(meta.url).host.replace(/[^a-zA-Z0-9.-]/g, '_') || 'page';
  } catch {
    // not a URL (about:blank, empty): keep the default
  }
  const stamp = meta.startedAt.replace(/[:.]/g, '-');
  return `gpumem-${host}-${stamp}.json`;
}

export function downloadPieces(pieces: string[], meta: Trace['meta']): void {
  const blob = new Blob(pieces, { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = traceFileName(meta);
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
