// Reads a trace file from disk (plain or gzipped JSON, whatever its name) into a checked trace; every
// failure names the file and says why, down to the field.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { SessionStore, type Trace } from '../model/model';
import { isGzip, parseTraceText } from '../model/trace-read';

export class TraceFileError extends Error {
  override name = 'TraceFileError';
}

/** The most characters one string holds in V8 (2^29 - 24): a larger trace cannot be parsed whole. */
const MAX_CHARS = 2 ** 29 - 24;

export function readTraceFile(path: string): Trace {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TraceFileError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a trace file' : (e as Error).message}`);
  }
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new TraceFileError(`${path}: a gzip file that does not decompress (${(e as Error).message})`);
    }
  }
  if (bytes.length > MAX_CHARS) {
    throw new TraceFileError(`${path}: ${Math.round(bytes.length / 2 ** 20)} MiB of JSON, more than one string can hold here (512 MiB)`);
  }
  try {
    return parseTraceText(bytes.toString('utf8'));
  } catch (e) {
    throw new TraceFileError(`${path}: ${(e as Error).message}`);
  }
}

/** The trace replayed into a store: its alerts and snapshots computed as the panel computes them. */
export function loadTrace(path: string): SessionStore {
  return SessionStore.fromTrace(readTraceFile(path));
}
