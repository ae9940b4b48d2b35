// A worker of the panel and the viewer that reads a trace file (gunzip, decode, parse, check field by
// field) off the page's thread, then hands over its meta and its events in pieces the page replays in
// slices: a 133 MB trace took the page's thread 3 s in one go where this takes it tens of milliseconds at
// a time. Replies: { meta, count }, { events } pieces, { done }, or { error }.
import { isGzip, parseTraceText } from '../../src/model/trace-read';

/** Characters one string can hold in Chromium (2^29 - 24): a trace past it cannot be parsed whole. */
const MAX_CHARS = 2 ** 29 - 24;
/** Events per piece handed over: small enough that taking one in costs the page a few milliseconds. */
const PIECE = 10_000;

export type TraceFileReply =
  | { type: 'meta'; meta: import('../../src/model/model').Trace['meta']; count: number }
  | { type: 'events'; events: import('../../src/model/model').TraceEvent[] }
  | { type: 'done' }
  | { type: 'error'; message: string };

const post = (m: TraceFileReply): void => postMessage(m);

async function read(file: File): Promise<void> {
  let bytes = new Uint8Array(await file.arrayBuffer());
  if (isGzip(bytes)) {
    try {
      bytes = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
    } catch (e) {
      throw new Error(`a gzip file that does not decompress (${(e as Error).message})`);
    }
  }
  if (bytes.length > MAX_CHARS) throw new Error(`${Math.round(bytes.length / 2 ** 20)} MiB of JSON, more than one string can hold here (512 MiB)`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('not a text file (it is not UTF-8)');
  }
  const trace = parseTraceText(text);
  post({ type: 'meta', meta: trace.meta, count: trace.events.length });
  for (let i = 0; i < trace.events.length; i += PIECE) post({ type: 'events', events: trace.events.slice(i, i + PIECE) });
  post({ type: 'done' });
}

onmessage = (e: MessageEvent<File>) => {
  read(e.data).catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
