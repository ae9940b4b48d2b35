// Opens a trace file the user chose or dropped (plain or gzipped JSON) as a recording of its own beside the
// tab's: checked field by field first (trace-read.ts), so a bad file changes nothing and says why.
import { pageLeftAt, SessionStore } from '../../src/model/model';
// Only the pages that open files carry the schema's checker (not the background, popup or page agent).
import { isGzip, parseTraceText } from '../../src/model/trace-read';
import type { PastRecording } from './feed';

/** A trace file opened in the panel or the viewer. */
export interface OpenedTrace extends PastRecording {
  /** The file's name, as the user's system gives it. */
  name: string;
}

/** Characters one string can hold in Chromium (2^29 - 24): a trace past it cannot be parsed whole. */
const MAX_CHARS = 2 ** 29 - 24;

export class OpenTraceError extends Error {
  override name = 'OpenTraceError';
}

export async function openTraceFile(file: File): Promise<OpenedTrace> {
  let bytes = new Uint8Array(await file.arrayBuffer());
  if (isGzip(bytes)) {
    try {
      bytes = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
    } catch (e) {
      throw new OpenTraceError(`a gzip file that does not decompress (${(e as Error).message})`);
    }
  }
  if (bytes.length > MAX_CHARS) throw new OpenTraceError(`${Math.round(bytes.length / 2 ** 20)} MiB of JSON, more than one string can hold here (512 MiB)`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new OpenTraceError('not a text file (it is not UTF-8)');
  }
  const trace = parseTraceText(text);
  const store = SessionStore.fromTrace(trace);
  const endedAt = store.lastTime();
  const started = store.startedAt ?? Date.now();
  return { store, name: file.name, endedAt, endedAtEpoch: started + endedAt, heldAt: pageLeftAt(store.events) ?? endedAt };
}
