// A trace as JSON text in bounded pieces, and its digest. A recording of a million objects is several
// hundred MB of JSON: more than one string can hold in V8 (about 512 M characters) and far more than one
// extension message may carry (64 MiB), so every writer (the panel's Export, gpumem record) takes the text
// piece by piece, and readers that only print (the CLI summary) take the digest.
import type { PendingAlert } from './rules/rules';
import type { Trace, TraceAlert } from './trace-types';

/** Characters per piece: well under the extension message cap, large enough that a piece costs one message. */
export const TRACE_PIECE_CHARS = 4 * 1024 * 1024;

const ARRAYS = ['events', 'objects', 'contexts', 'alerts'] as const;

/**
 * The compact JSON of `trace` (what JSON.stringify gives) as pieces of about `pieceChars` characters: the
 * head, then the elements of each array a run at a time. Lazy, so the whole text never exists at once.
 */
export function* traceJsonPieces(trace: Trace, pieceChars = TRACE_PIECE_CHARS): Generator<string, void, undefined> {
  let piece = `{"format":${JSON.stringify(trace.format)},"version":${JSON.stringify(trace.version)},"meta":${JSON.stringify(trace.meta)}`;
  for (const name of ARRAYS) {
    piece += `,"${name}":[`;
    const list: readonly unknown[] = trace[name];
    const parts: string[] = [];
    let chars = piece.length;
    for (let i = 0; i < list.length; i++) {
      const text = JSON.stringify(list[i]) ?? 'null';
      parts.push(i === 0 ? text : `,${text}`);
      chars += text.length + 1;
      if (chars >= pieceChars) {
        yield piece + parts.join('');
        piece = '';
        parts.length = 0;
        chars = 0;
      }
    }
    piece += parts.join('') + ']';
  }
  yield `${piece},"summary":${JSON.stringify(trace.summary)}}`;
}

/** What a summary prints of a trace: its meta, totals and alerts, and how many of each thing it holds. */
export interface TraceDigest {
  meta: Trace['meta'];
  summary: Trace['summary'];
  alerts: TraceAlert[];
  /** Alerts whose condition held when the recording ended but whose grace had not run out (a live recording's). */
  pending?: PendingAlert[];
  counts: {
    events: number;
    objects: number;
    contexts: number;
    /** Dedicated workers and canvases handed to workers: their GPU use is not instrumented. */
    notInstrumented: number;
  };
}

export function digestOf(trace: Trace): TraceDigest {
  return {
    meta: trace.meta,
    summary: trace.summary,
    alerts: trace.alerts,
    counts: {
      events: trace.events.length,
      objects: trace.objects.length,
      contexts: trace.contexts.length,
      notInstrumented: trace.contexts.filter((c) => c.worker || c.transferred).length,
    },
  };
}
