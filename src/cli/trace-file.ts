// A trace written piece by piece to a temporary file that becomes the trace once complete: nothing of a
// recording, however large, is held in memory, and an interrupted write leaves no half trace behind.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

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
