// Saves a trace as a JSON file through the browser's download of a blob URL.
import type { Trace } from '../../src/model/model';

export function traceFileName(trace: Trace): string {
  let host = 'page';
  try {
    host = new URL(trace.meta.url).host.replace(/[^a-zA-Z0-9.-]/g, '_') || 'page';
  } catch {
    // not a URL (about:blank, empty): keep the default
  }
  const stamp = trace.meta.startedAt.replace(/[:.]/g, '-');
  return `gpumem-${host}-${stamp}.json`;
}

export function downloadTrace(trace: Trace): void {
  const blob = new Blob([JSON.stringify(trace, null, 1)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = traceFileName(trace);
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
