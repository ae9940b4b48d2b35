// A trace written piece by piece to a temporary file that becomes the trace once complete: nothing of a
// recording, however large, is held in memory, and an interrupted write leaves no half trace behind.
import { accessSync, closeSync, constants, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface TraceFile {
  /** Appends text, in the order given. */
  write(text: string | Buffer): void;
  /** Ends the file and puts it in place. */
  commit(): void;
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
    commit: () => {
      writeSync(fd, '\n');
      close();
      renameSync(partial, path);
    },
    abandon: () => {
      close();
      rmSync(partial, { force: true });
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
