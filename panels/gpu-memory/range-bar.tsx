// The time range chosen on a chart (drag across it): the objects view lists the objects allocated in it
// and still live at its end, or now, grouped by creation site: the Memory panel's allocation timeline.
import { formatBytes } from '../../src/model/model';

export interface TimeRange {
  /** ms since the recording's start. */
  from: number;
  to: number;
  /** Live at the range's end, or now (at the end of an ended recording). */
  liveAt: 'end' | 'now';
}

export function RangeBar({ range, count, bytes, ended, onLiveAt, onClear }: {
  range: TimeRange;
  count: number;
  bytes: number;
  ended: boolean;
  onLiveAt: (l: TimeRange['liveAt']) => void;
  onClear: () => void;
}) {
  return (
    <p class="selection" data-testid="range" data-from={range.from} data-to={range.to} data-count={count}>
      {count} objects ({formatBytes(bytes)}) allocated from {(range.from / 1000).toFixed(2)} s to {(range.to / 1000).toFixed(2)} s and still live{' '}
      <select data-testid="range-live" aria-label="Still live when" value={range.liveAt} onChange={(e) => onLiveAt((e.target as HTMLSelectElement).value as TimeRange['liveAt'])}>
        <option value="end">at the range's end</option>
        <option value="now">{ended ? 'at the end of the recording' : 'now'}</option>
      </select>{' '}
      <button data-testid="clear-range" title="Show all objects and follow the live edge again (or double-click a chart)" onClick={onClear}>clear range</button>
    </p>
  );
}
