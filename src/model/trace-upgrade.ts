// Older traces keep opening: a trace of any version this tool has written is brought to the current one
// before it is replayed (docs/trace-format.md, "Versions").
import { type Trace, TRACE_VERSION, type TraceEvent } from './trace-types';

/** A version 1 trace: `unused` named its animation frame `frame` and its count `frames`, `late-texture` its count `frames`. */
export type TraceV1 = Omit<Trace, 'version' | 'events'> & { version: 1; events: unknown[] };

export class TraceVersionError extends Error {
  override name = 'TraceVersionError';
}

export function upgradeTrace(trace: Trace | TraceV1): Trace {
  const version = (trace as { version: unknown }).version;
  // Version 3 added the snapshot event: a version 2 trace is a version 3 trace without one.
  if (version === TRACE_VERSION) return trace as Trace;
  if (version === 2) return { ...(trace as Trace), version: TRACE_VERSION };
  if (version !== 1) {
    throw new TraceVersionError(`trace version ${JSON.stringify(version)} is not one this tool reads (1 to ${TRACE_VERSION})`);
  }
  const events = (trace as TraceV1).events.map((e) => {
    const ev = e as Record<string, unknown>;
    if (ev.op === 'unused') {
      const { frame, frames, ...rest } = ev;
      return { ...rest, animationFrame: frame, animationFrames: frames };
    }
    if (ev.op === 'late-texture') {
      const { frames, ...rest } = ev;
      return { ...rest, animationFrames: frames };
    }
    return ev;
  }) as TraceEvent[];
  return { ...(trace as TraceV1), version: TRACE_VERSION, events };
}
