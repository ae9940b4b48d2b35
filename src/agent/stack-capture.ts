// Creation stacks: captured raw when an object is made (V8 keeps the frames and formats them only when
// `stack` is first read), formatted only for objects that survive their task, and trimmed to the page's
// frames. Capturing costs about 7 µs on these machines (V8 rebuilds every optimized frame it walks), more
// than the GL call, so a kind whose objects the current task has already made and deleted
// CHURN_CAPTURE_LIMIT times gets no more stacks in that task: churn loops never survive, and a survivor
// from such a loop is rare and says so (no site).
import { CAPTURE_DEPTH, IgnoreList, locationOf, pageFrames } from '../model/model';
import { ArrayJoin } from './natives';

export const CHURN_CAPTURE_LIMIT = 2;

type CaptureFn = (target: object) => void;

export class StackCapture {
  private readonly captureFn: CaptureFn | undefined;
  private readonly E: object = Error;
  private readonly own: string[];
  /** Raw stack text -> trimmed short stack: a site makes the same text for every object it creates. */
  private readonly cache = new Map<string, string>();
  /** Library code by the default list: its frames between the library call and the page's code are left out. */
  private readonly library = new IgnoreList();
  private readonly isLibrary = (frame: string): boolean => this.library.ignores(frame);

  /** `own`: location prefixes of the extension's scripts; by default the script this runs in. */
  constructor(own?: string[]) {
    const c = (Error as { captureStackTrace?: (t: object) => void }).captureStackTrace;
    this.captureFn = typeof c === 'function' ? c.bind(Error) : undefined;
    this.own = own ?? [ownScript(new Error().stack ?? '')];
  }

  /** A holder of the current stack, or undefined where the engine cannot capture one cheaply. */
  capture(): object | undefined {
    if (!this.captureFn) return undefined;
    const holder = {};
    // Deep enough to reach the page's code through a library's render loop. Only a plain number the page
    // set (or V8's 10) is raised, and put back at once: an accessor would run page code.
    const E = this.E as { stackTraceLimit?: unknown };
    const d = Object.getOwnPropertyDescriptor(E, 'stackTraceLimit');
    if (d && 'value' in d && d.writable && typeof d.value === 'number' && d.value < CAPTURE_DEPTH) {
      E.stackTraceLimit = CAPTURE_DEPTH;
      try {
        this.captureFn(holder);
      } finally {
        E.stackTraceLimit = d.value;
      }
    } else {
      this.captureFn(holder);
    }
    return holder;
  }

  /**
   * The page's frames of a captured stack, innermost first, one per line (the first is the site); '' when
   * there are none. The page's own Error.prepareStackTrace is set aside while V8 formats: it must not run.
   */
  format(holder: object): string {
    const E = this.E as unknown as { prepareStackTrace?: unknown };
    const d = Object.getOwnPropertyDescriptor(E, 'prepareStackTrace');
    let raw: unknown;
    if (d && 'value' in d && d.value !== undefined) {
      // V8 calls a data property only; a page's non-writable one would run page code: no stack then.
      if (!d.writable) return '';
      E.prepareStackTrace = undefined;
      try {
        raw = (holder as { stack?: unknown }).stack;
      } finally {
        E.prepareStackTrace = d.value;
      }
    } else {
      raw = (holder as { stack?: unknown }).stack;
    }
    if (typeof raw !== 'string') return '';
    let out = this.cache.get(raw);
    if (out === undefined) {
      out = ArrayJoin(pageFrames(raw, this.own, this.isLibrary), '\n');
      if (this.cache.size >= 1024) this.cache.clear();
      this.cache.set(raw, out);
    }
    return out;
  }
}

/** The agent's own script URL, from a stack taken inside it: its frames are left out of every site. */
function ownScript(stack: string): string {
  for (const raw of stack.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('at ')) continue;
    return locationOf(line).replace(/:\d+:\d+$/, '');
  }
  return '';
}
