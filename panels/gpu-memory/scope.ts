// What the objects view lists instead of the whole recording: an alert's objects, a snapshot, a
// comparison's new or freed objects, or a time range's allocations.
import type { GroupBy, TraceObject } from '../../src/model/model';

export interface Scope {
  /** Names the scope: the view keeps its place while the key stays. */
  key: string;
  /** What the objects are, in words ("the 12 objects new at Snapshot 2"). */
  title: string;
  objects: TraceObject[];
  /** The list is exactly these objects, released ones included: the state filter does not apply. */
  exact: boolean;
  /** The grouping the view switches to when the scope is chosen (null: the user's). */
  group: GroupBy | null;
}
