// What the agent keeps per tracked object, and the states of its use in animation frames: a leaf module
// that the tracker, the frame watch and the hooks share, so that none of them imports another for a type.
/** ObjState.use values. */
export const Use = { None: 0, Watched: 1, Flagged: 2 } as const;

export interface ObjState {
  id: number;
  ctx: number;
  bytes: number;
  released: boolean;
  /** Made in the current task: its Create op has not gone out yet. */
  pending: boolean;
  /** Its index in the tracker's pending lists while pending. */
  slot: number;
  /** Largest size it had. */
  peak: number;
  /** Kind-specific bookkeeping (a texture's images), set by the hooks that need it. */
  extra: unknown;
  /** The page object while pending; never held after, so that the registry's held value holds no object. */
  obj: object | undefined;
  /** KIND_CODE[kind]. */
  code: number;
  /** Its creation stack, raw, while pending (see stack-capture.ts). */
  trace: object | undefined;
  /** The frame it was made in, when the outlived-frame rule watches it (frame-watch.ts); else -1. */
  frame: number;
  /** Use.None, Use.Watched or Use.Flagged (frame-watch.ts). */
  use: number;
  /** A container's watched objects (a vertex array's buffers, a bind group's resources): used when it is. */
  holds: ObjState[] | undefined;
}
