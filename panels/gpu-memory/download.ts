// Saves a trace's JSON text, given in pieces, through the browser's download of a blob URL. Each piece
// becomes a Blob at once and the file is a Blob of those, so the text of a million-object trace (about
// 500 MB) is never all in the panel's heap as strings. Chromium cancels the download of a blob past
// 512 MiB, so a trace that large is saved gzipped (about twenty times smaller).
import type { Trace } from '../../src/model/model';

/**
 * Characters of JSON past which the file is gzipped: a character takes at most 3 bytes in UTF-8 (one
 * UTF-16 unit), so 160 Mi characters stay below the 512 MiB a blob download can hold.
 */
export const GZIP_OVER_CHARS = 160 * 1024 * 1024;

/** What a saved file holds: a gpumem trace, or the same in Chrome's Trace Event Format. */
export type TraceFileFormat = 'gpumem' | 'chrome';

export function traceFileName(meta: Trace['meta'], gzipped = false, format: TraceFileFormat = 'gpumem'): string {
  let host = 'page';
  try {
    host = new URL(meta.url).host.replace(/[^a-zA-Z0-9.-]/g, '_') || 'page';
  } catch {
    // not a URL (about:blank, empty): keep the default
  }
  const stamp = meta.startedAt.replace(/[:.]/g, '-');
  return `gpumem-${host}-${stamp}${format === 'chrome' ? '.chrome-trace' : ''}.json${gzipped ? '.gz' : ''}`;
}

/** What was saved: the file's name and size in bytes, and whether it is gzipped. */
export interface Saved {
  name: string;
  bytes: number;
  gzipped: boolean;
}

/** How long the file's blob URL stays valid: a download of 500 MB must have read it by then. */
const KEEP_URL_MS = 10 * 60_000;

/** Lets the piece just made be collected before the next is made. */
const breathe = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** A stream that gzips what is written to it, and the Blob of its output once the writer is closed. */
function gzipInto(): { writer: WritableStreamDefaultWriter<BufferSource>; done: Promise<Blob> } {
  const cs = new CompressionStream('gzip');
  const done = (async () => {
    const out: BlobPart[] = [];
    const reader = cs.readable.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) out.push(r.value as Uint8Array<ArrayBuffer>);
    return new Blob(out, { type: 'application/gzip' });
  })();
  return { writer: cs.writable.getWriter(), done };
}

/**
 * The file of a trace's JSON pieces: a Blob of them, or past `gzipOverChars` characters their gzip. Works
 * wherever Blob and CompressionStream do (the panel, Node).
 */
export async function traceBlob(
  pieces: Iterable<string>,
  meta: Trace['meta'],
  gzipOverChars = GZIP_OVER_CHARS,
  format: TraceFileFormat = 'gpumem',
): Promise<{ file: Blob; saved: Saved }> {
  const parts: Blob[] = [];
  let chars = 0;
  let gz: ReturnType<typeof gzipInto> | null = null;
  const encoder = new TextEncoder();
  for (const piece of pieces) {
    chars += piece.length;
    if (gz) {
      await gz.writer.write(encoder.encode(piece));
    } else if (chars > gzipOverChars) {
      // Past the bound: what was kept so far goes into the gzip stream first, in order.
      gz = gzipInto();
      for (const part of parts) await gz.writer.write(new Uint8Array(await part.arrayBuffer()));
      parts.length = 0;
      await gz.writer.write(encoder.encode(piece));
    } else {
      parts.push(new Blob([piece]));
    }
    await breathe();
  }
  let file: Blob;
  if (gz) {
    await gz.writer.close();
    file = await gz.done;
  } else {
    file = new Blob(parts, { type: 'application/json' });
  }
  return { file, saved: { name: traceFileName(meta, gz !== null, format), bytes: file.size, gzipped: gz !== null } };
}

/** Saves a trace's JSON pieces as a download (gzipped when large). */
export async function downloadPieces(pieces: Iterable<string>, meta: Trace['meta'], format: TraceFileFormat = 'gpumem'): Promise<Saved> {
  const { file, saved } = await traceBlob(pieces, meta, GZIP_OVER_CHARS, format);
  const url = URL.createObjectURL(file);
  const a = document.createElement('a');
  a.href = url;
  a.download = saved.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
  return saved;
}
