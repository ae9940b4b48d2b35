// `gpumem diff`: the live sets at two points (a trace's end or one of its snapshots, in one trace or two)
// compared per kind and per creation site, the growth limits a CI job sets, and the result as text or JSON.
// Every string a page chose (sites) goes through terminalSafe before a terminal sees it.
import { formatBytes } from './format-bytes';
import { terminalSafe } from './page-text';
import type { SessionStore } from './session-store';
import { type Comparison, compareSnapshots, type DeltaRow, siteWithoutOrigin, type Snapshot, takeSnapshot } from './snapshots';

export class DiffPointError extends Error {
  override name = 'DiffPointError';
}

export interface DiffPoint {
  /** The file the point is in. */
  file: string;
  /** 'end', or the snapshot's name. */
  at: string;
  snapshot: Snapshot;
}

/**
 * The live set of `store` at `which`: undefined or 'end' for the end of the recording, else a snapshot by
 * id, name, or 1-based number.
 */
export function diffPoint(store: SessionStore, file: string, which: string | undefined): DiffPoint {
  if (which === undefined || which === 'end') {
    return { file, at: 'end', snapshot: takeSnapshot('end', 'end', store.lastTime(), store.objects.values()) };
  }
  const n = /^\d+$/.test(which) ? Number(which) : NaN;
  const s = store.snapshots.find((x) => x.id === which || x.name === which) ?? (n >= 1 ? store.snapshots[n - 1] : undefined);
  if (!s) {
    const names = store.snapshots.map((x, i) => `${i + 1}: ${JSON.stringify(x.name)}`).join(', ');
    throw new DiffPointError(`${file} has no snapshot ${JSON.stringify(which)} (${names ? `it has ${names}` : 'it has none'}; or use "end")`);
  }
  return { file, at: s.name, snapshot: s };
}

export interface GrowthLimits {
  /** Bytes the total may grow by. */
  total?: number;
  /** Bytes each kind may grow by. */
  perKind: ReadonlyMap<string, number>;
}

export interface OverLimit {
  /** 'total' or a kind. */
  what: string;
  growth: number;
  limit: number;
}

export function overLimits(c: Comparison, limits: GrowthLimits): OverLimit[] {
  const out: OverLimit[] = [];
  if (limits.total !== undefined && c.total.bytes > limits.total) out.push({ what: 'total', growth: c.total.bytes, limit: limits.total });
  for (const [kind, limit] of limits.perKind) {
    const growth = c.byKind.find((r) => r.key === kind)?.bytes ?? 0;
    if (growth > limit) out.push({ what: kind, growth, limit });
  }
  return out;
}

export interface TraceDiff {
  from: DiffPoint;
  to: DiffPoint;
  comparison: Comparison;
  over: OverLimit[];
  /** Both points are in one recording: objects are matched by id (new and freed counts mean something). */
  sameRecording: boolean;
}

/**
 * Two recordings (two runs of an app, likely served on different ports) are compared by sites without
 * their scripts' origins; one recording by its sites as they are.
 */
export function diffPoints(from: DiffPoint, to: DiffPoint, limits: GrowthLimits, sameRecording: boolean): TraceDiff {
  const comparison = compareSnapshots(from.snapshot, to.snapshot, null, sameRecording ? undefined : siteWithoutOrigin);
  return { from, to, comparison, over: overLimits(comparison, limits), sameRecording };
}

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
const signedBytes = (n: number): string => (n > 0 ? `+${formatBytes(n)}` : n < 0 ? `-${formatBytes(-n)}` : '0 B');

/** Rows that changed, most growth first; at most `max` of them. */
function changed(rows: DeltaRow[], max: number): DeltaRow[] {
  return rows.filter((r) => r.count !== 0 || r.bytes !== 0 || r.added.count > 0 || r.freed.count > 0).slice(0, max);
}

export function diffText(d: TraceDiff, maxSites = 20): string {
  const c = d.comparison;
  const point = (p: DiffPoint): string => `${terminalSafe(p.file)} (${p.at === 'end' ? 'end' : `snapshot ${JSON.stringify(terminalSafe(p.at))}`}, ${(p.snapshot.t / 1000).toFixed(1)} s)`;
  const lines = [`GPU memory from ${point(d.from)} to ${point(d.to)}`];
  lines.push(`  total: ${signed(c.total.count)} objects, ${signedBytes(c.total.bytes)} (${c.base.objects.length} → ${c.target.objects.length} objects, ${formatBytes(c.base.totalBytes)} → ${formatBytes(c.target.totalBytes)})`);
  const table = (title: string, rows: DeltaRow[], all: number): void => {
    lines.push(`  per ${title}:${rows.length === 0 ? ' no change' : ''}`);
    for (const r of rows) {
      const moved = d.sameRecording ? `  (${r.added.count} new, ${r.freed.count} freed)` : '';
      lines.push(`    ${signedBytes(r.bytes).padStart(12)}  ${signed(r.count).padStart(6)} objects  (${r.base.count} → ${r.target.count})  ${terminalSafe(r.key)}${moved}`);
    }
    if (all > rows.length) lines.push(`    … ${all - rows.length} more`);
  };
  table('kind', changed(c.byKind, Infinity), changed(c.byKind, Infinity).length);
  table('creation site', changed(c.bySite, maxSites), changed(c.bySite, Infinity).length);
  if (d.over.length === 0) lines.push('  growth limits: none exceeded');
  else {
    lines.push('  over the growth limits:');
    for (const o of d.over) lines.push(`    ${o.what}: grew ${signedBytes(o.growth)} (${o.growth} B), limit ${formatBytes(o.limit)} (${o.limit} B)`);
  }
  return lines.join('\n');
}

export function diffJson(d: TraceDiff): unknown {
  const c = d.comparison;
  const point = (p: DiffPoint) => ({ file: p.file, at: p.at, t: p.snapshot.t, count: p.snapshot.objects.length, bytes: p.snapshot.totalBytes });
  const row = (r: DeltaRow) => ({
    key: r.key, base: r.base, target: r.target, count: r.count, bytes: r.bytes,
    ...(d.sameRecording ? { added: r.added, freed: r.freed } : {}),
  });
  return {
    from: point(d.from),
    to: point(d.to),
    sameRecording: d.sameRecording,
    total: c.total,
    byKind: c.byKind.map(row),
    bySite: c.bySite.map(row),
    over: d.over,
  };
}
