// A trace written piece by piece to a temporary file that becomes the trace once complete: nothing of a
// recording, however large, is held in memory, and an interrupted write leaves no half trace behind.
import { once } from 'node:events';
import { accessSync, closeSync, constants, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createGzip } from 'node:zlib';

export interface TraceFile {
  /** Appends text, in the order given. */
  write(text: string | Buffer): void;
  /** Ends the file (with a newline unless `newline` is false) and puts it in place. */
  commit(newline?: boolean): void;
  /** Removes what was written. */
  abandon(): void;
}

export function traceFile(path: string): TraceFile {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  let open = true;
  const close = (): void => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (text) => void (typeof text === 'string' ? writeSync(fd, text) : writeSync(fd, text)),
    commit: (newline = true) => {
      if (newline) writeSync(fd, '\n');
      close();
      renameSync(partial, path);
    },
    abandon: () => {
      close();
      rmSync(partial, { force: true });
    },
  };
}

export interface TraceOutput {
  write(text: string | Buffer): Promise<void>;
  commit(): Promise<void>;
  abandon(): void;
}

/**
 * The trace file `gpumem record` writes: gzipped as it goes when the name ends in .gz, as one gzip member
 * (Chromium's DecompressionStream, which the viewer reads with, stops at the end of the first), else text.
 */
export function traceOutput(path: string): TraceOutput {
  const file = traceFile(path);
  if (!path.endsWith('.gz')) {
    return { write: async (t) => file.write(t), commit: async () => file.commit(), abandon: () => file.abandon() };
  }
  const gz = createGzip();
  gz.on('data', (chunk: Buffer) => file.write(chunk));
  return {
    write: async (t) => {
      if (!gz.write(t)) await once(gz, 'drain');
    },
    commit: async () => {
      const ended = once(gz, 'end');
      // The text ends with a newline, as a plain trace does; the gzip around it is the file.
      gz.end('\n');
      await ended;
      file.commit(false);
    },
    abandon: () => {
      gz.destroy();
      file.abandon();
    },
  };
}

/** Why a trace could not be written at `path`, checked before a recording starts; null when it can. */
export function unwritable(path: string): string | null {
  const full = resolve(path);
  if (existsSync(full) && statSync(full).isDirectory()) return `${path} is a directory`;
  const dir = dirname(full);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `${dirname(path)} is not a directory`;
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(full)) accessSync(full, constants.W_OK);
  } catch {
    return `${path} cannot be written (permission denied)`;
  }
  return null;
}
