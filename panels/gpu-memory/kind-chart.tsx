// A uPlot chart of one measure (bytes or count) per kind over time. Created once per set of kinds, then
// streamed with setData.
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatBytes, type Kind, type SessionStore } from '../../src/model/model';
import { kindColor } from './kind-colors';
import { chartUpdated } from './perf';
import { chartColors, type Theme } from './theme';

const HEIGHT = 180;
/** Narrower than this the axes leave no room to plot. */
const MIN_WIDTH = 160;

const widthOf = (el: HTMLElement): number => Math.max(MIN_WIDTH, Math.floor(el.clientWidth));

interface Props {
  store: SessionStore;
  measure: 'bytes' | 'count';
  /** ms since the session start; the last point is drawn at this time so lines reach "now". */
  now: number;
  version: number;
  title: string;
  /**
   * True while a recording's history loads: the chart keeps what it shows. Drawing it cost a tenth of a
   * second each time, so redrawing it while loading delayed the first full view by as much.
   */
  paused: boolean;
  /** The time range chosen on either chart (ms): both show it, and the objects view lists its allocations. */
  range: { from: number; to: number } | null;
  /** A drag across the chart chose a range (ms), or a double-click gave it up (null). */
  onRange: (r: [number, number] | null) => void;
}

function drawSnapshots(u: uPlot, store: SessionStore, color: string): void {
  const snaps = store.snapshots;
  let drawn = 0;
  const { ctx, bbox } = u;
  const dpr = devicePixelRatio || 1;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.setLineDash([4 * dpr, 3 * dpr]);
  ctx.lineWidth = dpr;
  ctx.font = `${10 * dpr}px system-ui, sans-serif`;
  snaps.forEach((s, i) => {
    const x = Math.round(u.valToPos(s.t / 1000, 'x', true));
    if (x < bbox.left || x > bbox.left + bbox.width) return;
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.fillText(`S${i + 1}`, x + 2 * dpr, bbox.top + 10 * dpr);
    drawn++;
  });
  ctx.restore();
  // How many it drew, for tests (a canvas has no DOM to read).
  u.root.dataset.snapshotMarks = String(drawn);
}

export function KindChart({ store, measure, now, version, title, paused, range, onRange }: Props) {
  const rangeCb = useRef(onRange);
  rangeCb.current = onRange;
  const rangeNow = useRef(range);
  rangeNow.current = range;
  // The draw hook reads the snapshots of the store shown now (the chart outlives a store change's render).
  const storeNow = useRef(store);
  storeNow.current = store;
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<{ u: uPlot; kinds: string } | null>(null);
  // Following the live edge, each update rescales to all the data; a zoom (drag on the chart) stops that
  // until the user asks for it back (the button, or a double-click, which uPlot answers by showing all).
  const [following, setFollowing] = useState(true);
  const follow = useRef(true);
  const followLive = (on: boolean): void => {
    follow.current = on;
    setFollowing(on);
  };

  useEffect(() => {
    const el = host.current;
    if (!el || paused) return;
    const t0 = performance.now();
    const series = store.series;
    const columns = measure === 'bytes' ? series.bytes : series.count;
    const kinds = [...columns.keys()] as Kind[];
    const key = kinds.join(',');
    const xs = series.xs.map((t) => t / 1000);
    const ys = kinds.map((k) => columns.get(k)!.slice());
    if (xs.length > 0 && now / 1000 > xs[xs.length - 1]!) {
      xs.push(now / 1000);
      for (let i = 0; i < ys.length; i++) ys[i]!.push(ys[i]![ys[i]!.length - 1] ?? 0);
    }
    const data = [xs, ...ys] as uPlot.AlignedData;
    if (!plot.current || plot.current.kinds !== key) {
      plot.current?.u.destroy();
      const mark = (u: uPlot): void => {
        el.dataset.xMin = String(u.scales.x!.min);
        el.dataset.xMax = String(u.scales.x!.max);
      };
      const theme = (document.documentElement.dataset.theme ?? 'light') as Theme;
      const { text, grid } = chartColors(theme);
      const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      const u = new uPlot(
        {
          title,
          width: widthOf(el),
          height: HEIGHT,
          scales: { x: { time: false } },
          axes: [
            { ...axis, label: 's' },
            { ...axis, values: (_u, vals) => vals.map((v) => (measure === 'bytes' ? formatBytes(v) : String(v))), size: 70 },
          ],
          hooks: {
            // Each snapshot as a dashed line with its number, where it was taken.
            draw: [(u) => drawSnapshots(u, storeNow.current, text)],
            setScale: [
              (u, scaleKey) => {
                if (scaleKey === 'x') mark(u);
              },
            ],
          },
          series: [
            { label: 't (s)' },
            ...kinds.map((k) => ({
              label: k,
              stroke: kindColor(k),
              width: 1.5,
              value: (_u: uPlot, v: number | null) => (v == null ? '' : measure === 'bytes' ? formatBytes(v) : String(v)),
            })),
          ],
        },
        data,
        el,
      );
      plot.current = { u, kinds: key };
      // A chart made again (a new kind appeared) keeps the chosen range.
      const r = rangeNow.current;
      if (r) u.setScale('x', { min: r.from / 1000, max: r.to / 1000 });
      mark(u);
      // A drag across the chart chooses a range and zooms to it (uPlot applies the zoom on the document's
      // mouseup, after this one, so the selection is still there to read).
      u.over.addEventListener('mouseup', () => {
        if (u.select.width <= 2) return;
        followLive(false);
        const a = u.posToVal(u.select.left, 'x');
        const b = u.posToVal(u.select.left + u.select.width, 'x');
        rangeCb.current([Math.max(0, Math.round(a * 1000)), Math.max(0, Math.round(b * 1000))]);
      });
      // uPlot shows all the data again on a double-click: that is following the live edge again.
      u.over.addEventListener('dblclick', () => {
        followLive(true);
        rangeCb.current(null);
      });
    } else {
      plot.current.u.setData(data, follow.current);
    }
    chartUpdated(performance.now() - t0);
  }, [version, now, measure, store, paused]);

  // The other chart's range is this one's too; giving it up follows the live edge again.
  useEffect(() => {
    const u = plot.current?.u;
    if (!u) return;
    if (range) {
      followLive(false);
      const min = range.from / 1000;
      const max = range.to / 1000;
      if (u.scales.x!.min !== min || u.scales.x!.max !== max) u.setScale('x', { min, max });
    } else if (!follow.current) {
      followLive(true);
      u.setData(u.data, true);
    }
  }, [range?.from, range?.to, paused]);

  // The chart follows its cell's width: the panel is docked narrow or wide, and resized at will.
  useEffect(() => {
    const el = host.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(() => {
      const u = plot.current?.u;
      if (u && u.width !== widthOf(el)) u.setSize({ width: widthOf(el), height: HEIGHT });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => () => plot.current?.u.destroy(), []);

  return (
    <div class="chart-cell">
      <div class="chart" data-testid={`chart-${measure}`} data-points={store.series.xs.length} data-follow={following ? 'yes' : 'no'} ref={host} />
      {!following && (
        <button
          class="follow"
          data-testid={`follow-${measure}`}
          title="Show all the data and keep up with it as it comes"
          onClick={() => {
            followLive(true);
            rangeCb.current(null);
            const u = plot.current?.u;
            if (u) u.setData(u.data, true);
          }}
        >
          follow live
        </button>
      )}
    </div>
  );
}
